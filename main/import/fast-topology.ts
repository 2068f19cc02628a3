/**
 * Shared-arc topology on typed arrays (the idea of topojson-server's join/cut/dedup, written for
 * millions of points: quantized integer coordinates, an open-addressing hash of points, arcs stored
 * flat). Output is standard quantized, delta-encoded TopoJSON. A point is a junction when its
 * occurrences have different neighbours; rings are cut at junctions into arcs, and arcs equal
 * forwards or backwards are stored once. Rings without junctions are rotated to their smallest
 * point so that identical rings (an enclave and its hole) are found equal.
 */
import type { GeometryObject, Topology } from 'topojson-specification';
import type { CompactPolygons } from './compact.ts';

export interface TopologyInput {
  id: string;
  geometry: CompactPolygons;
}

export interface FastTopologyOptions {
  /** Grid cells across the bbox on each axis. */
  quantization: number;
  /** Douglas-Peucker tolerance in degrees for display simplification; 0 keeps every point. */
  tolerance: number;
  /** Called now and then with the fraction done; may throw to stop (cancel). */
  onStep?: (fraction: number) => void;
}

export function buildTopology(units: TopologyInput[], bbox: [number, number, number, number], options: FastTopologyOptions): Topology {
  const [x0, y0, x1, y1] = bbox;
  const q = options.quantization;
  const kx = x1 > x0 ? (q - 1) / (x1 - x0) : 1;
  const ky = y1 > y0 ? (q - 1) / (y1 - y0) : 1;
  const step = options.onStep ?? (() => {});
  // Each phase is its own function: V8 then optimizes each hot loop on its own instead of one
  // huge function entered through on-stack replacement (the quantizing loop alone ran ~2x slower
  // that way).
  const rings = quantizeRings(units, x0, y0, kx, ky);
  step(0.1);
  const isJunction = findJunctions(rings, step);
  const arcs = cutArcs(rings, isJunction, step);
  const sx = 1 / kx;
  const sy = 1 / ky;
  const keep = simplifyArcs(arcs, sx, sy, options.tolerance, step);
  const geometries = units.map((u, ui): GeometryObject => {
    const polygons = rings.unitRings[ui]!.map((ringsOfPolygon) => ringsOfPolygon.map((r) => arcs.ringArcs[r]!));
    if (polygons.length === 0) return { type: null, id: u.id } as unknown as GeometryObject;
    return polygons.length === 1 ? { type: 'Polygon', id: u.id, arcs: polygons[0]! } : { type: 'MultiPolygon', id: u.id, arcs: polygons };
  });
  return {
    type: 'Topology',
    bbox,
    transform: { scale: [sx, sy], translate: [x0, y0] },
    objects: { units: { type: 'GeometryCollection', geometries } },
    arcs: deltaEncode(arcs, keep),
  };
}

/**
 * Every ring as quantized integer points (x, y interleaved), repeated points dropped, closing
 * point not stored. Each ring is framed by copies of its last point (before it) and its first
 * point (after it), so the ring neighbours of any point i are always i - 1 and i + 1.
 */
interface QuantizedRings {
  XY: Int32Array;
  /** Points in use in XY, frames included. */
  n: number;
  ringStart: Int32Array;
  ringLength: Int32Array;
  ringCount: number;
  /** Per unit, per polygon, the ring numbers. */
  unitRings: number[][][];
}

