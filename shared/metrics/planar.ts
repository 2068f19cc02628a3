/**
 * Planar geometry on projected coordinates (kilometres in an equal-area projection). Points are
 * stored flat as [x0, y0, x1, y1, ...] so that thousands of them cost no allocations per point.
 */

/**
 * Convex hull of n points by Andrew's monotone chain; returns the hull vertices counter-clockwise,
 * flat, without repeating the first. Collinear points are dropped. O(n log n).
 */
export function convexHull(points: Float64Array, n = points.length / 2): Float64Array {
  if (n < 3) return points.slice(0, n * 2);
  if (scratch.length < 3 * n) scratch = new Uint32Array(3 * n * 2);
  const order = scratch.subarray(0, n);
  if (n > 32) n = aklToussaint(points, n, order);
  else for (let i = 0; i < n; i++) order[i] = i;
  sortLexicographic(order, n, points);
  const hull = scratch.subarray(n, 3 * n);
  let k = 0;
  const cross = (o: number, a: number, b: number): number =>
    (points[2 * a]! - points[2 * o]!) * (points[2 * b + 1]! - points[2 * o + 1]!) -
    (points[2 * a + 1]! - points[2 * o + 1]!) * (points[2 * b]! - points[2 * o]!);
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    while (k >= 2 && cross(hull[k - 2]!, hull[k - 1]!, p) <= 0) k--;
    hull[k++] = p;
  }
  for (let i = n - 2, lower = k + 1; i >= 0; i--) {
    const p = order[i]!;
    while (k >= lower && cross(hull[k - 2]!, hull[k - 1]!, p) <= 0) k--;
    hull[k++] = p;
  }
  const m = Math.max(1, k - 1);
  const out = new Float64Array(m * 2);
  for (let i = 0; i < m; i++) {
    out[2 * i] = points[2 * hull[i]!]!;
    out[2 * i + 1] = points[2 * hull[i]! + 1]!;
  }
  return out;
}

/**
 * Akl-Toussaint filter: points strictly inside the octagon of the extreme points in x, y, x+y and
 * x-y cannot be hull vertices; dropping them in O(n) leaves few points for the sort.
 */
function aklToussaint(points: Float64Array, n: number, kept: Uint32Array): number {
  // Extremes in the directions 0°, 45°, ..., 315° (counter-clockwise order).
  let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0;
  let b0 = -Infinity, b1 = -Infinity, b2 = -Infinity, b3 = -Infinity;
  let b4 = -Infinity, b5 = -Infinity, b6 = -Infinity, b7 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (x > b0) {
      b0 = x;
      e0 = i;
    }
    if (x + y > b1) {
      b1 = x + y;
      e1 = i;
    }
    if (y > b2) {
      b2 = y;
      e2 = i;
    }
    if (y - x > b3) {
      b3 = y - x;
      e3 = i;
    }
    if (-x > b4) {
      b4 = -x;
      e4 = i;
    }
    if (-x - y > b5) {
      b5 = -x - y;
      e5 = i;
    }
    if (-y > b6) {
      b6 = -y;
      e6 = i;
    }
    if (x - y > b7) {
      b7 = x - y;
      e7 = i;
    }
  }
  const corners = [e0, e1, e2, e3, e4, e5, e6, e7];
  // Edges of the octagon as (ax, ay, ex, ey), zero-length ones (repeated corners) left out.
  const edges = new Float64Array(32);
  let m = 0;
  for (let k = 0; k < 8; k++) {
    const a = corners[k]!;
    const b = corners[(k + 1) % 8]!;
    const ex = points[2 * b]! - points[2 * a]!;
    const ey = points[2 * b + 1]! - points[2 * a + 1]!;
    if (ex === 0 && ey === 0) continue;
    edges[4 * m] = points[2 * a]!;
    edges[4 * m + 1] = points[2 * a + 1]!;
    edges[4 * m + 2] = ex;
    edges[4 * m + 3] = ey;
    m++;
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    let inside = m >= 3;
    for (let k = 0; k < m; k++) {
      if (edges[4 * k + 2]! * (y - edges[4 * k + 1]!) - edges[4 * k + 3]! * (x - edges[4 * k]!) <= 0) {
        inside = false;
        break;
      }
    }
    if (!inside) kept[count++] = i;
  }
  return count;
}

