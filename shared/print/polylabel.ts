/**
 * Where to put a territory's name: the pole of inaccessibility of its largest piece (the interior
 * point farthest from any edge), found by the quadtree search of Mapbox's polylabel. Unlike the
 * centroid it always lies inside, also for C-shaped and coastal territories.
 */
import type { Pt, Rings } from './types.ts';

export interface LabelPoint {
  at: Pt;
  /** Distance from the point to the nearest edge, in the rings' units: room for the label. */
  room: number;
}

/** The pole of one polygon (exterior first, then holes), to within `precision`. */
export function polylabel(polygon: Rings, precision = 0.5): LabelPoint | null {
  const exterior = polygon[0];
  if (!exterior || exterior.length < 3) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of exterior) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const size = Math.min(maxX - minX, maxY - minY);
  if (!(size > 0)) return { at: [minX, minY], room: 0 };
  const cell = (x: number, y: number, h: number): Cell => {
    const d = pointToPolygon(x, y, polygon);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + size / 2, y + size / 2, size / 2));
  let best = centroidCell(polygon, cell);
  const bboxCell = cell(minX + (maxX - minX) / 2, minY + (maxY - minY) / 2, 0);
  if (bboxCell.d > best.d) best = bboxCell;
  // A simple max-heap would be faster; a sorted array is plenty for the tens of labels per page.
  let guard = 0;
  while (queue.length && guard++ < 20000) {
    let bi = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i]!.max > queue[bi]!.max) bi = i;
    const c = queue.splice(bi, 1)[0]!;
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const h = c.h / 2;
    queue.push(cell(c.x - h, c.y - h, h), cell(c.x + h, c.y - h, h), cell(c.x - h, c.y + h, h), cell(c.x + h, c.y + h, h));
  }
  return { at: [best.x, best.y], room: Math.max(0, best.d) };
}

interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}

function centroidCell(polygon: Rings, cell: (x: number, y: number, h: number) => Cell): Cell {
  let area = 0;
  let x = 0;
  let y = 0;
  const ring = polygon[0]!;
  for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const f = a[0] * b[1] - b[0] * a[1];
    x += (a[0] + b[0]) * f;
    y += (a[1] + b[1]) * f;
    area += f * 3;
  }
  return area === 0 ? cell(ring[0]![0], ring[0]![1], 0) : cell(x / area, y / area, 0);
}

/** Signed distance from a point to the polygon outline: positive inside. */
function pointToPolygon(x: number, y: number, polygon: Rings): number {
  let inside = false;
  let min = Infinity;
  for (const ring of polygon) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      min = Math.min(min, segDist2(x, y, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}

function segDist2(px: number, py: number, a: Pt, b: Pt): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}
