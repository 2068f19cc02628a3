/**
 * Planar geometry on projected coordinates (kilometres in an equal-area projection). Points are
 * stored flat as [x0, y0, x1, y1, ...] so that thousands of them cost no allocations per point.
 */

/**
 * Convex hull of n points by Andrew's monotone chain; returns the hull vertices counter-clockwise,
 * flat, without repeating the first. Collinear points are dropped. O(n log n).
 */
export function convexHull(points: Float64Array, n = points.length / 2): Float64Array {
  const out = new Float64Array(2 * n);
  return out.slice(0, 2 * convexHullInto(points, n, out));
}

/**
 * convexHull without allocating: writes the hull vertices to `out` (room for 2n numbers) and
 * returns how many there are. Typed-array allocations (even a subarray view) cost more than the
 * hull itself for the few hundred points of a territory, which the engine hulls by the hundred.
 */
export function convexHullInto(points: Float64Array, n: number, out: Float64Array): number {
  if (n < 3) {
    out.set(points.subarray(0, 2 * n));
    return n;
  }
  if (orderScratch.length < n) {
    orderScratch = new Uint32Array(2 * n);
    hullScratch = new Uint32Array(4 * n);
  }
  const order = orderScratch;
  const hull = hullScratch;
  if (n > 32) n = aklToussaint(points, n, order);
  else for (let i = 0; i < n; i++) order[i] = i;
  sortLexicographic(order, n, points);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    while (k >= 2 && cross(points, hull[k - 2]!, hull[k - 1]!, p) <= 0) k--;
    hull[k++] = p;
  }
  for (let i = n - 2, lower = k + 1; i >= 0; i--) {
    const p = order[i]!;
    while (k >= lower && cross(points, hull[k - 2]!, hull[k - 1]!, p) <= 0) k--;
    hull[k++] = p;
  }
  const m = Math.max(1, k - 1);
  for (let i = 0; i < m; i++) {
    out[2 * i] = points[2 * hull[i]!]!;
    out[2 * i + 1] = points[2 * hull[i]! + 1]!;
  }
  return m;
}

/** Cross product (a - o) x (b - o) of points given by index: > 0 when o, a, b turn left. */
function cross(points: Float64Array, o: number, a: number, b: number): number {
  return (
    (points[2 * a]! - points[2 * o]!) * (points[2 * b + 1]! - points[2 * o + 1]!) -
    (points[2 * a + 1]! - points[2 * o + 1]!) * (points[2 * b]! - points[2 * o]!)
  );
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
  const corners = octagon;
  corners[0] = e0;
  corners[1] = e1;
  corners[2] = e2;
  corners[3] = e3;
  corners[4] = e4;
  corners[5] = e5;
  corners[6] = e6;
  corners[7] = e7;
  // Edges of the octagon as (ax, ay, ex, ey), zero-length ones (repeated corners) left out.
  const edges = octagonEdges;
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
let orderScratch = new Uint32Array(1024);
let hullScratch = new Uint32Array(2048);
const octagon = new Uint32Array(8);
const octagonEdges = new Float64Array(32);

/** Whether point a sorts before point b by (x, y). */
function before(points: Float64Array, a: number, b: number): boolean {
  const ax = points[2 * a]!;
  const bx = points[2 * b]!;
  return ax < bx || (ax === bx && points[2 * a + 1]! < points[2 * b + 1]!);
}

/**
 * Sort point indices by (x, y) in place: quicksort (median of three) down to short runs, then one
 * insertion sort pass. No comparator callback: the built-in sort with one costs several times more
 * for the few hundred points a territory hull has.
 */
function sortLexicographic(order: Uint32Array, n: number, points: Float64Array): void {
  quicksort(order, 0, n - 1, points);
  for (let i = 1; i < n; i++) {
    const p = order[i]!;
    let j = i - 1;
    while (j >= 0 && before(points, p, order[j]!)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = p;
  }
}

/** Partition order[lo..hi] around median-of-three pivots until runs are short (<= 16). */
function quicksort(order: Uint32Array, lo: number, hi: number, points: Float64Array): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    if (before(points, order[mid]!, order[lo]!)) swap(order, mid, lo);
    if (before(points, order[hi]!, order[lo]!)) swap(order, hi, lo);
    if (before(points, order[hi]!, order[mid]!)) swap(order, hi, mid);
    const pivot = order[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(points, order[i]!, pivot)) i++;
      while (before(points, pivot, order[j]!)) j--;
      if (i <= j) swap(order, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger: stack depth O(log n).
    if (j - lo < hi - i) {
      quicksort(order, lo, j, points);
      lo = i;
    } else {
      quicksort(order, i, hi, points);
      hi = j;
    }
  }
}

function swap(a: Uint32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Absolute area of a simple polygon given flat (shoelace formula), in squared input units. */
export function polygonArea(ring: Float64Array, n = ring.length / 2): number {
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
 * The circle is kept in three numbers and containment compares squared distances (no Math.hypot,
 * no object per candidate circle): the engine runs this for every territory an edit touched.
 */
export function minimumEnclosingCircle(points: Float64Array, n = points.length / 2): Circle {
  if (n === 0) return { x: 0, y: 0, r: 0 };
  if (shuffled.length < 2 * n) {
    shuffled = new Float64Array(4 * n);
    shuffleOrder = new Uint32Array(2 * n);
  }
  const p = shuffled;
  const idx = shuffleOrder;
  for (let i = 0; i < n; i++) idx[i] = i;
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  for (let i = 0; i < n; i++) {
    p[2 * i] = points[2 * idx[i]!]!;
    p[2 * i + 1] = points[2 * idx[i]! + 1]!;
  }
  let cx = p[0]!;
  let cy = p[1]!;
  let r = 0;
  for (let i = 1; i < n; i++) {
    const ix = p[2 * i]!;
    const iy = p[2 * i + 1]!;
    if (inside(cx, cy, r, ix, iy)) continue;
    cx = ix;
    cy = iy;
    r = 0;
    for (let j = 0; j < i; j++) {
      const jx = p[2 * j]!;
      const jy = p[2 * j + 1]!;
      if (inside(cx, cy, r, jx, jy)) continue;
      cx = (ix + jx) / 2;
      cy = (iy + jy) / 2;
      r = Math.sqrt((ix - jx) ** 2 + (iy - jy) ** 2) / 2;
      for (let k = 0; k < j; k++) {
        const kx = p[2 * k]!;
        const ky = p[2 * k + 1]!;
        if (inside(cx, cy, r, kx, ky)) continue;
        const c = circleFrom3(ix, iy, jx, jy, kx, ky);
        cx = c.x;
        cy = c.y;
        r = c.r;
      }
    }
  }
  return { x: cx, y: cy, r };
}

/** Shuffled copy of the points and the shuffle, reused across calls. */
let shuffled = new Float64Array(256);
let shuffleOrder = new Uint32Array(128);

/** Whether (x, y) lies in the circle, with a relative and absolute slack of 1e-9 for rounding. */
function inside(cx: number, cy: number, r: number, x: number, y: number): boolean {
  const reach = r * (1 + 1e-9) + 1e-9;
  return (x - cx) ** 2 + (y - cy) ** 2 <= reach * reach;
}

function circleFrom2(ax: number, ay: number, bx: number, by: number): Circle {
  return { x: (ax + bx) / 2, y: (ay + by) / 2, r: Math.sqrt((ax - bx) ** 2 + (ay - by) ** 2) / 2 };
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
  return { x: ax + ux, y: ay + uy, r: Math.sqrt(ux * ux + uy * uy) };
}