function quantizeRings(units: TopologyInput[], x0: number, y0: number, kx: number, ky: number): QuantizedRings {
  let total = 0;
  let totalRings = 0;
  for (const u of units) {
    total += u.geometry.coords.length / 2;
    totalRings += u.geometry.rings.length - 1;
  }
  const XY = new Int32Array(2 * (total + 2 * totalRings));
  const ringStart = new Int32Array(totalRings);
  const ringLength = new Int32Array(totalRings);
  let ringCount = 0;
  const unitRings: number[][][] = [];
  let n = 0;
  for (const u of units) {
    const { coords, rings: ringOffsets, polygons: polygonOffsets } = u.geometry;
    const polygons: number[][] = [];
    for (let p = 0; p + 1 < polygonOffsets.length; p++) {
      const rings: number[] = [];
      for (let r = polygonOffsets[p]!; r < polygonOffsets[p + 1]!; r++) {
        const frame = n;
        const start = n + 1;
        n = start;
        const endPoint = ringOffsets[r + 1]!;
        for (let i = ringOffsets[r]!; i < endPoint; i++) {
          const x = Math.round((coords[2 * i]! - x0) * kx);
          const y = Math.round((coords[2 * i + 1]! - y0) * ky);
          if (n > start && XY[2 * n - 2] === x && XY[2 * n - 1] === y) continue;
          XY[2 * n] = x;
          XY[2 * n + 1] = y;
          n++;
        }
        while (n - start > 1 && XY[2 * n - 2] === XY[2 * start] && XY[2 * n - 1] === XY[2 * start + 1]) n--;
        if (n - start < 3) {
          n = frame;
          if (r === polygonOffsets[p]) break;
          continue;
        }
        XY[2 * frame] = XY[2 * n - 2]!;
        XY[2 * frame + 1] = XY[2 * n - 1]!;
        XY[2 * n] = XY[2 * start]!;
        XY[2 * n + 1] = XY[2 * start + 1]!;
        rings.push(ringCount);
        ringStart[ringCount] = start;
        ringLength[ringCount] = n - start;
        ringCount++;
        n++;
      }
      if (rings.length) polygons.push(rings);
    }
    unitRings.push(polygons);
  }
  return { XY, n, ringStart, ringLength, ringCount, unitRings };
}

/**
 * Junctions: a hash of distinct points, each later occurrence's ring neighbours compared with
 * the first occurrence's. Returns one flag per point (frames included, never set).
 */
