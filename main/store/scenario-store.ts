/**
 * Scenarios (named plans in one project): duplicate, rename, delete, switch. Each write is one
 * transaction. A duplicate copies territories (with their outlines) and assignments but starts
 * with an empty history: its past is the source's, not its own.
 */
import type { Scenario } from '../../shared/model/project.ts';
import { UserError } from '../../shared/errors.ts';
import type { ProjectStore } from './project-store.ts';
import { copyUnitLocks } from './unit-locks.ts';
import { copyRegions } from './regions.ts';

const MAX_NAME = 200;

function cleanName(store: ProjectStore, name: string, exceptId: string | null): string {
  const clean = name.trim();
  if (!clean) throw new UserError('A scenario needs a name.');
  if (clean.length > MAX_NAME) throw new UserError(`A scenario name can be at most ${MAX_NAME} characters long.`);
  const clash = store.scenarios().find((s) => s.name.toLowerCase() === clean.toLowerCase() && s.id !== exceptId);
  if (clash) throw new UserError(`There is already a scenario called "${clash.name}".`);
  return clean;
}

/** A scenario id not used yet in the project: S1, S2, … */
export function nextScenarioId(store: ProjectStore): string {
  const ids = new Set(store.scenarios().map((s) => s.id));
  let n = ids.size + 1;
  while (ids.has(`S${n}`)) n++;
  return `S${n}`;
}

/** A free name like "Copy of West plan", "Copy of West plan (2)". */
export function copyName(store: ProjectStore, sourceName: string): string {
  const names = new Set(store.scenarios().map((s) => s.name.toLowerCase()));
  const base = `Copy of ${sourceName}`.slice(0, MAX_NAME - 6);
  if (!names.has(base.toLowerCase())) return base;
  let n = 2;
  while (names.has(`${base} (${n})`.toLowerCase())) n++;
  return `${base} (${n})`;
}

/** Copy a scenario's territories, assignments, unit locks and regions into a new scenario (no history). */
export function duplicateScenario(store: ProjectStore, sourceId: string, name?: string): Scenario {
  const source = store.requireScenario(sourceId);
  return store.transaction(() => {
    const scenario = { id: nextScenarioId(store), name: cleanName(store, name ?? copyName(store, source.name), null) };
    store.createScenario(scenario);
    store.db
      .prepare(
        `INSERT INTO territories (geom, territory_id, scenario_id, name, color, rep_id, locked, region_id)
         SELECT geom, territory_id, ?, name, color, rep_id, locked, region_id FROM territories WHERE scenario_id = ? ORDER BY fid`,
      )
      .run(scenario.id, sourceId);
    store.db
      .prepare(
        `INSERT INTO tessera_assignments (scenario_id, unit_id, territory_id)
         SELECT ?, unit_id, territory_id FROM tessera_assignments WHERE scenario_id = ?`,
      )
      .run(scenario.id, sourceId);
    copyUnitLocks(store, sourceId, scenario.id);
    copyRegions(store, sourceId, scenario.id);
    store.refreshTerritoryExtent();
    return scenario;
  });
}

export function renameScenario(store: ProjectStore, scenarioId: string, name: string): Scenario {
  store.requireScenario(scenarioId);
  return store.transaction(() => {
    const clean = cleanName(store, name, scenarioId);
    store.db.prepare('UPDATE tessera_scenarios SET name = ? WHERE scenario_id = ?').run(clean, scenarioId);
    return { id: scenarioId, name: clean };
  });
}

/** Delete a scenario with its territories, assignments and history. The last one cannot be deleted. */
export function deleteScenario(store: ProjectStore, scenarioId: string): Scenario {
  const scenario = store.requireScenario(scenarioId);
  return store.transaction(() => {
    const all = store.scenarios();
    if (all.length <= 1) throw new UserError(`"${scenario.name}" is the only scenario of the project; it cannot be deleted.`);
    for (const table of ['tessera_history', 'tessera_unit_locks', 'tessera_regions', 'tessera_assignments', 'territories', 'tessera_scenarios']) {
      store.db.prepare(`DELETE FROM "${table}" WHERE scenario_id = ?`).run(scenarioId);
    }
    store.refreshTerritoryExtent();
    if (store.getSetting<string>('activeScenario') === scenarioId) {
      store.setSetting('activeScenario', all.find((s) => s.id !== scenarioId)!.id);
    }
    return store.activeScenario();
  });
}

/** Make a scenario the active one (the one the window shows and edits). */
export function switchScenario(store: ProjectStore, scenarioId: string): Scenario {
  const scenario = store.requireScenario(scenarioId);
  store.transaction(() => store.setSetting('activeScenario', scenarioId));
  return scenario;
}
