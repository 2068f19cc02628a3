/**
 * Detecting crossing edges in a polygon (a "bowtie" ring, a hole cutting its shell, overlapping
 * parts): any two non-adjacent edges that properly cross. Touching at a vertex is not reported
 * (shapefiles use it for inverted islands).
 *
 * Monotone chains, as GEOS/JTS do it: each ring is cut into runs of edges that all head into the
 * same quadrant, so x and y are both monotone along a chain. Two edges of one chain cannot
 * properly cross, and the bounding box of any stretch of a chain is the box of its two end points.
 * Chains are ordered by their left edge (counting sort) and swept; only chains whose boxes meet
 * are compared, by halving the longer stretch until single edges are left, so a pair of chains
 * costs about the log of its length unless the chains really come close. On the counties
 * benchmark (7.7 M edges) this replaced a hash grid of edges (every edge hashed into one or more
 * cells twice, every pair in a cell tested): ~3 s of CPU -> see the README for the figures.
 */
import type { Position } from 'geojson';

// Reused scratch arrays (the import checks one feature at a time).
let XY = new Float64Array(0); // GeoJSON input packed as x,y pairs
let RINGS = new Int32Array(0);
let chainCap = 0;
let CH_START = new Int32Array(0); // first point of the chain
let CH_END = new Int32Array(0); // last point (edges CH_START .. CH_END-1)
let CH_RING = new Int32Array(0);
let CH_KEY = new Int32Array(0); // left edge, quantized for the counting sort
let ORDER = new Int32Array(0);
let COUNTS = new Int32Array(0);
// The chains' boxes in sweep order (minX, maxX, minY, maxY), and their keys: the sweep's inner
// loop then reads consecutive memory instead of chain -> point -> coordinate.
let SORTED_BOX = new Float64Array(0);
let SORTED_KEY = new Int32Array(0);

// The polygon being checked: points, ring starts (and the end), for edgeCross.
let xy: Float64Array = XY;
let ringStart: Int32Array = RINGS;

function ensureChains(n: number): void {
  if (n <= chainCap) return;
  chainCap = Math.max(n, chainCap * 2, 1024);
  CH_START = new Int32Array(chainCap);
  CH_END = new Int32Array(chainCap);
  CH_RING = new Int32Array(chainCap);
  CH_KEY = new Int32Array(chainCap);
  ORDER = new Int32Array(chainCap);
  COUNTS = new Int32Array(chainCap + 1);
  SORTED_BOX = new Float64Array(4 * chainCap);
  SORTED_KEY = new Int32Array(chainCap);
}

/** True when two non-adjacent edges of the (closed) rings properly cross. */
export function hasCrossingEdges(polygons: Position[][][]): boolean {
  let points = 0;
  let ringCount = 0;
  for (const polygon of polygons) {
    ringCount += polygon.length;
    for (const ring of polygon) points += ring.length;
  }
  if (XY.length < 2 * points) XY = new Float64Array(Math.max(2 * points, XY.length * 2));
  if (RINGS.length < ringCount + 1) RINGS = new Int32Array(Math.max(ringCount + 1, RINGS.length * 2));
  let p = 0;
  let r = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      RINGS[r++] = p;
      for (const point of ring) {
        XY[2 * p] = point[0]!;
        XY[2 * p + 1] = point[1]!;
        p++;
      }
    }
  }
  RINGS[r] = p;
  return hasCrossingEdgesFlat(XY, RINGS.subarray(0, r + 1));
}

/** The same test on packed rings (x,y pairs; `rings` = start of each closed ring plus the end). */
export function hasCrossingEdgesFlat(coords: Float64Array, rings: Int32Array): boolean {
  const ringCount = rings.length - 1;
  const edges = rings[ringCount]! - rings[0]! - ringCount;
  if (edges < 4) return false;
  xy = coords;
  ringStart = rings;
  const chains = buildChains(coords, rings);
  return chainsCross(chains);
}

