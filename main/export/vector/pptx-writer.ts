/**
 * The slide deck (pptxgenjs, 16:9): an overview slide with the whole plan and the balance table
 * (territory, rep, units, accounts, potential, deviation % from the metrics engine), then one slide
 * per territory with its map (the territory highlighted, neighbours muted), rep, totals and
 * deviations. Maps are native shapes (pptx-shapes.ts explains why).
 */
import fs from 'node:fs';

import { buildMap, type MapDrawing } from '../../../shared/print/map-model.ts';
import { DATA_CREDITS, footerShapes, GREY, INK, scaleBoxEstimate, scaleShapes, titleShapes } from '../../../shared/print/page-parts.ts';
import type { Rect, Shape } from '../../../shared/print/types.ts';
import type { ProgressFn } from '../layers.ts';
import { addShapes } from './pptx-shapes.ts';
import { PptxGenJS, type PptxSlide, type PptxTableCell, type PptxTableRow } from './pptx-types.ts';
import { measureText } from './text-metrics.ts';
import type { VectorPlan, VectorResult, VectorTerritory } from './vector-source.ts';


/** LAYOUT_WIDE: 13.333 × 7.5 in. */
const SLIDE = { width: 960, height: 540 };
const MARGIN = 30;
const MAP_TOP = 82;
const FOOTER_Y = SLIDE.height - 14;
const inch = (pt: number) => pt / 72;

export interface DeckOptions {
  title: string;
  date: string;
  labels: boolean;
}

export const formatMoney = (usd: number): string =>
  Math.abs(usd) >= 1e9 ? `$${(usd / 1e9).toFixed(2)}B` : Math.abs(usd) >= 1e6 ? `$${(usd / 1e6).toFixed(1)}M` : `$${Math.round(usd).toLocaleString('en-US')}`;
export const formatPct = (pct: number | null): string => (pct === null ? '–' : `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct).toFixed(1)}%`);
/** Deviation colour: within ±5 % fine, to ±10 % a warning, beyond off balance. */
const deviationColor = (pct: number | null) => (pct === null ? GREY : Math.abs(pct) <= 5 ? '#1b7f3b' : Math.abs(pct) <= 10 ? '#a15c00' : '#b3261e');

function mapShapes(map: MapDrawing): Shape[] {
  return [
    ...map.layers.flatMap((l) => l.shapes),
    { kind: 'box', id: 'map-frame', rect: map.frame, fill: null, stroke: '#9a9a9a', width: 0.6 },
    ...scaleShapes(map.frame, map.metresPerPt, measureText),
  ];
}

function footer(plan: VectorPlan, options: DeckOptions, map: MapDrawing): Shape[] {
  const note = [map.outlyingUnits ? `${map.outlyingUnits.toLocaleString('en-US')} outlying units not shown` : '', options.date].filter(Boolean).join(' · ');
  return footerShapes(MARGIN, FOOTER_Y, SLIDE.width - 2 * MARGIN, DATA_CREDITS, note, measureText);
}

