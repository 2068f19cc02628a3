import { describe, expect, it } from 'vitest';
import { indexAccounts, summarizeTerritories } from '../../shared/plan/territory-summary.ts';

const territories = [{ id: 'north' }, { id: 'south' }];
const units = ['u1', 'u2', 'u3', 'u4'];

describe('summarizeTerritories', () => {
  it('counts units and accounts and sums potential per territory', () => {
    const accounts = indexAccounts([
      { unitId: 'u1', potential: 100 },
      { unitId: 'u1', potential: 50 },
      { unitId: 'u3', potential: 300 },
    ]);
    const assignments = new Map([
      ['u1', 'north'],
      ['u2', 'north'],
      ['u3', 'south'],
    ]);
    const summary = summarizeTerritories(territories, units, assignments, accounts);
    expect(summary.rows).toEqual([
      { territoryId: 'north', units: 2, accounts: 2, potential: 150, deviation: -1 / 3 },
      { territoryId: 'south', units: 1, accounts: 1, potential: 300, deviation: 1 / 3 },
    ]);
    expect(summary.unassigned).toEqual({ units: 1, accounts: 0, potential: 0 });
    expect(summary.meanPotential).toBe(225);
  });

  it('includes an empty territory in the mean, at -100 %', () => {
    const accounts = indexAccounts([{ unitId: 'u1', potential: 90 }]);
    const summary = summarizeTerritories([...territories, { id: 'empty' }], units, new Map([['u1', 'north']]), accounts);
    expect(summary.meanPotential).toBe(30);
    expect(summary.rows.find((r) => r.territoryId === 'empty')).toMatchObject({ units: 0, potential: 0, deviation: -1 });
  });

  it('reads as balanced (0 %) when no territory has potential, not NaN', () => {
    const summary = summarizeTerritories(territories, units, new Map([['u1', 'north']]), indexAccounts([]));
    expect(summary.rows.map((r) => r.deviation)).toEqual([0, 0]);
  });

  it('counts units assigned to an unknown territory as unassigned, and ignores accounts outside any unit', () => {
    const accounts = indexAccounts([
      { unitId: 'u2', potential: 10 },
      { unitId: null, potential: 1000 },
    ]);
    const summary = summarizeTerritories(territories, units, new Map([['u2', 'gone']]), accounts);
    expect(summary.unassigned).toEqual({ units: 4, accounts: 1, potential: 10 });
    expect(accounts.outside).toEqual({ accounts: 1, potential: 1000 });
  });

  it('has no rows and a zero mean without territories', () => {
    const summary = summarizeTerritories([], units, new Map(), indexAccounts([]));
    expect(summary).toEqual({ rows: [], unassigned: { units: 4, accounts: 0, potential: 0 }, meanPotential: 0 });
  });
});
