/**
 * The furniture of an exported map page, as page shapes: title band, boxed legend, scale bar with
 * north arrow, data credits. Same spirit as the raster export: white page, title top-left, legend
 * bottom-left, scale bottom-right, credits small along the bottom.
 */
import type { MeasureText, Pt, Rect, Shape } from './types.ts';

export const INK = '#1f1f1f';
export const GREY = '#5f6368';
export const FONT_NOTE = 7;

/** What the About box credits (renderer/src/chrome/AboutDialog.tsx), shortened for a map margin. */
export const DATA_CREDITS =
  'Boundaries: US Census Bureau (us-atlas) · ZIP data © SimpleMaps.com, CC BY 4.0 · Land: Natural Earth · Made with Tessera';

export function titleShapes(x: number, top: number, title: string, subtitle: string, size = 18): Shape[] {
  return [
    { kind: 'text', id: 'title', text: title, x, y: top + size * 0.9, size, bold: true, color: INK },
    { kind: 'text', id: 'subtitle', text: subtitle, x, y: top + size * 0.9 + size * 0.85, size: Math.max(9, size * 0.55), color: GREY },
  ];
}

export interface LegendEntry {
  name: string;
  color: string;
  /** Grey text after the name (the rep). */
  detail?: string;
}

/**
 * A boxed legend anchored at the bottom-left of `frame`, at most `maxHeight` tall; when the entries
 * do not fit, the first ones (the caller orders them, largest first) and a "+k more" line.
 */
export function legendShapes(frame: Rect, entries: readonly LegendEntry[], measure: MeasureText, maxHeight: number, title = 'Territories'): Shape[] {
  const size = 8.5;
  const row = 13;
  const pad = 7;
  const swatch = 9;
  const titleH = 14;
  const fit = Math.max(1, Math.floor((maxHeight - 2 * pad - titleH) / row));
  const shown = entries.length > fit ? entries.slice(0, fit - 1) : entries.slice();
  const more = entries.length - shown.length;
  // The gap is a measured offset, not spaces: SVG collapses leading white space.
  const gap = 5;
  const label = (e: LegendEntry) => ({ name: e.name, detail: e.detail ?? '' });
  let width = measure(title, size + 0.5, true);
  for (const e of shown) {
    const l = label(e);
    width = Math.max(width, swatch + 5 + measure(l.name, size) + (l.detail ? gap + measure(l.detail, size) : 0));
  }
  width = Math.min(width, frame.w * 0.45);
  const rows = shown.length + (more > 0 ? 1 : 0);
  const h = 2 * pad + titleH + rows * row - 3;
  const box: Rect = { x: frame.x + 8, y: frame.y + frame.h - 8 - h, w: width + 2 * pad, h };
  const out: Shape[] = [
    { kind: 'box', id: 'legend-box', rect: box, fill: '#ffffff', stroke: '#c4c4c4', width: 0.5, opacity: 0.92 },
    { kind: 'text', id: 'legend-title', text: title, x: box.x + pad, y: box.y + pad + 8, size: size + 0.5, bold: true, color: INK },
  ];
  shown.forEach((e, i) => {
    const top = box.y + pad + titleH + i * row;
    const l = label(e);
    out.push({ kind: 'box', rect: { x: box.x + pad, y: top, w: swatch, h: swatch }, fill: e.color, stroke: '#7a7a7a', width: 0.4 });
    const nameX = box.x + pad + swatch + 5;
    out.push({ kind: 'text', text: l.name, x: nameX, y: top + swatch - 1, size, color: INK });
    if (l.detail) out.push({ kind: 'text', text: l.detail, x: nameX + measure(l.name, size) + gap, y: top + swatch - 1, size, color: GREY });
  });
  if (more > 0) {
    out.push({ kind: 'text', text: `+${more} more`, x: box.x + pad, y: box.y + pad + titleH + shown.length * row + swatch - 1, size, color: GREY });
  }
  return out;
}

