/**
 * Scenario calls from the Scenarios tab. Pending edits are saved first (the PlanStore queue), then
 * main switches, renames or deletes and pushes a 'scenario' event, on which the window reloads.
 */
import { useMemo, useState } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { Scenario } from '../../../shared/model/project.ts';
import type { PlanStore } from '../state/plan-store.ts';

export interface ScenarioActions {
  busy: boolean;
  switchTo(id: string): void;
  duplicate(name: string): void;
  rename(name: string): void;
  remove(): void;
}

export function useScenarioActions(api: ApiClient, store: PlanStore, active: Scenario, onError: (m: string) => void): ScenarioActions {
  const [busy, setBusy] = useState(false);
  return useMemo(() => {
    const run = (task: () => Promise<unknown>) => {
      setBusy(true);
      // An empty command resolves when every queued save has been answered.
      store
        .execute(() => null)
        .then(task)
        .catch((error: unknown) => onError(error instanceof Error ? error.message : String(error)))
        .finally(() => setBusy(false));
    };
    return {
      busy,
      switchTo: (id) => run(() => api.switchScenario({ scenarioId: id })),
      duplicate: (name) =>
        run(async () => {
          const copy = await api.duplicateScenario({ scenarioId: active.id, ...(name ? { name } : {}) });
          await api.switchScenario({ scenarioId: copy.id });
        }),
      rename: (name) => run(() => api.renameScenario({ scenarioId: active.id, name: name.trim() })),
      remove: () => run(() => api.deleteScenario({ scenarioId: active.id })),
    };
  }, [api, store, active.id, onError, busy]);
}
