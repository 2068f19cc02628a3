/**
 * Douglas–Peucker line simplification in page space (points). Run on topology arcs, so a border
 * shared by two units is simplified once and both neighbours keep exactly the same line: no gaps
 * or overlaps appear between them however coarse the tolerance.
 */
import type { Pt } from './types.ts';

/** The polyline with every point dropped that lies within `tolerance` of the kept line; ends are kept. */
export function simplifyLine(points: readonly Pt[], tolerance: number): Pt[] {
  const n = points.length;
  if (n <= 2) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  // Explicit stack: arcs of long coastlines have tens of thousands of points.
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i]!, points[first]!, points[last]!);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && maxD > tol2) {
      keep[index] = 1;
      stack.push(first, index, index, last);
    }
  }
  const out: Pt[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[i]!);
  // A closed arc (an island drawn by one arc) must keep at least a triangle.
  if (out.length === 2 && n > 3 && out[0]![0] === out[1]![0] && out[0]![1] === out[1]![1]) {
    return [points[0]!, points[Math.floor(n / 3)]!, points[Math.floor((2 * n) / 3)]!, points[n - 1]!];
  }
  return out;
}

/** Squared distance from p to the segment a–b. */
function segmentDistance2(p: Pt, a: Pt, b: Pt): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}
