/**
 * Draws the page around the rendered map on a 2D canvas: white page, title and subtitle in the
 * band above the map, optional territory labels, the legend boxed bottom-left over the map, scale
 * bar and north arrow bottom-right, credits small along the bottom edge. All sizes come from the
 * page layout (times its scale `s`), so the page keeps its proportions at any width.
 */
import type { WebMercatorViewport } from '@deck.gl/core';
import type { Legend } from '../map/colour-mode.ts';
import { lightMapTheme, unitFill } from '../map/map-theme.ts';
import { REP_TAG_FONT } from '../map/point-layers.ts';
import type { PageLayout } from './page-layout.ts';
import { scaleBars } from './scale-bar.ts';

const FONT = '"Liberation Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif';
const INK = '#1f242b';
const MUTED = '#5b6470';
const BOX_FILL = 'rgba(255, 255, 255, 0.93)';
const BOX_LINE = 'rgba(31, 36, 43, 0.18)';

export interface PageText {
  title: string;
  subtitle: string;
  credits: string;
  /** Bottom-right of the credits line (tool and date). */
  imprint: string;
}

export interface TerritoryKey {
  name: string;
  color: string;
  rep: string | null;
}

export interface LabelSpot {
  text: string;
  /** Positions in map pixels, best first; the first that collides with nothing is used. */
  candidates: [number, number][];
}

type Box = { x: number; y: number; width: number; height: number };

/** Height of the scale bar and north arrow box at layout scale 1. */
export const SCALE_BOX_HEIGHT = 64;

const rgba = ([r, g, b, a]: readonly number[]) => `rgba(${r}, ${g}, ${b}, ${(a ?? 255) / 255})`;

export function drawPageFrame(context: CanvasRenderingContext2D, layout: PageLayout, text: PageText): void {
  const { s } = layout;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.width, layout.height);
  const maxWidth = layout.width - 2 * layout.margin;
  context.textBaseline = 'alphabetic';
  context.fillStyle = INK;
  context.font = `700 ${layout.title.size}px ${FONT}`;
  context.fillText(fitText(context, text.title, maxWidth), layout.title.x, layout.title.baseline);
  context.fillStyle = MUTED;
  context.font = `400 ${layout.title.subtitleSize}px ${FONT}`;
  context.fillText(fitText(context, text.subtitle, maxWidth), layout.title.x, layout.title.subtitleBaseline);
  // Credits left, imprint right, on one line under the map.
  context.font = `400 ${layout.credits.size}px ${FONT}`;
  const imprintWidth = context.measureText(text.imprint).width;
  context.textAlign = 'right';
  context.fillText(text.imprint, layout.width - layout.margin, layout.credits.baseline);
  context.textAlign = 'left';
  context.fillText(fitText(context, text.credits, maxWidth - imprintWidth - 24 * s), layout.credits.x, layout.credits.baseline);
}

/** A hairline around the map, drawn after the map pixels. */
export function drawMapBorder(context: CanvasRenderingContext2D, layout: PageLayout): void {
  const { map, s } = layout;
  context.strokeStyle = BOX_LINE;
  context.lineWidth = Math.max(1, s);
  context.strokeRect(map.x + context.lineWidth / 2, map.y + context.lineWidth / 2, map.width - context.lineWidth, map.height - context.lineWidth);
}

/**
 * Territory names at their spots (map pixels), largest territory first; a name that would overlap
 * one already placed, a box to keep clear or the map edge is left out.
 */
