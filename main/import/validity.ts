/**
 * Detecting crossing edges in a polygon (a "bowtie" ring, a hole cutting its shell, overlapping
 * parts): any two non-adjacent edges that properly cross. Edges are bucketed by grid cell
 * (counting sort into reused typed arrays), so the check is about linear in the number of
 * points. Touching at a vertex is not reported (shapefiles use it for inverted islands).
 */
import type { Position } from 'geojson';

let cap = 0;
let AX = new Float64Array(0);
let AY = new Float64Array(0);
let BX = new Float64Array(0);
let BY = new Float64Array(0);
let RING = new Int32Array(0);
let K = new Int32Array(0);
let LAST = new Int32Array(0);
let CX0 = new Int32Array(0);
let CX1 = new Int32Array(0);
let CY0 = new Int32Array(0);
let CY1 = new Int32Array(0);
let MEMBERS = new Int32Array(0);

function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 1024);
  AX = new Float64Array(cap);
  AY = new Float64Array(cap);
  BX = new Float64Array(cap);
  BY = new Float64Array(cap);
  RING = new Int32Array(cap);
  K = new Int32Array(cap);
  LAST = new Int32Array(cap);
  CX0 = new Int32Array(cap);
  CX1 = new Int32Array(cap);
  CY0 = new Int32Array(cap);
  CY1 = new Int32Array(cap);
}

const MAX_CELLS_PER_EDGE = 64;

/** True when two non-adjacent edges of the (closed) rings properly cross. */
export function hasCrossingEdges(polygons: Position[][][]): boolean {
  let n = 0;
  for (const polygon of polygons) for (const ring of polygon) n += ring.length - 1;
  if (n < 4) return false;
  ensure(n);
  let e = 0;
  let r = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const last = ring.length - 2;
      for (let k = 0; k <= last; k++) {
        const a = ring[k]!;
        const b = ring[k + 1]!;
        AX[e] = a[0]!;
        AY[e] = a[1]!;
        BX[e] = b[0]!;
        BY[e] = b[1]!;
        RING[e] = r;
        K[e] = k;
        LAST[e] = last;
        e++;
      }
      r++;
    }
  }
  return edgesCross(n);
}

/** The same test on packed rings (x,y pairs; `rings` = start of each closed ring plus the end). */
export function hasCrossingEdgesFlat(coords: Float64Array, rings: Int32Array): boolean {
  const ringCount = rings.length - 1;
  const n = rings[ringCount]! - rings[0]! - ringCount;
  if (n < 4) return false;
  ensure(n);
  let e = 0;
  for (let r = 0; r < ringCount; r++) {
    const s = rings[r]!;
    const last = rings[r + 1]! - s - 2;
    for (let k = 0; k <= last; k++) {
      const i = 2 * (s + k);
      AX[e] = coords[i]!;
      AY[e] = coords[i + 1]!;
      BX[e] = coords[i + 2]!;
      BY[e] = coords[i + 3]!;
      RING[e] = r;
      K[e] = k;
      LAST[e] = last;
      e++;
    }
  }
  return edgesCross(n);
}

/** Whether any two of the n loaded edges properly cross (edges bucketed by grid cell). */
function edgesCross(n: number): boolean {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const ax = AX[i]!;
    const ay = AY[i]!;
    if (ax < minX) minX = ax;
    if (ax > maxX) maxX = ax;
    if (ay < minY) minY = ay;
    if (ay > maxY) maxY = ay;
    length += Math.abs(BX[i]! - ax) + Math.abs(BY[i]! - ay);
  }
  // Two average edge lengths per cell: fewest pairs plus cell entries on ZCTA and county files.
  const cell = Math.max((2 * length) / n, Math.max(maxX - minX, maxY - minY) / 4096, 1e-12);
  const inv = 1 / cell;
  let buckets = 1;
  while (buckets < n * 2) buckets <<= 1;
  const mask = buckets - 1;
  const counts = new Int32Array(buckets + 1);
  let entries = 0;
  const longEdges: number[] = [];
  // Pass 1: cell span of every edge, and bucket sizes.
  for (let i = 0; i < n; i++) {
    const ax = (AX[i]! - minX) * inv;
    const bx = (BX[i]! - minX) * inv;
    const ay = (AY[i]! - minY) * inv;
    const by = (BY[i]! - minY) * inv;
    const cx0 = Math.floor(ax < bx ? ax : bx);
    const cx1 = Math.floor(ax < bx ? bx : ax);
    const cy0 = Math.floor(ay < by ? ay : by);
    const cy1 = Math.floor(ay < by ? by : ay);
    CX0[i] = cx0;
    CX1[i] = cx1;
    CY0[i] = cy0;
    CY1[i] = cy1;
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > MAX_CELLS_PER_EDGE) {
      longEdges.push(i);
      CX1[i] = cx0 - 1; // no cells: tested against everything below
      continue;
    }
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        counts[((Math.imul(cx, 0x9e3779b1) ^ Math.imul(cy, 0x85ebca77)) & mask) + 1]!++;
        entries++;
      }
    }
  }
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
  const fill = counts.slice(0, buckets);
  if (MEMBERS.length < entries) MEMBERS = new Int32Array(Math.max(entries, MEMBERS.length * 2));
  const members = MEMBERS;
  for (let i = 0; i < n; i++) {
    for (let cx = CX0[i]!; cx <= CX1[i]!; cx++) {
      for (let cy = CY0[i]!; cy <= CY1[i]!; cy++) members[fill[(Math.imul(cx, 0x9e3779b1) ^ Math.imul(cy, 0x85ebca77)) & mask]!++] = i;
    }
  }
  for (let b = 0; b < buckets; b++) {
    const s = counts[b]!;
    const t = counts[b + 1]!;
    for (let x = s; x < t; x++) for (let y = x + 1; y < t; y++) if (cross(members[x]!, members[y]!)) return true;
  }
  for (const i of longEdges) for (let j = 0; j < n; j++) if (j !== i && cross(i, j)) return true;
  return false;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function cross(i: number, j: number): boolean {
  const ax = AX[i]!;
  const bx = BX[i]!;
  const cx = AX[j]!;
  const dx = BX[j]!;
  if ((ax < bx ? bx : ax) < (cx < dx ? cx : dx) || (cx < dx ? dx : cx) < (ax < bx ? ax : bx)) return false;
  const ay = AY[i]!;
  const by = BY[i]!;
  const cy = AY[j]!;
  const dy = BY[j]!;
  if ((ay < by ? by : ay) < (cy < dy ? cy : dy) || (cy < dy ? dy : cy) < (ay < by ? ay : by)) return false;
  if (RING[i] === RING[j]) {
    const d = Math.abs(K[i]! - K[j]!);
    if (d <= 1 || d === LAST[i]) return false;
  }
  const o1 = orient(AX[i]!, AY[i]!, BX[i]!, BY[i]!, AX[j]!, AY[j]!);
  const o2 = orient(AX[i]!, AY[i]!, BX[i]!, BY[i]!, BX[j]!, BY[j]!);
  if (o1 * o2 >= 0) return false;
  const o3 = orient(AX[j]!, AY[j]!, BX[j]!, BY[j]!, AX[i]!, AY[i]!);
  const o4 = orient(AX[j]!, AY[j]!, BX[j]!, BY[j]!, BX[i]!, BY[i]!);
  return o3 * o4 < 0;
}
