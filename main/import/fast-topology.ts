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

  // ---- flatten rings into quantized integer coordinates (closing point not stored) ----------
  let total = 0;
  for (const u of units) total += u.geometry.coords.length / 2;
  const X = new Int32Array(total);
  const Y = new Int32Array(total);
  const ringStart: number[] = [];
  const ringLength: number[] = [];
  /** Per unit, per polygon, the ring numbers. */
  const unitRings: number[][][] = [];
  let n = 0;
  for (const u of units) {
    const { coords, rings: ringOffsets, polygons: polygonOffsets } = u.geometry;
    const polygons: number[][] = [];
    for (let p = 0; p + 1 < polygonOffsets.length; p++) {
      const rings: number[] = [];
      for (let r = polygonOffsets[p]!; r < polygonOffsets[p + 1]!; r++) {
        const start = n;
        for (let i = ringOffsets[r]!; i < ringOffsets[r + 1]!; i++) {
          const x = Math.round((coords[2 * i]! - x0) * kx);
          const y = Math.round((coords[2 * i + 1]! - y0) * ky);
          if (n > start && X[n - 1] === x && Y[n - 1] === y) continue;
          X[n] = x;
          Y[n] = y;
          n++;
        }
        while (n - start > 1 && X[n - 1] === X[start] && Y[n - 1] === Y[start]) n--;
        if (n - start < 3) {
          n = start;
          if (r === polygonOffsets[p]) break;
          continue;
        }
        rings.push(ringStart.length);
        ringStart.push(start);
        ringLength.push(n - start);
      }
      if (rings.length) polygons.push(rings);
    }
    unitRings.push(polygons);
  }

  const step = options.onStep ?? (() => {});
  step(0.1);
  // ---- junctions: hash of distinct points, neighbours compared with the first occurrence -----
  let capacity = 1;
  while (capacity < n * 1.5) capacity <<= 1;
  const mask = capacity - 1;
  // Each slot holds only the first occurrence of a point (4 bytes, not 12: the hash is the
  // largest structure of an import). Its ring neighbours are p-1/p+1 except at ring ends, which
  // are flagged and looked up in ringStart.
  let slots: Int32Array | null = new Int32Array(capacity).fill(-1);
  const junction = new Uint8Array(capacity);
  let pointSlot: Int32Array | null = new Int32Array(n);
  let ends: Uint8Array | null = new Uint8Array(n);
  for (let r = 0; r < ringStart.length; r++) {
    ends[ringStart[r]!]! |= 1;
    ends[ringStart[r]! + ringLength[r]! - 1]! |= 2;
  }
  const ringAt = (p: number): number => {
    let lo = 0;
    let hi = ringStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ringStart[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const same = (a: number, b: number) => X[a] === X[b] && Y[a] === Y[b];
  for (let r = 0, table = slots, slotOfPoint = pointSlot, end = ends; r < ringStart.length; r++) {
    if ((r & 4095) === 0) step(0.1 + (0.4 * r) / ringStart.length);
    const s = ringStart[r]!;
    const m = ringLength[r]!;
    for (let k = 0; k < m; k++) {
      const i = s + k;
      const x = X[i]!;
      const y = Y[i]!;
      let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) & mask;
      for (;;) {
        const p = table[h]!;
        if (p === -1) {
          table[h] = i;
          break;
        }
        if (X[p] === x && Y[p] === y) {
          if (!junction[h]) {
            const prev = k === 0 ? s + m - 1 : i - 1;
            const next = k === m - 1 ? s : i + 1;
            const flags = end[p]!;
            let a = p - 1;
            let b = p + 1;
            if (flags) {
              const pr = ringAt(p);
              if (flags & 1) a = ringStart[pr]! + ringLength[pr]! - 1;
              if (flags & 2) b = ringStart[pr]!;
            }
            if (!((same(a, prev) && same(b, next)) || (same(a, next) && same(b, prev)))) junction[h] = 1;
          }
          break;
        }
        h = (h + 1) & mask;
      }
      slotOfPoint[i] = h;
    }
  }
  ends = null;
  // Only whether each point is a junction is needed from here on; let the hash table go.
  slots = null;
  const isJunction = new Uint8Array(n);
  for (let i = 0; i < n; i++) isJunction[i] = junction[pointSlot[i]!]!;
  pointSlot = null;

  // ---- cut rings into arcs and store each arc once -----------------------------------------
  let arcX = new Int32Array(Math.max(1024, n >> 1));
  let arcY = new Int32Array(arcX.length);
  let arcLength = 0;
  const arcStart: number[] = [0];
  const arcIndex = new Map<number, number[]>();
  const ringArcs: number[][] = new Array(ringStart.length);
  const pointKey = (x: number, y: number) => x * 4294967296 + y;

  const addArc = (s: number, m: number, offset: number, count: number): number => {
    // points s + (offset + k) % m for k in 0..count (count + 1 points, the last may wrap to the first)
    const at = (k: number) => s + ((offset + k) % m);
    const first = at(0);
    const last = at(count);
    const k1 = pointKey(X[first]!, Y[first]!);
    const k2 = pointKey(X[last]!, Y[last]!);
    const key = k1 < k2 ? k1 * 31 + k2 : k2 * 31 + k1;
    const candidates = arcIndex.get(key);
    if (candidates) {
      for (const a of candidates) {
        const as = arcStart[a]!;
        const len = arcStart[a + 1]! - as;
        if (len !== count + 1) continue;
        let forward = true;
        for (let k = 0; k <= count && forward; k++) forward = arcX[as + k] === X[at(k)] && arcY[as + k] === Y[at(k)];
        if (forward) return a;
        let backward = true;
        for (let k = 0; k <= count && backward; k++) backward = arcX[as + count - k] === X[at(k)] && arcY[as + count - k] === Y[at(k)];
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
    for (let k = 0; k <= count; k++) {
      const i = at(k);
      arcX[arcLength] = X[i]!;
      arcY[arcLength] = Y[i]!;
      arcLength++;
    }
    arcStart.push(arcLength);
    if (candidates) candidates.push(a);
    else arcIndex.set(key, [a]);
    return a;
  };

  for (let r = 0; r < ringStart.length; r++) {
    if ((r & 4095) === 0) step(0.5 + (0.3 * r) / ringStart.length);
    const s = ringStart[r]!;
    const m = ringLength[r]!;
    const cuts: number[] = [];
    for (let k = 0; k < m; k++) if (isJunction[s + k]) cuts.push(k);
    const arcs: number[] = [];
    if (cuts.length === 0) {
      let min = 0;
      for (let k = 1; k < m; k++) {
        const i = s + k;
        const j = s + min;
        if (X[i]! < X[j]! || (X[i] === X[j] && Y[i]! < Y[j]!)) min = k;
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

  // ---- display simplification: Douglas-Peucker per arc, endpoints kept ----------------------
  const arcCount = arcStart.length - 1;
  const keep = new Uint8Array(arcLength);
  const sx = 1 / kx;
  const sy = 1 / ky;
  const tol2 = options.tolerance * options.tolerance;
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
      let best = 0;
      let index = -1;
      for (let i = first + 1; i < last; i++) {
        const d = segmentDistance2(arcX, arcY, i, first, last, sx, sy);
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

  // ---- emit TopoJSON ------------------------------------------------------------------------
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
  const geometries = units.map((u, ui): GeometryObject => {
    const polygons = unitRings[ui]!.map((rings) => rings.map((r) => ringArcs[r]!));
    if (polygons.length === 0) return { type: null, id: u.id } as unknown as GeometryObject;
    return polygons.length === 1 ? { type: 'Polygon', id: u.id, arcs: polygons[0]! } : { type: 'MultiPolygon', id: u.id, arcs: polygons };
  });
  return {
    type: 'Topology',
    bbox,
    transform: { scale: [sx, sy], translate: [x0, y0] },
    objects: { units: { type: 'GeometryCollection', geometries } },
    arcs,
  };
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