/** Cuts every ring into chains whose edges all head into one quadrant; returns the count. */
function buildChains(c: Float64Array, rings: Int32Array): number {
  const ringCount = rings.length - 1;
  ensureChains(rings[ringCount]! - rings[0]!);
  let m = 0;
  for (let r = 0; r < ringCount; r++) {
    const s = rings[r]!;
    const lastPoint = rings[r + 1]! - 1; // the closing point (equal to the first)
    if (lastPoint - s < 1) continue;
    let start = s;
    let quadrant = quadrantOf(c, s);
    for (let p = s + 1; p < lastPoint; p++) {
      const q = quadrantOf(c, p);
      if (q !== quadrant) {
        CH_START[m] = start;
        CH_END[m] = p;
        CH_RING[m] = r;
        m++;
        start = p;
        quadrant = q;
      }
    }
    CH_START[m] = start;
    CH_END[m] = lastPoint;
    CH_RING[m] = r;
    m++;
  }
  return m;
}

/** Direction of edge p -> p+1: bit 0 = x does not decrease, bit 1 = y does not decrease. */
function quadrantOf(c: Float64Array, p: number): number {
  return (c[2 * p + 2]! >= c[2 * p]! ? 1 : 0) | (c[2 * p + 3]! >= c[2 * p + 1]! ? 2 : 0);
}

/** Sweep over the chains in order of their left edge; true at the first proper crossing. */
function chainsCross(m: number): boolean {
  const c = xy;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < m; i++) {
    const a = c[2 * CH_START[i]!]!;
    const b = c[2 * CH_END[i]!]!;
    if ((a < b ? a : b) < minX) minX = a < b ? a : b;
    if ((a < b ? b : a) > maxX) maxX = a < b ? b : a;
  }
  // Counting sort by the quantized left edge (m buckets over the x extent). The sweep compares
  // quantized keys, which only ever lets more pairs through to the exact box test below.
  const scale = maxX > minX ? (m - 1) / (maxX - minX) : 0;
  COUNTS.fill(0, 0, m + 1);
  for (let i = 0; i < m; i++) {
    const a = c[2 * CH_START[i]!]!;
    const b = c[2 * CH_END[i]!]!;
    const key = Math.floor(((a < b ? a : b) - minX) * scale);
    CH_KEY[i] = key;
    COUNTS[key + 1]!++;
  }
  for (let k = 0; k < m; k++) COUNTS[k + 1]! += COUNTS[k]!;
  for (let i = 0; i < m; i++) ORDER[COUNTS[CH_KEY[i]!]!++] = i;
  const box = SORTED_BOX;
  const sortedKey = SORTED_KEY;
  for (let o = 0; o < m; o++) {
    const i = ORDER[o]!;
    const ax = c[2 * CH_START[i]!]!;
    const bx = c[2 * CH_END[i]!]!;
    const ay = c[2 * CH_START[i]! + 1]!;
    const by = c[2 * CH_END[i]! + 1]!;
    box[4 * o] = ax < bx ? ax : bx;
    box[4 * o + 1] = ax < bx ? bx : ax;
    box[4 * o + 2] = ay < by ? ay : by;
    box[4 * o + 3] = ay < by ? by : ay;
    sortedKey[o] = CH_KEY[i]!;
  }
  for (let oi = 0; oi < m; oi++) {
    const iMaxX = box[4 * oi + 1]!;
    const iMaxKey = Math.floor((iMaxX - minX) * scale);
    const iMinY = box[4 * oi + 2]!;
    const iMaxY = box[4 * oi + 3]!;
    for (let oj = oi + 1; oj < m; oj++) {
      if (sortedKey[oj]! > iMaxKey) break;
      if (box[4 * oj]! > iMaxX || box[4 * oj + 2]! > iMaxY || box[4 * oj + 3]! < iMinY) continue;
      const i = ORDER[oi]!;
      const j = ORDER[oj]!;
      if (stretchesCross(CH_START[i]!, CH_END[i]!, CH_START[j]!, CH_END[j]!, CH_RING[i]!, CH_RING[j]!)) return true;
    }
  }
  return false;
}

