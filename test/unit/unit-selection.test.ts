/** Pasted unit lists and attribute selection. */
import { describe, expect, it } from 'vitest';
import { parseUnitList, selectByAttribute } from '../../shared/edit/unit-selection.ts';
import { compareScenarios } from '../../shared/scenario/compare.ts';
import type { UnitRecord } from '../../shared/model/project.ts';

const ids = new Set(['02110', '02111', '48201', 'A-7']);

describe('parseUnitList', () => {
  it('splits on commas, semicolons, tabs and new lines, keeps order and drops repeats', () => {
    expect(parseUnitList('48201, 02110;02111\n48201\t"A-7"', ids)).toEqual({ found: ['48201', '02110', '02111', 'A-7'], unknown: [] });
  });

  it('restores leading zeros a spreadsheet dropped, and reports unknown ids as typed', () => {
    expect(parseUnitList('2110 99999 foo 2110', ids)).toEqual({ found: ['02110'], unknown: ['99999', 'foo'] });
  });

  it('returns nothing for an empty paste', () => {
    expect(parseUnitList('  \n , ', ids)).toEqual({ found: [], unknown: [] });
  });
});

describe('selectByAttribute', () => {
  const units: UnitRecord[] = [
    { id: '48201', name: 'Harris', values: { state: 'Texas', population: 4_700_000 } },
    { id: '48113', name: 'Dallas', values: { state: 'Texas', population: 2_600_000 } },
    { id: '06037', name: 'Los Angeles', values: { state: 'California', population: 10_000_000 } },
    { id: '99999', name: 'Nowhere', values: { state: null, population: null } },
  ];

  it('matches text case-insensitively with = and !=, and with contains', () => {
    expect(selectByAttribute(units, 'state', '=', 'texas')).toEqual(['48201', '48113']);
    expect(selectByAttribute(units, 'state', '!=', 'Texas')).toEqual(['06037']);
    expect(selectByAttribute(units, 'name', 'contains', 'los')).toEqual(['06037']);
  });

  it('compares numbers numerically, and a non-number value with < matches nothing', () => {
    expect(selectByAttribute(units, 'population', '>', '3000000')).toEqual(['48201', '06037']);
    expect(selectByAttribute(units, 'population', '<=', '2600000')).toEqual(['48113']);
    expect(selectByAttribute(units, 'population', '<', 'lots')).toEqual([]);
  });

  it('selects on the unit id', () => {
    expect(selectByAttribute(units, 'id', '=', '06037')).toEqual(['06037']);
  });
});

describe('compareScenarios', () => {
  const t = (id: string) => ({ id, name: id, color: '#000000', repId: null, locked: false });
  const accounts = [
    { id: 'a1', name: 'a1', location: [0, 0] as [number, number], potential: 100, unitId: 'u1' },
    { id: 'a2', name: 'a2', location: [0, 0] as [number, number], potential: 50, unitId: 'u3' },
  ];

  it('lists changed units and accounts and per-territory deltas, matched by territory id', () => {
    const base = { territories: [t('A'), t('B'), t('Gone')], assignments: new Map([['u1', 'A'], ['u2', 'A'], ['u3', 'Gone']]) };
    const current = { territories: [t('A'), t('B'), t('New')], assignments: new Map([['u1', 'B'], ['u2', 'A'], ['u4', 'New']]) };
    const result = compareScenarios(['u1', 'u2', 'u3', 'u4'], accounts, base, current);
    expect(result.changedUnits).toEqual([
      { unitId: 'u1', base: 'A', current: 'B' },
      { unitId: 'u3', base: 'Gone', current: null },
      { unitId: 'u4', base: null, current: 'New' },
    ]);
    expect(result.changedAccounts).toBe(2);
    const byId = Object.fromEntries(result.deltas.map((d) => [d.territoryId, d]));
    expect(Object.keys(byId)).toEqual(['A', 'B', 'New', 'Gone']);
    expect(byId.A!.units).toEqual({ base: 2, current: 1, delta: -1 });
    expect(byId.B!.potential).toEqual({ base: 0, current: 100, delta: 100 });
    expect(byId.Gone).toMatchObject({ inBase: true, inCurrent: false, accounts: { base: 1, current: 0, delta: -1 } });
    expect(byId.New).toMatchObject({ inBase: false, inCurrent: true });
  });

  it('finds nothing between identical plans', () => {
    const plan = { territories: [t('A')], assignments: new Map([['u1', 'A']]) };
    const result = compareScenarios(['u1'], accounts, plan, plan);
    expect(result.changedUnits).toEqual([]);
    expect(result.deltas[0]!.units.delta).toBe(0);
  });
});