export function drawTerritoryLabels(context: CanvasRenderingContext2D, layout: PageLayout, spots: LabelSpot[], keepClear: Box[]): number {
  const { s, map } = layout;
  const size = 14 * s;
  context.font = `700 ${size}px ${FONT}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  const placed: Box[] = [...keepClear];
  let count = 0;
  for (const spot of spots) {
    const width = context.measureText(spot.text).width;
    const fits = spot.candidates
      .map(([cx, cy]) => {
        const x = map.x + cx;
        const y = map.y + cy;
        return { x, y, box: { x: x - width / 2 - 4 * s, y: y - size * 0.7, width: width + 8 * s, height: size * 1.4 } };
      })
      .find(({ box }) => {
        const inside = box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height;
        return inside && !placed.some((other) => overlaps(box, other));
      });
    if (!fits) continue;
    const { x, y, box } = fits;
    placed.push(box);
    context.strokeStyle = 'rgba(255, 255, 255, 0.92)';
    context.lineWidth = 4 * s;
    context.strokeText(spot.text, x, y);
    context.fillStyle = INK;
    context.fillText(spot.text, x, y);
    count++;
  }
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  return count;
}

/** A rep's name tag on the page: its text starts (east of the marker) or ends (west) at x, centred on y. */
export interface RepTag {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

/**
 * Rep name tags as the on-screen map draws them (point-layers.ts repLayers), at the layout scale:
 * 12 px semi-bold text on a white, hairline-bordered tag, clipped to the map. Drawn on the page
 * and not by deck.gl, whose SDF text spaces a small print's letters wide apart ("M a y a  C h e n").
 */
export function drawRepTags(context: CanvasRenderingContext2D, layout: PageLayout, tags: readonly RepTag[]): void {
  const { s, map } = layout;
  const padX = 5 * s;
  const height = 16 * s;
  context.save();
  context.beginPath();
  context.rect(map.x, map.y, map.width, map.height);
  context.clip();
  context.font = `600 ${12 * s}px ${REP_TAG_FONT}`;
  context.textBaseline = 'middle';
  context.lineWidth = Math.max(1, s);
  for (const tag of tags) {
    const width = context.measureText(tag.text).width;
    const left = tag.anchor === 'start' ? tag.x - padX : tag.x - width - padX;
    context.beginPath();
    context.roundRect(left, tag.y - height / 2, width + 2 * padX, height, 3 * s);
    context.fillStyle = rgba(lightMapTheme.repLabelHalo);
    context.fill();
    context.strokeStyle = rgba(lightMapTheme.repLabelBorder);
    context.stroke();
    context.fillStyle = rgba(lightMapTheme.repLabel);
    context.textAlign = tag.anchor === 'start' ? 'left' : 'right';
    context.fillText(tag.text, tag.x, tag.y);
  }
  context.restore();
}

/** The legend, boxed at the map's bottom-left; returns its box. Long lists flow into columns. */
export function drawLegend(context: CanvasRenderingContext2D, layout: PageLayout, legend: Legend, territories: TerritoryKey[], room = layout.map.height): Box {
  const { s, map } = layout;
  const pad = 12 * s;
  const row = 20 * s;
  const swatch = 14 * s;
  const gap = 8 * s;
  const titleSize = 13 * s;
  const entrySize = 12 * s;

  const title = legend.kind === 'territory' ? 'Territories' : legend.title;
  type Entry = { label: string; paint(x: number, y: number): void };
  const swatchOf = (fill: string) => (x: number, y: number) => {
    context.fillStyle = fill;
    context.fillRect(x, y + (row - swatch) / 2, swatch, swatch);
    context.strokeStyle = BOX_LINE;
    context.lineWidth = Math.max(1, 0.75 * s);
    context.strokeRect(x, y + (row - swatch) / 2, swatch, swatch);
  };
  let entries: Entry[] = [];
  if (legend.kind === 'territory') {
    entries = territories.map((t) => ({ label: t.rep ? `${t.name} — ${t.rep}` : t.name, paint: swatchOf(rgba(unitFill(lightMapTheme, t.color))) }));
  } else if (legend.kind === 'classes') {
    entries = legend.entries.map((e) => ({ label: e.label, paint: swatchOf(e.colour) }));
  }
  const symbols: Entry[] = [
    {
      label: 'Account',
      paint: (x, y) => {
        context.fillStyle = rgba(lightMapTheme.account.slice(0, 3).concat(200));
        context.beginPath();
        context.arc(x + swatch / 2, y + row / 2, 3 * s, 0, Math.PI * 2);
        context.fill();
      },
    },
    {
      label: 'Rep home',
      paint: (x, y) => {
        context.fillStyle = '#ffffff';
        context.strokeStyle = rgba(lightMapTheme.repOutline);
        context.lineWidth = 2 * s;
        context.beginPath();
        context.arc(x + swatch / 2, y + row / 2, 5.5 * s, 0, Math.PI * 2);
        context.fill();
        context.stroke();
      },
    },
    {
      label: 'Territory border',
      paint: (x, y) => {
        context.strokeStyle = rgba(lightMapTheme.territoryBorder);
        context.lineWidth = 1.8 * s;
        context.beginPath();
        context.moveTo(x, y + row / 2);
        context.lineTo(x + swatch, y + row / 2);
        context.stroke();
      },
    },
    { label: 'Unassigned', paint: swatchOf(rgba(lightMapTheme.unassignedUnit)) },
  ];

  // Measure: columns of at most `maxRows` entries so the box stays within `room` (the map's height).
  context.font = `400 ${entrySize}px ${FONT}`;
  const entryWidth = Math.max(0, ...entries.map((e) => context.measureText(e.label).width)) + swatch + gap;
  const symbolWidths = symbols.map((e) => context.measureText(e.label).width + swatch + gap);
  context.font = `700 ${titleSize}px ${FONT}`;
  const titleWidth = context.measureText(title).width;
  const gradientHeight = legend.kind === 'gradient' ? row * 1.6 : 0;
  const fixedHeight = pad * 2 + row + gradientHeight + row * 2 + 6 * s;
  const maxRows = Math.max(3, Math.floor((room - 28 * s - fixedHeight) / row));
  const columns = entries.length === 0 ? 0 : Math.ceil(entries.length / maxRows);
  const rows = columns === 0 ? 0 : Math.ceil(entries.length / columns);
  const columnGap = 18 * s;
  const entriesWidth = columns * entryWidth + Math.max(0, columns - 1) * columnGap;
  // Symbols in two rows of two.
  const symbolColumn = Math.max(symbolWidths[0]!, symbolWidths[2]!);
  const symbolsWidth = symbolColumn + columnGap + Math.max(symbolWidths[1]!, symbolWidths[3]!);
  const gradientWidth = legend.kind === 'gradient' ? 220 * s : 0;
  const innerWidth = Math.min(map.width * 0.6, Math.max(titleWidth, entriesWidth, symbolsWidth, gradientWidth));
  const height = pad * 2 + row + rows * row + gradientHeight + 6 * s + row * 2;
  const box = { x: map.x + 14 * s, y: map.y + map.height - 14 * s - height, width: innerWidth + pad * 2, height };

  roundedBox(context, box, 6 * s);
  let y = box.y + pad;
  context.fillStyle = INK;
  context.font = `700 ${titleSize}px ${FONT}`;
  context.textBaseline = 'middle';
  context.fillText(fitText(context, title, innerWidth), box.x + pad, y + row / 2);
  y += row;
  context.font = `400 ${entrySize}px ${FONT}`;
  entries.forEach((entry, i) => {
    const column = Math.floor(i / rows);
    const x = box.x + pad + column * (entryWidth + columnGap);
    const top = y + (i % rows) * row;
    entry.paint(x, top);
    context.fillStyle = INK;
    context.fillText(fitText(context, entry.label, entryWidth - swatch - gap), x + swatch + gap, top + row / 2);
  });
  y += rows * row;
  if (legend.kind === 'gradient') {
    const ramp = context.createLinearGradient(box.x + pad, 0, box.x + pad + gradientWidth, 0);
    legend.stops.forEach((stop, i) => ramp.addColorStop(i / Math.max(1, legend.stops.length - 1), stop));
    context.fillStyle = ramp;
    context.fillRect(box.x + pad, y + 2 * s, gradientWidth, swatch);
    context.fillStyle = MUTED;
    context.fillText(legend.min, box.x + pad, y + swatch + row * 0.6);
    context.textAlign = 'right';
    context.fillText(legend.max, box.x + pad + gradientWidth, y + swatch + row * 0.6);
    context.textAlign = 'left';
    y += gradientHeight;
  }
  // A hairline between the scale and the symbols.
  context.fillStyle = BOX_LINE;
  context.fillRect(box.x + pad, y + 2 * s, innerWidth, Math.max(1, 0.75 * s));
  y += 6 * s;
  symbols.forEach((symbol, i) => {
    const x = box.x + pad + (i % 2) * (symbolColumn + columnGap);
    const top = y + Math.floor(i / 2) * row;
    symbol.paint(x, top);
    context.fillStyle = INK;
    context.fillText(symbol.label, x + swatch + gap, top + row / 2);
  });
  context.textBaseline = 'alphabetic';
  return box;
}

/** Scale bars (km and mi, for the centre latitude) and a north arrow, boxed bottom-right. */
export function drawScaleAndNorth(context: CanvasRenderingContext2D, layout: PageLayout, viewport: WebMercatorViewport): Box {
  const { s, map } = layout;
  const pad = 12 * s;
  const { km, mi } = scaleBars(viewport.zoom, viewport.latitude, 150 * s);
  const barWidth = Math.max(km.lengthPx, mi.lengthPx);
  context.font = `400 ${11 * s}px ${FONT}`;
  // Each label is centred on its own end tick: km above the bar, miles below it.
  const overhang = Math.max(context.measureText(km.label).width, context.measureText(mi.label).width) / 2;
  const arrowWidth = 26 * s;
  const width = pad * 2 + barWidth + overhang + 16 * s + arrowWidth;
  const height = SCALE_BOX_HEIGHT * s;
  const box = { x: map.x + map.width - 14 * s - width, y: map.y + map.height - 14 * s - height, width, height };
  roundedBox(context, box, 6 * s);

  const x0 = box.x + pad + 4 * s;
  const mid = box.y + height / 2;
  const tick = 6 * s;
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineWidth = Math.max(1, 1.5 * s);
  context.lineCap = 'butt';
  context.beginPath();
  context.moveTo(x0, mid);
  context.lineTo(x0 + barWidth, mid);
  context.moveTo(x0, mid - tick);
  context.lineTo(x0, mid + tick);
  context.moveTo(x0 + km.lengthPx, mid - tick);
  context.lineTo(x0 + km.lengthPx, mid);
  context.moveTo(x0 + mi.lengthPx, mid);
  context.lineTo(x0 + mi.lengthPx, mid + tick);
  context.stroke();
  context.textAlign = 'center';
  context.textBaseline = 'bottom';
  context.fillText('0', x0, mid - tick - 2 * s);
  context.fillText(km.label, x0 + km.lengthPx, mid - tick - 2 * s);
  context.textBaseline = 'top';
  context.fillText(mi.label, x0 + mi.lengthPx, mid + tick + 2 * s);
  context.textAlign = 'left';
  context.textBaseline = 'middle';

  // North arrow: a split arrowhead over an N (Web Mercator: north is straight up everywhere).
  const ax = box.x + box.width - pad - arrowWidth / 2;
  const top = box.y + pad;
  const arrowHeight = 26 * s;
  context.beginPath();
  context.moveTo(ax, top);
  context.lineTo(ax - 8 * s, top + arrowHeight);
  context.lineTo(ax, top + arrowHeight - 7 * s);
  context.closePath();
  context.fill();
  context.beginPath();
  context.moveTo(ax, top);
  context.lineTo(ax + 8 * s, top + arrowHeight);
  context.lineTo(ax, top + arrowHeight - 7 * s);
  context.closePath();
  context.lineWidth = Math.max(1, 1.2 * s);
  context.stroke();
  context.font = `700 ${12 * s}px ${FONT}`;
  context.textAlign = 'center';
  context.fillText('N', ax, top + arrowHeight + 9 * s);
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  return box;
}

function roundedBox(context: CanvasRenderingContext2D, box: Box, radius: number): void {
  context.beginPath();
  context.roundRect(box.x, box.y, box.width, box.height, radius);
  context.fillStyle = BOX_FILL;
  context.fill();
  context.strokeStyle = BOX_LINE;
  context.lineWidth = Math.max(1, 0.75 * (radius / 6));
  context.stroke();
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** `text`, cut with an ellipsis to fit `maxWidth` in the current font. */
function fitText(context: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && context.measureText(`${text.slice(0, end)}…`).width > maxWidth) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
