/**
 * The crossing-edge check (main/import/validity.ts: monotone chains, swept and halved) against
 * the plain definition, every pair of non-adjacent edges tested, on seeded random polygons:
 * jagged rings that often cross themselves, snapped to a coarse grid so that collinear edges,
 * shared vertices and touching holes occur, with holes and several parts.
 */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasCrossingEdges, hasCrossingEdgesFlat } from '../../main/import/validity.ts';

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Every pair of edges; neighbours in a ring (sharing a point, incl. last/first) do not count. */
function bruteForce(polygons: Position[][][]): boolean {
  const edges: { a: Position; b: Position; ring: number; k: number; last: number }[] = [];
  let ring = 0;
  for (const polygon of polygons) {
    for (const r of polygon) {
      for (let k = 0; k < r.length - 1; k++) edges.push({ a: r[k]!, b: r[k + 1]!, ring, k, last: r.length - 2 });
      ring++;
    }
  }
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const e = edges[i]!;
      const f = edges[j]!;
      if (e.ring === f.ring && (Math.abs(e.k - f.k) <= 1 || Math.abs(e.k - f.k) === e.last)) continue;
      if (orient(e.a, e.b, f.a) * orient(e.a, e.b, f.b) < 0 && orient(f.a, f.b, e.a) * orient(f.a, f.b, e.b) < 0) return true;
    }
  }
  return false;
}

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A closed ring around (cx, cy): points by angle, radius and angle jittered, optionally snapped. */
function ring(random: () => number, cx: number, cy: number, radius: number, points: number, jitter: number, grid: number): Position[] {
  const out: Position[] = [];
  for (let k = 0; k < points; k++) {
    const angle = (2 * Math.PI * k) / points + (random() - 0.5) * jitter;
    const r = radius * (0.5 + random() / 2);
    let x = cx + r * Math.cos(angle);
    let y = cy + r * Math.sin(angle);
    if (grid) {
      x = Math.round(x * grid) / grid;
      y = Math.round(y * grid) / grid;
    }
    const previous = out.at(-1);
    if (previous && previous[0] === x && previous[1] === y) continue;
    out.push([x, y]);
  }
  if (out.length < 3) return [];
  out.push([...out[0]!]);
  return out;
}

function flat(polygons: Position[][][]): [Float64Array, Int32Array] {
  const coords: number[] = [];
  const rings: number[] = [];
  for (const polygon of polygons) {
    for (const r of polygon) {
      rings.push(coords.length / 2);
      for (const p of r) coords.push(p[0]!, p[1]!);
    }
  }
  rings.push(coords.length / 2);
  return [Float64Array.from(coords), Int32Array.from(rings)];
}

describe('crossing-edge check', () => {
  it('finds bowties and overlapping parts, and accepts holes touching their shell at a vertex', () => {
    const square: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    expect(hasCrossingEdges([[square]])).toBe(false);
    expect(hasCrossingEdges([[[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]])).toBe(true);
    // An inverted island: the hole touches the shell in one point.
    expect(hasCrossingEdges([[square, [[0, 0], [2, 1], [1, 2], [0, 0]]]])).toBe(false);
    expect(hasCrossingEdges([[square], [[[2, 2], [6, 2], [6, 6], [2, 6], [2, 2]]]])).toBe(true);
    // A hole cutting through its shell.
    expect(hasCrossingEdges([[square, [[1, 1], [5, 1], [5, 3], [1, 3], [1, 1]]]])).toBe(true);
  });

  it('agrees with testing every pair of edges on 3,000 random polygons', () => {
    const random = mulberry(7);
    let crossing = 0;
    let simple = 0;
    for (let t = 0; t < 3000; t++) {
      const grid = random() < 0.5 ? 1 + Math.floor(random() * 4) : 0;
      const polygons: Position[][][] = [];
      const parts = 1 + Math.floor(random() * 3);
      for (let p = 0; p < parts; p++) {
        const cx = random() * 6;
        const cy = random() * 6;
        const rings: Position[][] = [];
        const holes = Math.floor(random() * 3);
        for (let h = 0; h <= holes; h++) {
          const points = 3 + Math.floor(random() * (random() < 0.1 ? 300 : 30));
          const jitter = random() < 0.5 ? 0 : random() * 3;
          const r = h === 0 ? ring(random, cx, cy, 2, points, jitter, grid) : ring(random, cx + random() - 0.5, cy + random() - 0.5, 0.6, points, jitter, grid);
          if (r.length) rings.push(r);
        }
        if (rings.length) polygons.push(rings);
      }
      if (polygons.length === 0) continue;
      const expected = bruteForce(polygons);
      if (expected) crossing++;
      else simple++;
      expect(hasCrossingEdges(polygons), `polygon ${t}: ${JSON.stringify(polygons).slice(0, 300)}`).toBe(expected);
      expect(hasCrossingEdgesFlat(...flat(polygons))).toBe(expected);
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(crossing).toBeGreaterThan(300);
    expect(simple).toBeGreaterThan(300);
  });
});
