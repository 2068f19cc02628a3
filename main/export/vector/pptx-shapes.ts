/**
 * Page shapes as native PowerPoint shapes (DrawingML): territory fills and borders become custom
 * geometry (`a:custGeom`) paths, text becomes text boxes in Arial. Native shapes, not an embedded
 * SVG: PowerPoint, Keynote and LibreOffice Impress all read custGeom paths, while an SVG picture
 * needs a PNG fallback for older PowerPoint and is rasterised or dropped by some readers; native
 * shapes stay sharp, recolourable and editable in all three.
 */
import type { Pptx, PptxShapeName, PptxShapeProps, PptxSlide } from './pptx-types.ts';
import type { Pt, Shape } from '../../../shared/print/types.ts';
import { measureText } from './text-metrics.ts';

const inch = (pt: number) => pt / 72;
const hex = (c: string) => c.replace('#', '').toUpperCase();
/** pptxgenjs reads numbers ≥ 100 as EMU, not inches; page coordinates stay far below that (13.3 in). */
const coord = (pt: number) => Math.round(inch(pt) * 10000) / 10000;
/** Shape names go into an XML attribute unescaped by pptxgenjs: keep them to safe characters. */
const safeName = (name: string) => name.replace(/[^\w.-]/g, '_').slice(0, 120);

function bounds(rings: readonly Pt[][]): { x: number; y: number; w: number; h: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, w: Math.max(maxX - minX, 0.5), h: Math.max(maxY - minY, 0.5) };
}

/** One custom-geometry shape made of every ring or line (moveTo per ring), coordinates relative to its box. */
function addPath(pptx: Pptx, slide: PptxSlide, name: string, rings: readonly Pt[][], close: boolean, style: { fill?: string; opacity?: number; stroke?: string; width?: number }): void {
  const b = bounds(rings);
  if (!b) return;
  const points: NonNullable<PptxShapeProps['points']> = [];
  for (const ring of rings) {
    if (ring.length < 2) continue;
    ring.forEach((p, i) => points.push({ x: coord(p[0] - b.x), y: coord(p[1] - b.y), ...(i === 0 ? { moveTo: true } : {}) }));
    if (close) points.push({ close: true });
  }
  slide.addShape('custGeom' as PptxShapeName, {
    objectName: safeName(name),
    x: coord(b.x),
    y: coord(b.y),
    w: coord(b.w),
    h: coord(b.h),
    points,
    fill: style.fill ? { color: hex(style.fill), transparency: style.opacity !== undefined ? Math.round((1 - style.opacity) * 100) : 0 } : { type: 'none' },
    line: style.stroke ? { color: hex(style.stroke), width: style.width ?? 1 } : { type: 'none' },
  });
}

export function addShapes(pptx: Pptx, slide: PptxSlide, shapes: readonly Shape[]): void {
  for (const s of shapes) {
    switch (s.kind) {
      case 'fill':
        addPath(pptx, slide, s.id, s.rings, true, { fill: s.fill, opacity: s.opacity });
        break;
      case 'lines':
        addPath(pptx, slide, s.id, s.lines, false, { stroke: s.stroke, width: s.width });
        break;
      case 'poly':
        addPath(pptx, slide, s.id ?? 'shape', [s.points], s.closed, { fill: s.fill ?? undefined, stroke: s.stroke ?? undefined, width: s.width });
        break;
      case 'box':
        slide.addShape(pptx.ShapeType.rect, {
          objectName: s.id && safeName(s.id),
          x: coord(s.rect.x),
          y: coord(s.rect.y),
          w: coord(s.rect.w),
          h: coord(s.rect.h),
          fill: s.fill ? { color: hex(s.fill), transparency: s.opacity !== undefined ? Math.round((1 - s.opacity) * 100) : 0 } : { type: 'none' },
          line: s.stroke ? { color: hex(s.stroke), width: s.width ?? 1 } : { type: 'none' },
        });
        break;
      case 'text':
        addText(slide, s);
        break;
    }
  }
}

/** A text shape (anchored at its baseline) as a text box without insets whose first baseline falls on it. */
function addText(slide: PptxSlide, s: Extract<Shape, { kind: 'text' }>): void {
  // Arial: ascent 0.905 em; a box a little wider than the measured text so no reader wraps it.
  const w = measureText(s.text, s.size, s.bold) * 1.04 + 6;
  const left = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
  slide.addText(s.text, {
    x: coord(left),
    y: coord(s.y - s.size * 0.905),
    w: coord(w),
    h: coord(s.size * 1.25),
    margin: 0,
    fontFace: 'Arial',
    fontSize: s.size,
    bold: s.bold ?? false,
    color: hex(s.color),
    align: s.anchor === 'middle' ? 'center' : s.anchor === 'end' ? 'right' : 'left',
    valign: 'top',
    wrap: false,
    fit: 'none',
    ...(s.halo ? { glow: { size: 2, opacity: 0.85, color: 'FFFFFF' } } : {}),
  });
}
