/** The territory-border arcs: every arc between two units once, with the units on its two sides. */
import { describe, expect, it } from 'vitest';
import type { GeometryCollection } from 'topojson-specification';
import { borderArcs } from '../../renderer/src/map/border-arcs.ts';
import { gridFeatures, toTopology } from './metrics-fixtures.ts';

describe('borderArcs', () => {
  it('finds the 12 shared edges of a 3x3 grid, none on the outside, with both neighbours', () => {
    const topology = toTopology(gridFeatures());
    const arcs = borderArcs(topology, topology.objects.units as GeometryCollection);
    const pairs = arcs.paths.map((_, i) => [arcs.left[i], arcs.right[i]].sort().join('|'));
    // Shared arcs may be split at junctions; each neighbouring pair appears, and only those.
    expect(new Set(pairs)).toEqual(
      new Set(['r0c0|r0c1', 'r0c1|r0c2', 'r1c0|r1c1', 'r1c1|r1c2', 'r2c0|r2c1', 'r2c1|r2c2', 'r0c0|r1c0', 'r0c1|r1c1', 'r0c2|r1c2', 'r1c0|r2c0', 'r1c1|r2c1', 'r1c2|r2c2']),
    );
    for (const path of arcs.paths) for (const [lon, lat] of path) expect(lon! >= 0 && lon! <= 3 && lat! >= 0 && lat! <= 3).toBe(true);
  });

  it('is computed once per topology', () => {
    const topology = toTopology(gridFeatures());
    const collection = topology.objects.units as GeometryCollection;
    expect(borderArcs(topology, collection)).toBe(borderArcs(topology, collection));
  });
});
