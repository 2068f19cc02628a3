/**
 * The numbers of the territory panel: per territory its unit count, account count, summed account
 * potential (US dollars) and the deviation of that potential from the mean over all territories.
 * Small and self-contained on purpose: the full metrics engine (any field, targets, contiguity)
 * lives in shared/metrics; this only feeds the v1 panel and recomputes in well under a millisecond
 * for the demo (3,231 units, a few thousand accounts), so it runs in full after every edit.
 */
import type { Account, Territory } from '../model/project.ts';

export interface TerritoryTotals {
  units: number;
  accounts: number;
  /** Sum of `Account.potential`, US dollars. */
  potential: number;
}

export interface TerritorySummaryRow extends TerritoryTotals {
  territoryId: string;
  /**
   * (potential - mean) / mean, as a fraction (0.1 = 10 % above the mean); 0 when the mean is 0
   * (no territory has any potential), so an empty plan reads as balanced rather than NaN.
   */
  deviation: number;
}

export interface TerritorySummary {
  /** One row per territory, in the order given. */
  rows: TerritorySummaryRow[];
  unassigned: TerritoryTotals;
  /** Mean potential over all territories (empty ones included), US dollars; 0 without territories. */
  meanPotential: number;
}

/** Accounts grouped by unit, built once per loaded project and reused for every recompute. */
export interface AccountIndex {
  /** unit id -> [account count, summed potential in US dollars]. */
  byUnit: Map<string, { accounts: number; potential: number }>;
  /** Accounts that fall in no unit (`unitId` null); they count for no territory. */
  outside: { accounts: number; potential: number };
}

export function indexAccounts(accounts: readonly Pick<Account, 'unitId' | 'potential'>[]): AccountIndex {
  const byUnit = new Map<string, { accounts: number; potential: number }>();
  const outside = { accounts: 0, potential: 0 };
  for (const account of accounts) {
    const potential = Number.isFinite(account.potential) ? account.potential : 0;
    if (account.unitId === null) {
      outside.accounts += 1;
      outside.potential += potential;
      continue;
    }
    const entry = byUnit.get(account.unitId);
    if (entry) {
      entry.accounts += 1;
      entry.potential += potential;
    } else byUnit.set(account.unitId, { accounts: 1, potential });
  }
  return { byUnit, outside };
}

/**
 * Summarise a plan. `unitIds` are all units of the project; a unit whose assignment is missing or
 * points to a territory not in `territories` counts as unassigned.
 */
export function summarizeTerritories(
  territories: readonly Pick<Territory, 'id'>[],
  unitIds: Iterable<string>,
  assignments: ReadonlyMap<string, string>,
  accounts: AccountIndex,
): TerritorySummary {
  const totals = new Map<string, TerritoryTotals>(territories.map((t) => [t.id, { units: 0, accounts: 0, potential: 0 }]));
  const unassigned: TerritoryTotals = { units: 0, accounts: 0, potential: 0 };
  for (const unitId of unitIds) {
    const territoryId = assignments.get(unitId);
    const target = (territoryId !== undefined && totals.get(territoryId)) || unassigned;
    const inUnit = accounts.byUnit.get(unitId);
    target.units += 1;
    if (inUnit) {
      target.accounts += inUnit.accounts;
      target.potential += inUnit.potential;
    }
  }
  const meanPotential =
    territories.length === 0 ? 0 : [...totals.values()].reduce((sum, t) => sum + t.potential, 0) / territories.length;
  const rows = territories.map((t) => {
    const row = totals.get(t.id)!;
    const deviation = meanPotential === 0 ? 0 : (row.potential - meanPotential) / meanPotential;
    return { territoryId: t.id, ...row, deviation };
  });
  return { rows, unassigned, meanPotential };
}
