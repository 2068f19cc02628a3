/**
 * Generated road graphs for routing tests and the benchmark: a perturbed square grid with road
 * classes (a motorway every 40th line, a primary road every 8th, residential streets between, 5%
 * of the streets one-way and 2% missing), deterministic for a seed.
 */
import type { MultiPolygon } from 'geojson';
import { csr, type RoadGraph } from '../../shared/routing/graph.ts';
import { haversineM } from '../../shared/routing/geo.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GridOptions {
  /** Nodes per side. */
  n: number;
  /** Distance between neighbouring nodes, metres. */
  spacingM?: number;
  /** South-west corner, degrees. */
  lon0?: number;
  lat0?: number;
  seed?: number;
}

/** Speed of line k of the grid, km/h. */
function lineKmh(k: number): number {
  if (k % 40 === 20) return 110;
  if (k % 8 === 4) return 70;
  return 35;
}

export function perturbedGrid(options: GridOptions): RoadGraph {
  const { n, spacingM = 500, lon0 = -90, lat0 = 40, seed = 1 } = options;
  const rnd = mulberry32(seed);
  const dLat = spacingM / 111_195;
  const dLon = spacingM / (111_195 * Math.cos(((lat0 + (n * dLat) / 2) * Math.PI) / 180));
  const lon = new Float64Array(n * n);
  const lat = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const id = j * n + i;
      // major roads stay straight; streets wander by up to a fifth of a block
      const jitter = i % 8 === 4 || j % 8 === 4 ? 0.02 : 0.2;
      lon[id] = lon0 + (i + (rnd() - 0.5) * jitter) * dLon;
      lat[id] = lat0 + (j + (rnd() - 0.5) * jitter) * dLat;
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  const secs: number[] = [];
  const add = (a: number, b: number, kmh: number, major: boolean) => {
    if (!major && rnd() < 0.02) return;
    const s = haversineM(lon[a]!, lat[a]!, lon[b]!, lat[b]!) / ((kmh * (0.9 + 0.2 * rnd())) / 3.6);
    const oneway = !major && rnd() < 0.05 ? (rnd() < 0.5 ? 1 : -1) : 0;
    if (oneway >= 0) {
      from.push(a);
      to.push(b);
      secs.push(s);
    }
    if (oneway <= 0) {
      from.push(b);
      to.push(a);
      secs.push(s);
    }
  };
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const id = j * n + i;
      if (i + 1 < n) add(id, id + 1, lineKmh(j), lineKmh(j) > 35);
      if (j + 1 < n) add(id, id + n, lineKmh(i), lineKmh(i) > 35);
    }
  }
  return csr(n * n, lon, lat, Int32Array.from(from), Int32Array.from(to), Float32Array.from(secs));
}

/**
 * How well a band's polygon matches the network times: share of nodes reached within the band
 * that lie inside the polygon, and of the other nodes (reached later or never) that lie outside.
 * Every `stride`-th node for which `consider` holds is tested (point in polygon by ray casting,
 * with edges bucketed by row).
 */
export function isochroneAccuracy(
  graph: RoadGraph,
  timeOf: (n: number) => number,
  polygon: MultiPolygon,
  bandSeconds: number,
  stride = 1,
  consider: (n: number) => boolean = () => true,
): { reached: number; reachedInside: number; unreached: number; unreachedOutside: number } {
  const pip = polygonTester(polygon);
  let reached = 0, reachedInside = 0, unreached = 0, unreachedOutside = 0;
  for (let n = 0; n < graph.nodeCount; n += stride) {
    if (!consider(n)) continue;
    const inside = pip(graph.lon[n]!, graph.lat[n]!);
    if (timeOf(n) <= bandSeconds) {
      reached++;
      if (inside) reachedInside++;
    } else {
      unreached++;
      if (!inside) unreachedOutside++;
    }
  }
  return { reached, reachedInside, unreached, unreachedOutside };
}

/** Even-odd point-in-polygon over all rings, with the edges bucketed into horizontal bands. */
export function polygonTester(polygon: MultiPolygon): (x: number, y: number) => boolean {
  const edges: number[][] = [];
  let minY = Infinity, maxY = -Infinity;
  for (const rings of polygon.coordinates) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!, b = ring[i + 1]!;
        edges.push([a[0]!, a[1]!, b[0]!, b[1]!]);
        minY = Math.min(minY, a[1]!);
        maxY = Math.max(maxY, a[1]!);
      }
    }
  }
  const rows = 512;
  const h = (maxY - minY) / rows || 1;
  const buckets: number[][][] = Array.from({ length: rows }, () => []);
  for (const e of edges) {
    const r0 = Math.max(0, Math.floor((Math.min(e[1]!, e[3]!) - minY) / h));
    const r1 = Math.min(rows - 1, Math.floor((Math.max(e[1]!, e[3]!) - minY) / h));
    for (let r = r0; r <= r1; r++) buckets[r]!.push(e);
  }
  return (x, y) => {
    if (y < minY || y > maxY) return false;
    const bucket = buckets[Math.min(rows - 1, Math.floor((y - minY) / h))]!;
    let inside = false;
    for (const [xi, yi, xj, yj] of bucket) {
      if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
    }
    return inside;
  };
}

/** Problems that make a GeoJSON MultiPolygon invalid: open or short rings, wrong winding, holes outside their shell. */
export function ringProblems(polygon: MultiPolygon): string[] {
  const problems: string[] = [];
  const area = (r: number[][]) => {
    let s = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j]![0]! - r[i]![0]!) * (r[j]![1]! + r[i]![1]!);
    return s / 2;
  };
  polygon.coordinates.forEach((rings, p) => {
    rings.forEach((ring, k) => {
      const first = ring[0]!, last = ring[ring.length - 1]!;
      if (ring.length < 4) problems.push(`polygon ${p} ring ${k}: fewer than 4 positions`);
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`polygon ${p} ring ${k}: not closed`);
      const a = area(ring);
      if (k === 0 && !(a > 0)) problems.push(`polygon ${p}: outer ring not counter-clockwise`);
      if (k > 0 && !(a < 0)) problems.push(`polygon ${p} hole ${k}: not clockwise`);
      if (k > 0) {
        const shell = polygonTester({ type: 'MultiPolygon', coordinates: [[rings[0]!]] });
        if (!shell(ring[0]![0]!, ring[0]![1]!)) problems.push(`polygon ${p} hole ${k}: outside its shell`);
      }
    });
  });
  return problems;
}
