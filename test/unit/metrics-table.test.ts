import { describe, expect, it } from 'vitest';
import type { TerritoryMetrics } from '../../shared/metrics/types.ts';
import { fences, nextSort, planWarnings, sortTerritories } from '../../shared/plan/metrics-table.ts';

function territory(id: string, over: Partial<TerritoryMetrics> = {}): TerritoryMetrics {
  return {
    id,
    name: id,
    repId: null,
    units: 1,
    accounts: 0,
    potential: 0,
    areaKm2: 1,
    perimeterKm: 4,
    totals: {},
    targets: {},
    deviationPct: {},
    compositeDeviationPct: 0,
    pieces: 1,
    islandUnits: 0,
    polsbyPopper: 0.5,
    reock: null,
    convexHullRatio: null,
    driveMin: { mean: 30, p90: 40, max: 50, shareWithin: 1, withinMin: 60, unreachable: 0 },
    ...over,
  };
}

describe('sortTerritories', () => {
  const rows = [
    territory('b', { units: 3, compositeDeviationPct: -5 }),
    territory('A', { units: 1, compositeDeviationPct: null }),
    territory('c', { units: 3, compositeDeviationPct: 12 }),
  ];
  it('sorts names case-insensitively, numbers both ways, nulls last, ties in plan order', () => {
    expect(sortTerritories(rows, { key: 'name', descending: false }).map((r) => r.id)).toEqual(['A', 'b', 'c']);
    expect(sortTerritories(rows, { key: 'units', descending: true }).map((r) => r.id)).toEqual(['b', 'c', 'A']);
    expect(sortTerritories(rows, { key: 'deviation', descending: false }).map((r) => r.id)).toEqual(['b', 'c', 'A']);
    expect(sortTerritories(rows, { key: 'deviation', descending: true }).map((r) => r.id)).toEqual(['c', 'b', 'A']);
  });
  it('a new column starts descending (names ascending) and the same column flips', () => {
    expect(nextSort({ key: 'name', descending: false }, 'units')).toEqual({ key: 'units', descending: true });
    expect(nextSort({ key: 'units', descending: true }, 'units')).toEqual({ key: 'units', descending: false });
    expect(nextSort({ key: 'units', descending: true }, 'name')).toEqual({ key: 'name', descending: false });
  });
});

describe('planWarnings', () => {
  it('flags deviations outside the tolerance, split territories and outliers', () => {
    const rows = [
      territory('ok'),
      territory('over', { compositeDeviationPct: 15 }),
      territory('under', { compositeDeviationPct: -10.5 }),
      territory('edge', { compositeDeviationPct: 10 }),
      territory('split', { pieces: 3, islandUnits: 2 }),
      territory('far', { driveMin: { mean: 400, p90: 500, max: 600, shareWithin: 0, withinMin: 60, unreachable: 0 } }),
      territory('thin', { polsbyPopper: 0.01 }),
    ];
    const kinds = planWarnings(rows, 10).map((w) => `${w.kind}:${w.territoryId}`);
    expect(kinds).toEqual(['over:over', 'under:under', 'pieces:split', 'drive:far', 'compactness:thin']);
    expect(planWarnings(rows, 20).map((w) => w.kind)).not.toContain('over');
    expect(planWarnings(rows, 10).find((w) => w.kind === 'pieces')!.message).toContain('3 pieces: 2 units');
  });
  it('formats again only rows that are new objects (the report keeps unchanged rows), and follows the tolerance', () => {
    const over = territory('over', { compositeDeviationPct: 15 });
    const under = territory('under', { compositeDeviationPct: -12 });
    const before = planWarnings([over, under], 10);
    const moved = { ...under, compositeDeviationPct: -18 };
    const after = planWarnings([over, moved], 10);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.message).toContain('18.0% below');
    expect(planWarnings([over, moved], 5)[0]!.message).toContain('tolerance ±5%');
    expect(planWarnings([over, moved], 10)[0]!.message).toContain('tolerance ±10%');
  });
  it('needs four values for Tukey fences', () => {
    expect(fences([1, 2, null])).toBeNull();
    expect(fences([1, 2, 3, 4])).toEqual({ low: -0.5, high: 5.5 });
  });
});