/** A round length (1, 2 or 5 × 10^k) not longer than `max`. */
export function roundLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * p <= max) return m * p;
  return p;
}

/**
 * Scale bars in km and mi (each a round length, at most a fifth of the frame) and a north arrow,
 * boxed at the bottom-right of `frame`. Web Mercator keeps north up; the scale holds at the map's
 * centre latitude, which the caption says for maps that span many degrees.
 */
export function scaleShapes(frame: Rect, metresPerPt: number, measure: MeasureText): Shape[] {
  const size = 7.5;
  const maxPt = Math.min(frame.w / 5, 150);
  const km = roundLength((maxPt * metresPerPt) / 1000);
  const mi = roundLength((maxPt * metresPerPt) / 1609.344);
  const kmPt = (km * 1000) / metresPerPt;
  const miPt = (mi * 1609.344) / metresPerPt;
  const barW = Math.max(kmPt, miPt);
  const pad = 7;
  const arrowW = 16;
  const kmText = `${km.toLocaleString('en-US')} km`;
  const miText = `${mi.toLocaleString('en-US')} mi`;
  const textW = Math.max(measure(kmText, size), measure(miText, size));
  const w = pad + barW + 5 + textW + 12 + arrowW + pad;
  const h = 38;
  const box: Rect = { x: frame.x + frame.w - 8 - w, y: frame.y + frame.h - 8 - h, w, h };
  const x0 = box.x + pad;
  const midY = box.y + h / 2;
  const out: Shape[] = [{ kind: 'box', id: 'scale-box', rect: box, fill: '#ffffff', stroke: '#c4c4c4', width: 0.5, opacity: 0.92 }];
  const bar = (y: number, len: number, text: string, up: boolean): void => {
    const tick = up ? -4 : 4;
    out.push({ kind: 'poly', points: [[x0, y + tick], [x0, y], [x0 + len, y], [x0 + len, y + tick]], closed: false, fill: null, stroke: INK, width: 1 });
    out.push({ kind: 'text', text, x: x0 + barW + 5, y: y + (up ? 0 : 6), size, color: INK });
  };
  bar(midY - 3, kmPt, kmText, true);
  bar(midY + 3, miPt, miText, false);
  out.push(...northArrow([box.x + w - pad - arrowW / 2, box.y + 6], arrowW, h - 12));
  return out;
}

/** Where the scale box will sit (before the map's scale is known): for the map to keep clear of it. */
export function scaleBoxEstimate(frame: Rect): Rect {
  const w = Math.min(frame.w / 5, 150) + 80;
  return { x: frame.x + frame.w - 8 - w, y: frame.y + frame.h - 8 - 38, w, h: 38 };
}

function northArrow(top: Pt, w: number, h: number): Shape[] {
  const [cx, y] = top;
  const tip = y + 9;
  const base = y + h;
  return [
    { kind: 'text', id: 'north', text: 'N', x: cx, y: y + 7, size: 7.5, bold: true, color: INK, anchor: 'middle' },
    { kind: 'poly', points: [[cx, tip], [cx + w / 3, base], [cx, base - (base - tip) * 0.3]], closed: true, fill: INK, stroke: null },
    { kind: 'poly', points: [[cx, tip], [cx - w / 3, base], [cx, base - (base - tip) * 0.3]], closed: true, fill: '#ffffff', stroke: INK, width: 0.6 },
  ];
}

/** Credits (left) and a note (right) along the bottom margin; the note is dropped if it would collide. */
export function footerShapes(x: number, baseline: number, width: number, credits: string, note: string, measure: MeasureText): Shape[] {
  const out: Shape[] = [{ kind: 'text', id: 'credits', text: credits, x, y: baseline, size: FONT_NOTE, color: GREY }];
  if (note && measure(credits, FONT_NOTE) + 12 + measure(note, FONT_NOTE) <= width) {
    out.push({ kind: 'text', id: 'note', text: note, x: x + width, y: baseline, size: FONT_NOTE, color: GREY, anchor: 'end' });
  }
  return out;
}
