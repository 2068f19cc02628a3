/**
 * The compare view's data: the other scenario's plan (fetched once per choice) compared with the
 * active plan, recomputed when the active plan changes. It follows the plan only while a scenario
 * is being compared: otherwise an edit does not re-render the studio that calls this hook.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ApiClient, ScenarioPlan } from '../../../shared/api/contract.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { compareScenarios, type ScenarioComparison } from '../../../shared/scenario/compare.ts';

export interface CompareState {
  baseId: string | null;
  setBaseId(id: string | null): void;
  base: ScenarioPlan | null;
  comparison: ScenarioComparison | null;
}

export function useCompare(
  api: ApiClient,
  data: MapData,
  store: PlanStore,
  onError: (m: string) => void,
  /** Compare with this scenario as soon as it is given (the Optimize dialog's source plan). */
  requestedBaseId: string | null = null,
): CompareState {
  const [baseId, setBaseId] = useState<string | null>(requestedBaseId !== data.scenario.id ? requestedBaseId : null);
  useEffect(() => {
    if (requestedBaseId && requestedBaseId !== data.scenario.id) setBaseId(requestedBaseId);
  }, [requestedBaseId, data.scenario.id]);
  const [base, setBase] = useState<ScenarioPlan | null>(null);
  useEffect(() => {
    setBase(null);
    if (!baseId) return;
    let cancelled = false;
    api.getScenarioPlan({ scenarioId: baseId }).then(
      (next) => !cancelled && setBase(next),
      (error: unknown) => !cancelled && onError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, baseId, onError]);
  const plan = store.plan;
  const planVersion = useSyncExternalStore(store.subscribe, () => (base ? store.planVersion : -1));
  const unitIds = useMemo(() => data.units.map((u) => u.id), [data.units]);
  const baseSnapshot = useMemo(
    () => (base ? { territories: base.territories, assignments: new Map(Object.entries(base.assignments)) } : null),
    [base],
  );
  const comparison = useMemo(
    () =>
      baseSnapshot
        ? compareScenarios(unitIds, data.accounts, baseSnapshot, { territories: [...plan.territories.values()], assignments: plan.assignments })
        : null,
    [baseSnapshot, unitIds, data.accounts, plan, planVersion],
  );
  return { baseId, setBaseId, base, comparison };
}
