/**
 * Options and extension points of the metrics engine: per-territory targets, weighted composite
 * deviation, adjacency supplied by the caller (here topojson-client's `neighbors`, which must agree
 * with the engine's own shared-arc adjacency on real ZCTAs), a replacement drive-time provider,
 * and territory edits (rep change, create, delete).
 */
import { neighbors } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { createMetricsEngine, prepareLayer, type DriveTimeProviderFactory } from '../../shared/metrics/index.ts';
import { gridFeatures, input, rep, territory, toTopology, unitsOf, zctaFeatures } from './metrics-fixtures.ts';

const grid = gridFeatures();
const byColumn = { r0c0: 'a', r1c0: 'a', r2c0: 'a', r0c1: 'b', r1c1: 'b', r2c1: 'b', r0c2: 'c', r1c2: 'c', r2c2: 'c' };

describe('targets and weights', () => {
  it('per-territory targets replace the mean where given', () => {
    const engine = createMetricsEngine(input(grid, byColumn, [territory('a'), territory('b'), territory('c')]), {
      balance: ['units', 'pop'],
      targets: { a: { pop: 1000 }, c: { units: 4 } },
    });
    const [a, b, c] = engine.territories();
    // pop by column: 1200, 1500, 1800; mean 1500.
    expect(a!.targets.pop).toBe(1000);
    expect(a!.deviationPct.pop).toBeCloseTo(20, 12);
    expect(b!.deviationPct.pop).toBeCloseTo(0, 12);
    expect(c!.deviationPct.pop).toBeCloseTo(20, 12);
    expect(c!.deviationPct.units).toBeCloseTo(-25, 12);
    expect(engine.plan().maxAbsDeviationPct).toEqual({ units: expect.closeTo(25, 9), pop: expect.closeTo(20, 9) });
  });

  it('the composite deviation weighs the balance fields', () => {
    const engine = createMetricsEngine(input(grid, byColumn, [territory('a'), territory('b'), territory('c')]), {
      balance: [{ field: 'units', weight: 1 }, { field: 'pop', weight: 3 }],
    });
    const a = engine.territory('a');
    expect(a.compositeDeviationPct).toBeCloseTo((0 * 1 + -20 * 3) / 4, 12);
    expect(engine.plan().compositeMaxAbsDeviationPct).toBeCloseTo(15, 12);
  });

  it('an unknown balance field is a user error naming the fields there are', () => {
    expect(() => createMetricsEngine(input(grid, byColumn, [territory('a')]), { balance: ['revenue'] })).toThrow(
      /"revenue" is not a numeric field of the units layer\. Available: units, accounts, potential, pop\./,
    );
  });
});

describe('adjacency', () => {
  it('shared arcs give the same neighbours as topojson-client on real ZCTAs', () => {
    const features = zctaFeatures();
    const topology = toTopology(features);
    const layer = prepareLayer({ units: unitsOf(features), topology, accounts: [], reps: [], territories: [], assignments: new Map() });
    const geometries = (topology.objects.units as GeometryCollection).geometries;
    const theirs = neighbors(geometries as Parameters<typeof neighbors>[0]);
    geometries.forEach((g, i) => {
      const u = layer.unitIndex.get(String(g.id))!;
      const ours = Array.from(layer.contiguity.unit.subarray(layer.contiguity.start[u]!, layer.contiguity.start[u + 1]!), (v) => layer.unitIds[v]);
      expect(ours.sort(), String(g.id)).toEqual(theirs[i]!.map((j) => String(geometries[j]!.id)).sort());
    });
  });

  it('a caller-supplied adjacency decides contiguity (perimeters still come from the shapes)', () => {
    const units = unitsOf(grid);
    const index = new Map(units.map((u, i) => [u.id, i]));
    // Only the diagonal r0c0-r1c1 is adjacent: queen-style contact the arcs do not show.
    const lists = units.map(() => [] as number[]);
    lists[index.get('r0c0')!]!.push(index.get('r1c1')!);
    const base = input(grid, { r0c0: 'x', r1c1: 'x' }, [territory('x')]);
    expect(createMetricsEngine(base).territory('x').pieces).toBe(2);
    const engine = createMetricsEngine({ ...base, adjacency: lists });
    expect(engine.territory('x').pieces).toBe(1);
    expect(engine.territory('x').polsbyPopper).toBeCloseTo((4 * Math.PI * 2) / 64, 5);
  });
});

describe('drive-time providers and territory edits', () => {
  // A stand-in for a road network: a lookup table by (rep, target) with one unreachable target.
  const table: DriveTimeProviderFactory = () => ({
    label: 'Table',
    minutes: (origin, target) => (target === 0 ? Number.NaN : 10 * (origin + 1) + target),
    fill(origin, start, end, out) {
      for (let k = start; k < end; k++) out[k] = this.minutes(origin, k);
    },
  });

  it('a replacement provider drives every figure, and unreachable targets are counted', () => {
    const engine = createMetricsEngine(
      { ...input(grid, byColumn, [territory('a', 'p'), territory('b', 'q'), territory('c')], { reps: [rep('p', 0, 0), rep('q', 1, 1)] }) },
      { driveProvider: table, driveTargets: 'units' },
    );
    // Unit targets are in unit order r0c0, r0c1, r0c2, r1c0, ...: column a holds targets 0, 3, 6.
    const a = engine.territory('a');
    expect(a.driveMin).toMatchObject({ mean: 14.5, max: 16, p90: 16, unreachable: 1 });
    expect(engine.plan().driveTimeProvider).toBe('Table');
    // Rep change: b's targets 1, 4, 7 are now timed from p (origin 0) instead of q.
    engine.apply([{ op: 'territory', before: territory('b', 'q'), after: territory('b', 'p') }]);
    expect(engine.territory('b').driveMin).toMatchObject({ mean: 14, max: 17, unreachable: 0 });
    expect(engine.territory('c').driveMin).toMatchObject({ mean: null, p90: null, unreachable: 0 });
  });

  it('territories can be created, filled, emptied and deleted', () => {
    const engine = createMetricsEngine(input(grid, byColumn, [territory('a'), territory('b'), territory('c')]));
    engine.apply([
      { op: 'territory', before: null, after: territory('d') },
      { op: 'assign', unitIds: ['r1c1'], from: ['b'], to: 'd' },
    ]);
    expect(engine.territories().map((t) => [t.id, t.units])).toEqual([['a', 3], ['b', 2], ['c', 3], ['d', 1]]);
    expect(engine.territory('b').pieces).toBe(2);
    expect(() => engine.apply([{ op: 'territory', before: territory('d'), after: null }])).toThrow(/still has units/);
    engine.apply([
      { op: 'assign', unitIds: ['r1c1'], from: ['d'], to: 'b' },
      { op: 'territory', before: territory('d'), after: null },
    ]);
    expect(engine.territories().map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(engine.territory('b').pieces).toBe(1);
  });
});