export async function writePptx(file: string, plan: VectorPlan, options: DeckOptions, progress?: ProgressFn): Promise<VectorResult> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = options.title;
  pptx.subject = `Territory plan, scenario ${plan.scenario}`;
  pptx.company = 'Tessera';
  const total = plan.territories.length + 1;
  let drawn = 0;
  let source = 0;
  const count = (m: MapDrawing) => {
    drawn += m.vertices.drawn;
    source = m.vertices.source;
  };

  progress?.({ stage: 'pptx slides', done: 0, total });
  const overview = pptx.addSlide();
  const frame: Rect = { x: MARGIN, y: MAP_TOP, w: 560, h: FOOTER_Y - 16 - MAP_TOP };
  const map = buildMap(plan.input, { frame, labels: options.labels, measure: measureText, labelSize: 8, shrinkHeight: true, avoid: [scaleBoxEstimate(frame)] });
  count(map);
  const assignedUnits = plan.territories.reduce((s, t) => s + t.metrics.units, 0);
  addShapes(pptx, overview, [
    ...titleShapes(MARGIN, 24, options.title, `Scenario “${plan.scenario}” · ${plan.territories.length} territories · ${assignedUnits.toLocaleString('en-US')} units assigned`, 24),
    ...mapShapes(map),
    ...footer(plan, options, map),
  ]);
  addBalanceTable(overview, plan, { x: frame.x + frame.w + 18, y: MAP_TOP, w: SLIDE.width - MARGIN - (frame.x + frame.w + 18), h: frame.h });

  for (const [i, t] of plan.territories.entries()) {
    progress?.({ stage: 'pptx slides', done: i + 1, total });
    const slide = pptx.addSlide();
    const tFrame: Rect = { x: MARGIN, y: MAP_TOP, w: 600, h: FOOTER_Y - 16 - MAP_TOP };
    const tMap = buildMap(plan.input, { frame: tFrame, focus: t.id, labels: options.labels, measure: measureText, labelSize: 8, avoid: [scaleBoxEstimate(tFrame)] });
    count(tMap);
    addShapes(pptx, slide, [
      ...titleShapes(MARGIN, 24, t.name, `${t.rep ? `Rep: ${t.rep}` : 'No rep assigned'} · scenario “${plan.scenario}” · ${options.title}`, 24),
      ...mapShapes(tMap),
      ...footer(plan, options, tMap),
    ]);
    addTerritoryFigures(slide, plan, t, { x: tFrame.x + tFrame.w + 24, y: MAP_TOP, w: SLIDE.width - MARGIN - (tFrame.x + tFrame.w + 24), h: tFrame.h });
  }
  progress?.({ stage: 'pptx write', done: total, total });
  // `stream` is the output that honours `compression` (write() with 'nodebuffer' ignores it and stores).
  const data = (await pptx.stream({ compression: true })) as Buffer;
  fs.writeFileSync(file, data);
  return { pages: total, territories: plan.territories.length, vertices: { drawn, source } };
}

/** The balance table: one row per territory, the territory colour as a swatch cell. */
function addBalanceTable(slide: PptxSlide, plan: VectorPlan, box: Rect): void {
  const head = (text: string, align: 'left' | 'right' = 'left'): PptxTableCell => ({ text, options: { bold: true, color: 'FFFFFF', fill: { color: '3A3A3A' }, align } });
  const rows: PptxTableRow[] = [[head(''), head('Territory'), head('Rep'), head('Units', 'right'), head('Accounts', 'right'), head('Potential', 'right'), head('Dev.', 'right')]];
  for (const t of plan.territories) {
    const m = t.metrics;
    rows.push([
      { text: '', options: { fill: { color: t.color.replace('#', '').toUpperCase() } } },
      { text: t.name },
      { text: t.rep ?? '—', options: { color: t.rep ? '1F1F1F' : '8A8A8A' } },
      { text: m.units.toLocaleString('en-US'), options: { align: 'right' } },
      { text: m.accounts.toLocaleString('en-US'), options: { align: 'right' } },
      { text: formatMoney(m.potential), options: { align: 'right' } },
      { text: formatPct(m.compositeDeviationPct), options: { align: 'right', color: deviationColor(m.compositeDeviationPct).replace('#', '').toUpperCase() } },
    ]);
  }
  const n = rows.length;
  // Columns as wide as their longest text (measured in Arial), the type shrunk until the table fits
  // the box: no reader then wraps a number onto two lines.
  const cellText = (c: PptxTableCell) => (typeof c.text === 'string' ? c.text : '');
  const swatchW = 0.14;
  const pad = 0.08 + 0.06; // cell margins plus slack for the readers' own metrics
  const widthsAt = (size: number) =>
    rows[0]!.map((_, col) =>
      col === 0 ? swatchW : Math.max(...rows.map((r, i) => measureText(cellText(r[col]!), size, i === 0))) / 72 + pad,
    );
  let fontSize = 10;
  const fits = (size: number) => widthsAt(size).reduce((a, b) => a + b, 0) <= inch(box.w);
  while (fontSize > 6 && (!fits(fontSize) || n * fontSize * 2 > box.h - 40)) fontSize -= 0.5;
  const natural = widthsAt(fontSize);
  const spare = inch(box.w) - natural.reduce((a, b) => a + b, 0);
  // Spare width goes to the name columns.
  const colW = natural.map((w, i) => (i === 1 || i === 2 ? w + Math.max(0, spare) / 2 : w));
  const rowPt = fontSize * 2;
  const w = colW.reduce((a, b) => a + b, 0);
  slide.addTable(rows, {
    x: inch(box.x),
    y: inch(box.y),
    w,
    colW,
    rowH: inch(rowPt),
    fontFace: 'Arial',
    fontSize,
    color: '1F1F1F',
    margin: [0, 0.04, 0, 0.04], // inches for table cells (points elsewhere)
    valign: 'middle',
    border: { type: 'solid', pt: 0.5, color: 'D0D0D0' },
  });
  const u = plan.report.plan.unassigned;
  const balance = plan.report.plan.balanceFields.map((b) => b.field).join(', ') || 'potential';
  const notes = [
    `Dev. = deviation from the target share, weighted over the balance fields (${balance}).`,
    u.units ? `Unassigned: ${u.units.toLocaleString('en-US')} units, ${u.accounts.toLocaleString('en-US')} accounts.` : '',
  ].filter(Boolean);
  slide.addText(notes.join('\n'), {
    x: inch(box.x),
    y: inch(box.y + n * rowPt + 8),
    w: inch(box.w),
    h: inch(30),
    margin: 0,
    fontFace: 'Arial',
    fontSize: 8,
    color: '5F6368',
    valign: 'top',
  });
}