/** Index buffers reused across calls (the engine refreshes hulls one territory at a time). */
let scratch = new Uint32Array(1024);

/** Sort point indices by (x, y): insertion sort for short runs, the built-in sort otherwise. */
function sortLexicographic(order: Uint32Array, n: number, points: Float64Array): void {
  if (n > 48) {
    order.subarray(0, n).sort((a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!);
    return;
  }
  for (let i = 1; i < n; i++) {
    const p = order[i]!;
    const px = points[2 * p]!;
    const py = points[2 * p + 1]!;
    let j = i - 1;
    while (j >= 0) {
      const q = order[j]!;
      const qx = points[2 * q]!;
      if (qx < px || (qx === px && points[2 * q + 1]! <= py)) break;
      order[j + 1] = q;
      j--;
    }
    order[j + 1] = p;
  }
}

/** Absolute area of a simple polygon given flat (shoelace formula), in squared input units. */
export function polygonArea(ring: Float64Array): number {
  const n = ring.length / 2;
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += ring[2 * j]! * ring[2 * i + 1]! - ring[2 * i]! * ring[2 * j + 1]!;
  return Math.abs(sum) / 2;
}

export interface Circle {
  x: number;
  y: number;
  r: number;
}

/**
 * Smallest circle enclosing all points (Welzl's algorithm in its iterative form, expected O(n)
 * after a deterministic shuffle). Pass hull vertices: the circle of a set equals that of its hull.
 */
export function minimumEnclosingCircle(points: Float64Array): Circle {
  const n = points.length / 2;
  if (n === 0) return { x: 0, y: 0, r: 0 };
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  const px = (i: number) => points[2 * idx[i]!]!;
  const py = (i: number) => points[2 * idx[i]! + 1]!;
  const eps = 1e-9;
  const inside = (c: Circle, x: number, y: number) => Math.hypot(x - c.x, y - c.y) <= c.r * (1 + eps) + eps;
  let c: Circle = { x: px(0), y: py(0), r: 0 };
  for (let i = 1; i < n; i++) {
    if (inside(c, px(i), py(i))) continue;
    c = { x: px(i), y: py(i), r: 0 };
    for (let j = 0; j < i; j++) {
      if (inside(c, px(j), py(j))) continue;
      c = circleFrom2(px(i), py(i), px(j), py(j));
      for (let k = 0; k < j; k++) {
        if (inside(c, px(k), py(k))) continue;
        c = circleFrom3(px(i), py(i), px(j), py(j), px(k), py(k));
      }
    }
  }
  return c;
}

function circleFrom2(ax: number, ay: number, bx: number, by: number): Circle {
  return { x: (ax + bx) / 2, y: (ay + by) / 2, r: Math.hypot(ax - bx, ay - by) / 2 };
}

function circleFrom3(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Circle {
  const bxr = bx - ax;
  const byr = by - ay;
  const cxr = cx - ax;
  const cyr = cy - ay;
  const d = 2 * (bxr * cyr - byr * cxr);
  if (Math.abs(d) < 1e-18) {
    // Collinear: the circle on the two farthest points.
    const candidates = [circleFrom2(ax, ay, bx, by), circleFrom2(ax, ay, cx, cy), circleFrom2(bx, by, cx, cy)];
    return candidates.reduce((a, b) => (b.r > a.r ? b : a));
  }
  const b2 = bxr * bxr + byr * byr;
  const c2 = cxr * cxr + cyr * cyr;
  const ux = (cyr * b2 - byr * c2) / d;
  const uy = (bxr * c2 - cxr * b2) / d;
  return { x: ax + ux, y: ay + uy, r: Math.hypot(ux, uy) };
}
