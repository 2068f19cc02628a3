/**
 * Junctions in main/import/fast-topology.ts that are found late: a point where two rings agree
 * (it lies inside their shared border) and a third ring, met later, makes it a junction. The
 * builder flags points as it goes and looks such points up again at the end; every ring through
 * the point must then be cut there, or the two agreeing rings stop sharing their border.
 */
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { packMultiPolygon } from '../../main/import/compact.ts';
import { buildTopology } from '../../main/import/fast-topology.ts';

const square = (ring: [number, number][]) => packMultiPolygon({ type: 'MultiPolygon', coordinates: [[[...ring, ring[0]!]]] });

/** Arcs of one unit (ring of a Polygon) as indices, ~a decoded. */
const arcsOf = (t: Topology, i: number) => ((t.objects.units as GeometryCollection).geometries[i] as { arcs: number[][] }).arcs[0]!.map((a) => (a < 0 ? ~a : a));

/** The decoded end points of an arc (delta-encoded, quantized). */
function ends(t: Topology, a: number): string[] {
  const arc = t.arcs[a]!;
  let x = 0;
  let y = 0;
  const points = arc.map(([dx, dy]) => [(x += dx!), (y += dy!)]);
  return [points[0]!.join(','), points.at(-1)!.join(',')];
}

describe('topology: junctions found after a matching occurrence', () => {
  it.each([false, true])('a third ring touching a shared border cuts both rings there (third ring listed last: %s)', (thirdLast) => {
    // A (left) and B (right) share the border x = 2 with vertices at y = 0, 1, 2, 3, 4; at (2, 2)
    // their neighbours agree. C, a triangle with a corner at (2, 2), makes that point a junction.
    const a = { id: 'A', geometry: square([[0, 0], [2, 0], [2, 1], [2, 2], [2, 3], [2, 4], [0, 4]]) };
    const b = { id: 'B', geometry: square([[2, 0], [4, 0], [4, 4], [2, 4], [2, 3], [2, 2], [2, 1]]) };
    const c = { id: 'C', geometry: square([[2, 2], [3, 2.5], [3, 3.5]]) };
    const units = thirdLast ? [a, b, c] : [c, a, b];
    const t = buildTopology(units, [0, 0, 4, 4], { quantization: 5, tolerance: 0 });
    const ia = units.indexOf(a);
    const ib = units.indexOf(b);
    const ic = units.indexOf(c);
    const near = neighbors((t.objects.units as GeometryCollection).geometries as Parameters<typeof neighbors>[0]);
    expect(near[ia]).toContain(ib);
    expect(near[ib]).toContain(ia);
    // The shared border is stored once, as two arcs that both A and B use, meeting at (2, 2).
    const shared = arcsOf(t, ia).filter((x) => arcsOf(t, ib).includes(x));
    expect(shared.length).toBe(2);
    for (const s of shared) expect(ends(t, s)).toContain('2,2');
    expect(arcsOf(t, ic).some((x) => ends(t, x).includes('2,2'))).toBe(true);
  });
});
