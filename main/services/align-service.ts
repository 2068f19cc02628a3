/**
 * Territory alignment from main: runs the optimizer (shared/align) in a worker thread with
 * progress and cancel, then saves the result as a new scenario — territories, assignments,
 * outlines and the active-scenario setting in one transaction — and makes it active.
 * The renderer's Optimize dialog and the CLI both go through `startAlign` + `saveAlignment`.
 */
import { AlignCancelled, type AlignProgress } from '../../shared/align/types.ts';
import { UserError } from '../../shared/errors.ts';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import type { Scenario } from '../../shared/model/project.ts';
import { ProjectStore } from '../store/project-store.ts';
import type { AlignOutcome, AlignRequest } from './align-types.ts';
import { startWorkerJob, type WorkerJob } from './worker-job.ts';

export type { AlignOutcome, AlignRequest } from './align-types.ts';

/** `result` rejects with UserError, AlignCancelled or an internal error. */
export type AlignJob = WorkerJob<AlignOutcome>;

/** Start an alignment in a worker thread. Nothing is written to the project. */
export function startAlign(request: AlignRequest, onProgress?: (progress: AlignProgress) => void): AlignJob {
  return startWorkerJob<AlignProgress, AlignOutcome>({
    entry: new URL('./align-worker.mjs', import.meta.url),
    data: { request },
    what: 'alignment',
    onProgress,
    errors: { AlignCancelled: () => new AlignCancelled() },
  });
}

/** "Aligned 2026-11-26 16:40" in local time. */
export function defaultScenarioName(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `Aligned ${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

/**
 * Save an outcome as a new scenario of the open project, with territory outlines, and make it
 * active — one transaction, so a failure leaves the project as it was. Without a name, the
 * scenario is called "Aligned <date time>" (with " (2)", " (3)" when that is taken); a given name
 * that is taken is an error.
 */
export function saveAlignment(store: ProjectStore, outcome: AlignOutcome, name?: string): Scenario {
  const scenarios = store.scenarios();
  const taken = new Set(scenarios.map((s) => s.id));
  const names = new Set(scenarios.map((s) => s.name));
  let n = taken.size + 1;
  while (taken.has(`S${n}`)) n++;
  if (name !== undefined && names.has(name)) {
    throw new UserError(`Project "${store.name}" already has a scenario named "${name}". Choose another name.`);
  }
  let unique = name ?? defaultScenarioName();
  for (let k = 2; names.has(unique); k++) unique = `${defaultScenarioName()} (${k})`;
  const scenario: Scenario = { id: `S${n}`, name: unique };
  const topology = store.topology('units');
  const assignments = new Map(outcome.assignments);
  store.transaction(() => {
    store.createScenario(scenario);
    for (const t of outcome.territories) store.upsertTerritory(scenario.id, t);
    const byTerritory = new Map<string, string[]>();
    for (const [unitId, territoryId] of outcome.assignments) {
      const list = byTerritory.get(territoryId);
      if (list) list.push(unitId);
      else byTerritory.set(territoryId, [unitId]);
    }
    for (const [territoryId, unitIds] of byTerritory) store.assign(scenario.id, unitIds, territoryId);
    if (topology) {
      const outlines = dissolveTerritories(topology, unitGeometriesById(topology), assignments, outcome.territories.map((t) => t.id));
      for (const [territoryId, outline] of outlines) store.setTerritoryOutline(scenario.id, territoryId, outline);
      store.refreshTerritoryExtent();
    }
    store.setSetting('activeScenario', scenario.id);
  });
  return scenario;
}

/** A rebalance's disruption limit, given as a percentage of the project's units, in whole units. */
export function disruptionLimitUnits(maxMovedPct: number, unitsTotal: number): number {
  return Math.floor((maxMovedPct / 100) * unitsTotal + 1e-9);
}

/**
 * Run in a worker and save: what `tessera align` does. `maxMovedPct` (rebalance) limits the units
 * that may change territory to that share of the project's units.
 */
export async function alignProject(
  request: AlignRequest,
  options: { name?: string; maxMovedPct?: number; onProgress?: (progress: AlignProgress) => void; signal?: AbortSignal } = {},
): Promise<{ scenario: Scenario; outcome: AlignOutcome }> {
  if (options.maxMovedPct !== undefined) {
    const store = ProjectStore.open(request.projectFile, { readonly: true });
    try {
      request = { ...request, maxMovedUnits: disruptionLimitUnits(options.maxMovedPct, store.count('units')) };
    } finally {
      store.close();
    }
  }
  const job = startAlign(request, options.onProgress);
  options.signal?.addEventListener('abort', () => job.cancel(), { once: true });
  const outcome = await job.result;
  const store = ProjectStore.open(request.projectFile);
  try {
    return { scenario: saveAlignment(store, outcome, options.name), outcome };
  } finally {
    store.close();
  }
}