function findJunctions({ XY, n, ringStart, ringLength, ringCount }: QuantizedRings, step: (fraction: number) => void): Uint8Array {
  let capacity = 1;
  while (capacity < n * 1.5) capacity <<= 1;
  const mask = capacity - 1;
  // A slot holds only the first occurrence p of a point (4 bytes: the hash is the largest
  // structure of an import), with two flags in its top bits: JUNCTION, and SEEN, a later
  // occurrence matched p's neighbours. Points are flagged as they go: an occurrence that finds
  // or makes a junction, and p when its slot becomes one. Only an occurrence that matched and
  // was followed by one that did not is missed (SEEN then JUNCTION: 52 points of the counties'
  // 7.7 M); a second pass looks those up again, filtered by their home slots.
  const JUNCTION = 0x80000000 | 0;
  const SEEN = 0x40000000;
  const POINT = 0x3fffffff;
  const EMPTY = POINT;
  if (n >= POINT) throw new Error(`Too many points for the topology hash (${n}).`);
  const table = new Int32Array(capacity).fill(EMPTY);
  const isJunction = new Uint8Array(n);
  // Home slots (low 16 bits) of points that became junctions after a matching occurrence.
  let late: Uint8Array | null = null;
  for (let r = 0; r < ringCount; r++) {
    if ((r & 4095) === 0) step(0.1 + (0.4 * r) / ringCount);
    const s = ringStart[r]!;
    const e = s + ringLength[r]!;
    for (let i = s; i < e; i++) {
      const x = XY[2 * i]!;
      const y = XY[2 * i + 1]!;
      const home = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) & mask;
      let h = home;
      for (;;) {
        const slot = table[h]!;
        if (slot === EMPTY) {
          table[h] = i;
          break;
        }
        const p = slot & POINT;
        if (XY[2 * p] === x && XY[2 * p + 1] === y) {
          if (slot < 0) {
            isJunction[i] = 1;
            break;
          }
          const ax = XY[2 * p - 2]!;
          const ay = XY[2 * p - 1]!;
          const bx = XY[2 * p + 2]!;
          const by = XY[2 * p + 3]!;
          const px = XY[2 * i - 2]!;
          const py = XY[2 * i - 1]!;
          const nx = XY[2 * i + 2]!;
          const ny = XY[2 * i + 3]!;
          if ((ax === px && ay === py && bx === nx && by === ny) || (ax === nx && ay === ny && bx === px && by === py)) {
            table[h] = slot | SEEN;
          } else {
            table[h] = slot | JUNCTION;
            isJunction[i] = 1;
            isJunction[p] = 1;
            if (slot & SEEN) (late ??= new Uint8Array(65536))[home & 0xffff] = 1;
          }
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }
  if (late) {
    for (let r = 0; r < ringCount; r++) {
      const s = ringStart[r]!;
      const e = s + ringLength[r]!;
      for (let i = s; i < e; i++) {
        if (isJunction[i]) continue;
        const x = XY[2 * i]!;
        const y = XY[2 * i + 1]!;
        let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) & mask;
        if (!late[h & 0xffff]) continue;
        for (;;) {
          const p = table[h]! & POINT;
          if (XY[2 * p] === x && XY[2 * p + 1] === y) break;
          h = (h + 1) & mask;
        }
        if (table[h]! < 0) isJunction[i] = 1;
      }
    }
  }
  return isJunction;
}

/** Rings cut at junctions into arcs; each arc stored once (a ring refers to it forwards or as ~arc backwards). */
interface CutArcs {
  arcX: Int32Array;
  arcY: Int32Array;
  /** Start of each arc in arcX/arcY, plus the end. */
  arcStart: number[];
  ringArcs: number[][];
}

function cutArcs({ XY, n, ringStart, ringLength, ringCount }: QuantizedRings, isJunction: Uint8Array, step: (fraction: number) => void): CutArcs {
  let arcX = new Int32Array(Math.max(1024, n >> 1));
  let arcY = new Int32Array(arcX.length);
  let arcLength = 0;
  const arcStart: number[] = [0];
  const arcIndex = new Map<number, number[]>();
  const ringArcs: number[][] = new Array(ringCount);
  const pointKey = (x: number, y: number) => x * 4294967296 + y;

  // Points s + (offset + k) % m for k in 0..count (count + 1 points, the last may wrap to the first).
  const addArc = (s: number, m: number, offset: number, count: number): number => {
    const first = s + offset;
    const last = s + ((offset + count) % m);
    const k1 = pointKey(XY[2 * first]!, XY[2 * first + 1]!);
    const k2 = pointKey(XY[2 * last]!, XY[2 * last + 1]!);
    const key = k1 < k2 ? k1 * 31 + k2 : k2 * 31 + k1;
    const candidates = arcIndex.get(key);
    if (candidates) {
      for (const a of candidates) {
        const as = arcStart[a]!;
        const len = arcStart[a + 1]! - as;
        if (len !== count + 1) continue;
        let forward = true;
        for (let k = 0, i = first; k <= count; k++, i = i + 1 === s + m ? s : i + 1) {
          if (arcX[as + k] !== XY[2 * i] || arcY[as + k] !== XY[2 * i + 1]) {
            forward = false;
            break;
          }
        }
        if (forward) return a;
        let backward = true;
        for (let k = 0, i = first; k <= count; k++, i = i + 1 === s + m ? s : i + 1) {
          if (arcX[as + count - k] !== XY[2 * i] || arcY[as + count - k] !== XY[2 * i + 1]) {
            backward = false;
            break;
          }
        }
        if (backward) return ~a;
      }
    }
    const a = arcStart.length - 1;
    if (arcLength + count + 1 > arcX.length) {
      const size = Math.max(arcX.length * 2, arcLength + count + 1);
      const grownX = new Int32Array(size);
      const grownY = new Int32Array(size);
      grownX.set(arcX.subarray(0, arcLength));
      grownY.set(arcY.subarray(0, arcLength));
      arcX = grownX;
      arcY = grownY;
    }
    for (let k = 0, i = first; k <= count; k++, i = i + 1 === s + m ? s : i + 1) {
      arcX[arcLength] = XY[2 * i]!;
      arcY[arcLength] = XY[2 * i + 1]!;
      arcLength++;
    }
    arcStart.push(arcLength);
    if (candidates) candidates.push(a);
    else arcIndex.set(key, [a]);
    return a;
  };

  const cuts: number[] = [];
  for (let r = 0; r < ringCount; r++) {
    if ((r & 4095) === 0) step(0.5 + (0.3 * r) / ringCount);
    const s = ringStart[r]!;
    const m = ringLength[r]!;
    cuts.length = 0;
    for (let k = 0; k < m; k++) if (isJunction[s + k]) cuts.push(k);
    const arcs: number[] = [];
    if (cuts.length === 0) {
      let min = 0;
      for (let k = 1; k < m; k++) {
        const i = s + k;
        const j = s + min;
        if (XY[2 * i]! < XY[2 * j]! || (XY[2 * i] === XY[2 * j] && XY[2 * i + 1]! < XY[2 * j + 1]!)) min = k;
      }
      arcs.push(addArc(s, m, min, m));
    } else {
      for (let c = 0; c < cuts.length; c++) {
        const from = cuts[c]!;
        const to = c + 1 < cuts.length ? cuts[c + 1]! : cuts[0]! + m;
        arcs.push(addArc(s, m, from, to - from));
      }
    }
    ringArcs[r] = arcs;
  }
  return { arcX, arcY, arcStart, ringArcs };
}

/** Display simplification: Douglas-Peucker per arc, endpoints kept. Returns a keep flag per arc point. */
function simplifyArcs({ arcX, arcY, arcStart }: CutArcs, sx: number, sy: number, tolerance: number, step: (fraction: number) => void): Uint8Array {
  const arcCount = arcStart.length - 1;
  const keep = new Uint8Array(arcStart[arcCount]!);
  const tol2 = tolerance * tolerance;
  const stack: number[] = [];
  for (let a = 0; a < arcCount; a++) {
    if ((a & 4095) === 0) step(0.8 + (0.15 * a) / arcCount);
    const s = arcStart[a]!;
    const e = arcStart[a + 1]! - 1;
    keep[s] = 1;
    keep[e] = 1;
    if (tol2 === 0) {
      keep.fill(1, s, e + 1);
      continue;
    }
    const closed = arcX[s] === arcX[e] && arcY[s] === arcY[e];
    let split = -1;
    if (closed) {
      // Keep the two points farthest from the start so that a closed ring never collapses.
      let best = -1;
      for (let i = s + 1; i < e; i++) {
        const d = ((arcX[i]! - arcX[s]!) * sx) ** 2 + ((arcY[i]! - arcY[s]!) * sy) ** 2;
        if (d > best) {
          best = d;
          split = i;
        }
      }
      if (split < 0) continue;
      keep[split] = 1;
      let third = -1;
      best = -1;
      for (let i = s + 1; i < e; i++) {
        if (i === split) continue;
        const d = segmentDistance2(arcX, arcY, i, s, split, sx, sy);
        if (d > best) {
          best = d;
          third = i;
        }
      }
      if (third >= 0) keep[third] = 1;
      stack.push(s, split, split, e);
    } else stack.push(s, e);
    while (stack.length) {
      const last = stack.pop()!;
      const first = stack.pop()!;
      // segmentDistance2 with the segment's terms computed once (the same operations, so the
      // same distances).
      const ax = arcX[first]! * sx;
      const ay = arcY[first]! * sy;
      const dx = arcX[last]! * sx - ax;
      const dy = arcY[last]! * sy - ay;
      const len2 = dx * dx + dy * dy;
      let best = 0;
      let index = -1;
      for (let i = first + 1; i < last; i++) {
        const px = arcX[i]! * sx - ax;
        const py = arcY[i]! * sy - ay;
        let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const d = ex * ex + ey * ey;
        if (d > best) {
          best = d;
          index = i;
        }
      }
      if (index >= 0 && best > tol2) {
        keep[index] = 1;
        stack.push(first, index, index, last);
      }
    }
  }
  return keep;
}

/** TopoJSON arcs: the kept points of each arc, delta-encoded. */
function deltaEncode({ arcX, arcY, arcStart }: CutArcs, keep: Uint8Array): [number, number][][] {
  const arcCount = arcStart.length - 1;
  const arcs: [number, number][][] = new Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const out: [number, number][] = [];
    let px = 0;
    let py = 0;
    for (let i = arcStart[a]!; i < arcStart[a + 1]!; i++) {
      if (!keep[i]) continue;
      out.push([arcX[i]! - px, arcY[i]! - py]);
      px = arcX[i]!;
      py = arcY[i]!;
    }
    arcs[a] = out;
  }
  return arcs;
}

/** Squared distance in degrees from point i to the segment a-b (quantized inputs, scaled). */
function segmentDistance2(X: Int32Array, Y: Int32Array, i: number, a: number, b: number, sx: number, sy: number): number {
  const ax = X[a]! * sx;
  const ay = Y[a]! * sy;
  const dx = X[b]! * sx - ax;
  const dy = Y[b]! * sy - ay;
  const px = X[i]! * sx - ax;
  const py = Y[i]! * sy - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - t * dx;
  const ey = py - t * dy;
  return ex * ex + ey * ey;
}
