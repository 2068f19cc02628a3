/**
 * Unit locks (tessera_unit_locks, migration 3): units of a scenario that keep their territory.
 * Painting tools skip them and the optimizer pins them. Locks belong to a scenario because a
 * territory does; a duplicate or an optimized copy carries them over.
 */
import type { ProjectStore } from './project-store.ts';

/** Locked unit ids of a scenario, sorted. */
export function lockedUnits(store: ProjectStore, scenarioId: string): string[] {
  return store.db
    .prepare('SELECT unit_id FROM tessera_unit_locks WHERE scenario_id = ? ORDER BY unit_id')
    .pluck()
    .all(scenarioId) as string[];
}

export function isUnitLocked(store: ProjectStore, scenarioId: string, unitId: string): boolean {
  return store.db.prepare('SELECT 1 FROM tessera_unit_locks WHERE scenario_id = ? AND unit_id = ?').get(scenarioId, unitId) !== undefined;
}

/** Lock or unlock units. Call inside a transaction for many units. */
export function setUnitLocks(store: ProjectStore, scenarioId: string, unitIds: readonly string[], locked: boolean): void {
  const statement = locked
    ? store.db.prepare('INSERT OR IGNORE INTO tessera_unit_locks (scenario_id, unit_id) VALUES (?, ?)')
    : store.db.prepare('DELETE FROM tessera_unit_locks WHERE scenario_id = ? AND unit_id = ?');
  for (const unitId of unitIds) statement.run(scenarioId, unitId);
}

/** Copy one scenario's locks to another (duplicate, optimized copy). */
export function copyUnitLocks(store: ProjectStore, fromScenarioId: string, toScenarioId: string): void {
  store.db
    .prepare('INSERT OR IGNORE INTO tessera_unit_locks (scenario_id, unit_id) SELECT ?, unit_id FROM tessera_unit_locks WHERE scenario_id = ?')
    .run(toScenarioId, fromScenarioId);
}
