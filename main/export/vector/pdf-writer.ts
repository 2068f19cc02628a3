/**
 * Pages as PDF through pdfkit: vector paths (not an embedded image), real, selectable, searchable
 * text (Helvetica, or embedded DejaVu Sans for other scripts: pdf-fonts.ts), one PDF page per page.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Page, Pt, Shape } from '../../../shared/print/types.ts';
import { setFontFor } from './pdf-fonts.ts';

function tracePath(doc: PDFKit.PDFDocument, rings: readonly Pt[][], close: boolean): boolean {
  let any = false;
  for (const ring of rings) {
    if (ring.length < 2) continue;
    doc.moveTo(ring[0]![0], ring[0]![1]);
    for (let i = 1; i < ring.length; i++) doc.lineTo(ring[i]![0], ring[i]![1]);
    if (close) doc.closePath();
    any = true;
  }
  return any;
}

function drawShape(doc: PDFKit.PDFDocument, s: Shape): void {
  doc.save();
  switch (s.kind) {
    case 'fill':
      if (tracePath(doc, s.rings, true)) doc.fillOpacity(s.opacity ?? 1).fill(s.fill, 'even-odd');
      break;
    case 'lines':
      if (tracePath(doc, s.lines, false)) doc.lineWidth(s.width).lineJoin('round').lineCap('round').stroke(s.stroke);
      break;
    case 'box':
      doc.rect(s.rect.x, s.rect.y, s.rect.w, s.rect.h);
      if (s.fill && s.stroke) doc.lineWidth(s.width ?? 1).fillOpacity(s.opacity ?? 1).fillAndStroke(s.fill, s.stroke);
      else if (s.fill) doc.fillOpacity(s.opacity ?? 1).fill(s.fill);
      else if (s.stroke) doc.lineWidth(s.width ?? 1).stroke(s.stroke);
      break;
    case 'poly':
      tracePath(doc, [s.points], s.closed);
      if (s.fill && s.stroke) doc.lineWidth(s.width ?? 1).fillAndStroke(s.fill, s.stroke);
      else if (s.fill) doc.fill(s.fill);
      else if (s.stroke) doc.lineWidth(s.width ?? 1).stroke(s.stroke);
      break;
    case 'text': {
      const text = setFontFor(doc, s.text, s.bold === true);
      doc.fontSize(s.size);
      const w = doc.widthOfString(text);
      const x = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
      const options = { lineBreak: false, baseline: 'alphabetic' } as PDFKit.Mixins.TextOptions;
      if (s.halo) {
        doc.save().lineWidth(2.4).lineJoin('round').strokeColor('#ffffff');
        doc.text(text, x, s.y, { ...options, stroke: true, fill: false });
        doc.restore();
      }
      doc.fillColor(s.color).text(text, x, s.y, options);
      break;
    }
  }
  doc.restore();
}

function drawPage(doc: PDFKit.PDFDocument, page: Page): void {
  for (const layer of page.layers) {
    doc.save();
    if (layer.clip) doc.rect(layer.clip.x, layer.clip.y, layer.clip.w, layer.clip.h).clip();
    for (const s of layer.shapes) drawShape(doc, s);
    doc.restore();
  }
}

/** Write `pages` (all the same size) to `file` as one PDF. */
export async function writePdf(file: string, pages: readonly Page[], meta: { title: string; subject?: string }): Promise<void> {
  const first = pages[0];
  if (!first) throw new Error('A PDF needs at least one page.');
  const doc = new PDFDocument({
    size: [first.width, first.height],
    margin: 0,
    autoFirstPage: false,
    info: { Title: meta.title, Subject: meta.subject ?? '', Creator: 'Tessera', Producer: 'Tessera (pdfkit)' },
  });
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  for (const page of pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    drawPage(doc, page);
  }
  doc.end();
  await done;
}
