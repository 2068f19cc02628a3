/** Totals of the selected units: units, accounts, account potential (USD) and population. */
import type { Account, UnitRecord } from '../../../shared/model/project.ts';

export interface SelectionTotals {
  units: number;
  accounts: number;
  potential: number;
  /** Sum of the units' `population` field; null when the project has none. */
  population: number | null;
}

export interface TotalsIndex {
  accountsByUnit: Map<string, { count: number; potential: number }>;
  population: Map<string, number> | null;
}

export function buildTotalsIndex(units: readonly UnitRecord[], accounts: readonly Account[], populationField: string | null): TotalsIndex {
  const accountsByUnit = new Map<string, { count: number; potential: number }>();
  for (const a of accounts) {
    if (a.unitId === null) continue;
    const entry = accountsByUnit.get(a.unitId) ?? { count: 0, potential: 0 };
    entry.count += 1;
    entry.potential += a.potential;
    accountsByUnit.set(a.unitId, entry);
  }
  const population = populationField
    ? new Map(units.map((u) => [u.id, Number(u.values[populationField] ?? 0) || 0]))
    : null;
  return { accountsByUnit, population };
}

export function selectionTotals(index: TotalsIndex, selected: ReadonlySet<string>): SelectionTotals {
  let accounts = 0, potential = 0, population = 0;
  for (const id of selected) {
    const a = index.accountsByUnit.get(id);
    if (a) { accounts += a.count; potential += a.potential; }
    if (index.population) population += index.population.get(id) ?? 0;
  }
  return { units: selected.size, accounts, potential, population: index.population ? population : null };
}