/**
 * Whether an edge of the chain stretch a0..a1 properly crosses one of b0..b1 (point indices; a
 * stretch of monotone chain is boxed by its end points). Halves the longer stretch.
 */
function stretchesCross(a0: number, a1: number, b0: number, b1: number, ringA: number, ringB: number): boolean {
  const c = xy;
  const ax = c[2 * a0]!;
  const bx = c[2 * a1]!;
  const cx = c[2 * b0]!;
  const dx = c[2 * b1]!;
  if ((ax < bx ? bx : ax) < (cx < dx ? cx : dx) || (cx < dx ? dx : cx) < (ax < bx ? ax : bx)) return false;
  const ay = c[2 * a0 + 1]!;
  const by = c[2 * a1 + 1]!;
  const cy = c[2 * b0 + 1]!;
  const dy = c[2 * b1 + 1]!;
  if ((ay < by ? by : ay) < (cy < dy ? cy : dy) || (cy < dy ? dy : cy) < (ay < by ? ay : by)) return false;
  const lengthA = a1 - a0;
  const lengthB = b1 - b0;
  if (lengthA === 1 && lengthB === 1) return edgesCross(a0, b0, ringA, ringB);
  // Short stretches: every pair of edges directly (halving down to them costs more calls than it
  // saves tests; the answer is the same, boxes only ever skip pairs that cannot cross).
  if (lengthA * lengthB <= 16) {
    for (let i = a0; i < a1; i++) {
      const ex0 = c[2 * i]!;
      const ex1 = c[2 * i + 2]!;
      const ey0 = c[2 * i + 1]!;
      const ey1 = c[2 * i + 3]!;
      const eMinX = ex0 < ex1 ? ex0 : ex1;
      const eMaxX = ex0 < ex1 ? ex1 : ex0;
      const eMinY = ey0 < ey1 ? ey0 : ey1;
      const eMaxY = ey0 < ey1 ? ey1 : ey0;
      for (let j = b0; j < b1; j++) {
        const fx0 = c[2 * j]!;
        const fx1 = c[2 * j + 2]!;
        if ((fx0 < fx1 ? fx1 : fx0) < eMinX || (fx0 < fx1 ? fx0 : fx1) > eMaxX) continue;
        const fy0 = c[2 * j + 1]!;
        const fy1 = c[2 * j + 3]!;
        if ((fy0 < fy1 ? fy1 : fy0) < eMinY || (fy0 < fy1 ? fy0 : fy1) > eMaxY) continue;
        if (edgesCross(i, j, ringA, ringB)) return true;
      }
    }
    return false;
  }
  if (lengthA >= lengthB) {
    const mid = (a0 + a1) >> 1;
    return stretchesCross(a0, mid, b0, b1, ringA, ringB) || stretchesCross(mid, a1, b0, b1, ringA, ringB);
  }
  const mid = (b0 + b1) >> 1;
  return stretchesCross(a0, a1, b0, mid, ringA, ringB) || stretchesCross(a0, a1, mid, b1, ringA, ringB);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Edges i -> i+1 and j -> j+1 (boxes already known to meet) properly cross and are not neighbours in a ring. */
function edgesCross(i: number, j: number, ringI: number, ringJ: number): boolean {
  if (ringI === ringJ) {
    const d = Math.abs(i - j);
    // Consecutive edges, or the ring's last edge and its first (they share the closing point).
    if (d <= 1 || d === ringStart[ringI + 1]! - ringStart[ringI]! - 2) return false;
  }
  const c = xy;
  const ax = c[2 * i]!;
  const ay = c[2 * i + 1]!;
  const bx = c[2 * i + 2]!;
  const by = c[2 * i + 3]!;
  const cx = c[2 * j]!;
  const cy = c[2 * j + 1]!;
  const dx = c[2 * j + 2]!;
  const dy = c[2 * j + 3]!;
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  if (o1 * o2 >= 0) return false;
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  return o3 * o4 < 0;
}