/** Key figures of one territory, large, with the deviation per balance field. */
function addTerritoryFigures(slide: PptxSlide, plan: VectorPlan, t: VectorTerritory, box: Rect): void {
  const m = t.metrics;
  const swatch = { x: inch(box.x), y: inch(box.y), w: inch(box.w), h: inch(6) };
  slide.addShape('rect', { ...swatch, fill: { color: t.color.replace('#', '').toUpperCase() }, line: { type: 'none' } });
  const figures: [string, string, string?][] = [
    ['Rep', t.rep ?? 'No rep assigned'],
    ['Units', m.units.toLocaleString('en-US')],
    ['Accounts', m.accounts.toLocaleString('en-US')],
    ['Potential', formatMoney(m.potential)],
    ['Deviation', formatPct(m.compositeDeviationPct), deviationColor(m.compositeDeviationPct)],
    ['Area', `${Math.round(m.areaKm2).toLocaleString('en-US')} km²`],
  ];
  let y = box.y + 18;
  for (const [label, value, color] of figures) {
    slide.addText(
      [
        { text: label.toUpperCase(), options: { fontSize: 9, color: '5F6368', bold: true, breakLine: true } },
        { text: value, options: { fontSize: label === 'Rep' ? 18 : 22, color: (color ?? INK).replace('#', '').toUpperCase(), bold: label !== 'Rep' } },
      ],
      { x: inch(box.x), y: inch(y), w: inch(box.w), h: inch(50), margin: 0, fontFace: 'Arial', valign: 'top' },
    );
    y += 56;
  }
  const fields = plan.report.plan.balanceFields.map((b) => b.field);
  if (fields.length > 1) {
    const lines = fields.map((f) => `${f}: ${formatPct(m.deviationPct[f] ?? null)}`);
    slide.addText(`Deviation by balance field\n${lines.join('\n')}`, {
      x: inch(box.x),
      y: inch(y),
      w: inch(box.w),
      h: inch(14 * (lines.length + 1)),
      margin: 0,
      fontFace: 'Arial',
      fontSize: 9,
      color: '5F6368',
      valign: 'top',
    });
  }
}
