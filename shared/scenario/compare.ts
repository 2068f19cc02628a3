/**
 * Comparing two scenarios (plans) of one project: which units and accounts changed territory,
 * and per territory how units, accounts and potential (US dollars) differ. Territories are matched
 * across scenarios by id (a duplicated scenario keeps its territories' ids).
 */
import type { Account, Territory } from '../model/project.ts';

export interface PlanSnapshot {
  territories: readonly Territory[];
  /** unit id -> territory id; unassigned units are absent. */
  assignments: ReadonlyMap<string, string>;
}

export interface ChangedUnit {
  unitId: string;
  /** Territory in the base (other) scenario and in the current one; null = unassigned. */
  base: string | null;
  current: string | null;
}

export interface TerritoryDelta {
  territoryId: string;
  /** Name in the current scenario, or in the base one when the territory only exists there. */
  name: string;
  color: string;
  /** Whether the territory exists in each scenario. */
  inBase: boolean;
  inCurrent: boolean;
  units: { base: number; current: number; delta: number };
  accounts: { base: number; current: number; delta: number };
  potential: { base: number; current: number; delta: number };
}

export interface ScenarioComparison {
  changedUnits: ChangedUnit[];
  /** Accounts whose unit changed territory. */
  changedAccounts: number;
  /** Territories of either scenario, current ones first in their order; unchanged rows included. */
  deltas: TerritoryDelta[];
}

/** Compare `current` against `base` over the given units (ids) and accounts. */
export function compareScenarios(
  unitIds: readonly string[],
  accounts: readonly Account[],
  base: PlanSnapshot,
  current: PlanSnapshot,
): ScenarioComparison {
  const changedUnits: ChangedUnit[] = [];
  for (const unitId of unitIds) {
    const b = base.assignments.get(unitId) ?? null;
    const c = current.assignments.get(unitId) ?? null;
    if (b !== c) changedUnits.push({ unitId, base: b, current: c });
  }
  const changedSet = new Set(changedUnits.map((u) => u.unitId));
  const totals = (plan: PlanSnapshot) => {
    const byTerritory = new Map<string, { units: number; accounts: number; potential: number }>();
    const row = (id: string) => {
      let r = byTerritory.get(id);
      if (!r) byTerritory.set(id, (r = { units: 0, accounts: 0, potential: 0 }));
      return r;
    };
    for (const t of plan.territories) row(t.id);
    for (const [, territoryId] of plan.assignments) row(territoryId).units += 1;
    for (const a of accounts) {
      const territoryId = a.unitId === null ? undefined : plan.assignments.get(a.unitId);
      if (territoryId === undefined) continue;
      const r = row(territoryId);
      r.accounts += 1;
      r.potential += a.potential;
    }
    return byTerritory;
  };
  const baseTotals = totals(base);
  const currentTotals = totals(current);
  const baseById = new Map(base.territories.map((t) => [t.id, t]));
  const currentIds = new Set(current.territories.map((t) => t.id));
  const ordered = [...current.territories, ...base.territories.filter((t) => !currentIds.has(t.id))];
  const zero = { units: 0, accounts: 0, potential: 0 };
  const deltas = ordered.map((t): TerritoryDelta => {
    const b = baseTotals.get(t.id) ?? zero;
    const c = currentTotals.get(t.id) ?? zero;
    const pair = (k: 'units' | 'accounts' | 'potential') => ({ base: b[k], current: c[k], delta: c[k] - b[k] });
    return {
      territoryId: t.id,
      name: t.name,
      color: t.color,
      inBase: baseById.has(t.id),
      inCurrent: currentIds.has(t.id),
      units: pair('units'),
      accounts: pair('accounts'),
      potential: pair('potential'),
    };
  });
  const changedAccounts = accounts.filter((a) => a.unitId !== null && changedSet.has(a.unitId)).length;
  return { changedUnits, changedAccounts, deltas };
}
