/** Region totals: sums of the territories' figures and deviation from the summed targets. */
import { describe, expect, it } from 'vitest';
import { regionTotals } from '../../shared/plan/region-totals.ts';
import type { TerritoryMetrics } from '../../shared/metrics/types.ts';
import type { Region, Territory } from '../../shared/model/project.ts';

const t = (id: string, regionId: string | null): Territory => ({ id, name: id, color: '#000000', repId: null, locked: false, regionId });
function m(id: string, accounts: number, potential: number, targetAccounts: number, targetPotential: number): TerritoryMetrics {
  return {
    id, name: id, repId: null, units: accounts * 2, accounts, potential, areaKm2: 0, perimeterKm: 0,
    totals: { units: accounts * 2, accounts, potential }, targets: { accounts: targetAccounts, potential: targetPotential },
    deviationPct: {}, compositeDeviationPct: null, pieces: 1, islandUnits: 0, polsbyPopper: null, reock: null, convexHullRatio: null,
    driveMin: { mean: null, p90: null, max: null } as unknown as TerritoryMetrics['driveMin'],
  };
}
const west: Region = { id: 'R1', name: 'West', color: '#111111', manager: null };
const east: Region = { id: 'R2', name: 'East', color: '#222222', manager: 'Bo' };

describe('regionTotals', () => {
  it('is empty without regions', () => {
    expect(regionTotals([], [t('a', null)], [m('a', 1, 1, 1, 1)], [{ field: 'accounts' }])).toEqual([]);
  });

  it('sums figures and targets; the deviation is against the summed target, weighted over fields', () => {
    const rows = [m('a', 10, 100, 20, 100), m('b', 40, 300, 20, 100), m('c', 5, 50, 20, 100)];
    const result = regionTotals([west, east], [t('a', 'R1'), t('b', 'R1'), t('c', null)], rows, [
      { field: 'accounts', weight: 1 },
      { field: 'potential', weight: 3 },
    ]);
    expect(result.map((r) => r.region?.id ?? null)).toEqual(['R1', 'R2', null]);
    const [w, e, loose] = result;
    expect(w).toMatchObject({ territoryIds: ['a', 'b'], units: 100, accounts: 50, potential: 400 });
    expect(w!.deviationPct).toEqual({ accounts: 25, potential: 100 }); // 50 vs 40, 400 vs 200
    expect(w!.compositeDeviationPct).toBeCloseTo((25 + 3 * 100) / 4, 10);
    expect(e).toMatchObject({ territoryIds: [], units: 0, compositeDeviationPct: null });
    expect(loose).toMatchObject({ territoryIds: ['c'], accounts: 5 });
  });

  it('counts a territory pointing at an unknown region as in no region', () => {
    const result = regionTotals([west], [t('a', 'R9')], [m('a', 1, 1, 1, 1)], [{ field: 'accounts' }]);
    expect(result.map((r) => [r.region?.id ?? null, r.territoryIds])).toEqual([['R1', []], [null, ['a']]]);
  });
});
