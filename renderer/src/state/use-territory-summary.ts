/** Panel numbers for the current plan, recomputed when the plan version changes. */
import { useMemo } from 'react';
import type { MapData } from '../../../shared/model/project.ts';
import { indexAccounts, summarizeTerritories, type TerritorySummary } from '../../../shared/plan/territory-summary.ts';
import type { PlanStore } from './plan-store.ts';

export function useTerritorySummary(data: MapData, store: PlanStore, planVersion: number): TerritorySummary {
  const accounts = useMemo(() => indexAccounts(data.accounts), [data.accounts]);
  const unitIds = useMemo(() => data.units.map((u) => u.id), [data.units]);
  // The plan is mutated in place; planVersion is what tells this memo it changed.
  return useMemo(
    () => summarizeTerritories([...store.plan.territories.values()], unitIds, store.plan.assignments, accounts),
    [store, unitIds, accounts, planVersion],
  );
}
