/**
 * Cut page geometry to the map frame. PPTX has no clip paths, so the model clips the geometry
 * itself (and SVG/PDF get smaller files for free). Rings are clipped one by one with
 * Sutherland–Hodgman: a ring that leaves and re-enters the frame gets zero-width edges along the
 * frame side, which no fill rule paints, so the result fills exactly like the original inside.
 */
import type { Pt, Rect, Rings } from './types.ts';

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function ringBounds(ring: readonly Pt[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Rings clipped to `r`; rings entirely outside are dropped, rings entirely inside pass unchanged. */
export function clipRings(rings: Rings, r: Rect): Rings {
  const out: Rings = [];
  for (const ring of rings) {
    const b = ringBounds(ring);
    if (b.maxX < r.x || b.minX > r.x + r.w || b.maxY < r.y || b.minY > r.y + r.h) continue;
    if (b.minX >= r.x && b.maxX <= r.x + r.w && b.minY >= r.y && b.maxY <= r.y + r.h) {
      out.push(ring);
      continue;
    }
    let poly: Pt[] = ring;
    poly = clipEdge(poly, (p) => p[0] >= r.x, (a, b) => atX(a, b, r.x));
    poly = clipEdge(poly, (p) => p[0] <= r.x + r.w, (a, b) => atX(a, b, r.x + r.w));
    poly = clipEdge(poly, (p) => p[1] >= r.y, (a, b) => atY(a, b, r.y));
    poly = clipEdge(poly, (p) => p[1] <= r.y + r.h, (a, b) => atY(a, b, r.y + r.h));
    if (poly.length >= 3) out.push(poly);
  }
  return out;
}

function clipEdge(ring: Pt[], inside: (p: Pt) => boolean, cross: (a: Pt, b: Pt) => Pt): Pt[] {
  const out: Pt[] = [];
  const n = ring.length;
  if (!n) return out;
  let prev = ring[n - 1]!;
  let prevIn = inside(prev);
  for (const p of ring) {
    const pIn = inside(p);
    if (pIn) {
      if (!prevIn) out.push(cross(prev, p));
      out.push(p);
    } else if (prevIn) out.push(cross(prev, p));
    prev = p;
    prevIn = pIn;
  }
  return out;
}

function atX(a: Pt, b: Pt, x: number): Pt {
  return [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
}

function atY(a: Pt, b: Pt, y: number): Pt {
  return [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
}

/** Polylines cut to `r` (Liang–Barsky per segment); a line that leaves and re-enters becomes two. */
export function clipLines(lines: readonly Pt[][], r: Rect): Pt[][] {
  const out: Pt[][] = [];
  for (const line of lines) {
    const b = ringBounds(line);
    if (b.maxX < r.x || b.minX > r.x + r.w || b.maxY < r.y || b.minY > r.y + r.h) continue;
    let current: Pt[] = [];
    for (let i = 1; i < line.length; i++) {
      const seg = clipSegment(line[i - 1]!, line[i]!, r);
      if (!seg) {
        if (current.length > 1) out.push(current);
        current = [];
        continue;
      }
      const [a, c] = seg;
      const last = current[current.length - 1];
      if (!last || last[0] !== a[0] || last[1] !== a[1]) {
        if (current.length > 1) out.push(current);
        current = [a];
      }
      current.push(c);
    }
    if (current.length > 1) out.push(current);
  }
  return out;
}

function clipSegment(a: Pt, b: Pt, r: Rect): [Pt, Pt] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - r.x],
    [dx, r.x + r.w - a[0]],
    [-dy, a[1] - r.y],
    [dy, r.y + r.h - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) {
        if (t > t1) return null;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return null;
        if (t < t1) t1 = t;
      }
    }
  }
  return [t0 === 0 ? a : [a[0] + t0 * dx, a[1] + t0 * dy], t1 === 1 ? b : [a[0] + t1 * dx, a[1] + t1 * dy]];
}
