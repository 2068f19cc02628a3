/**
 * Regions (tessera_regions, migration 4): the optional second level that groups a scenario's
 * territories, each with a name, colour and manager. Membership is `territories.region_id`. Regions
 * belong to a scenario because territories do; a duplicate or an optimized copy carries them over.
 */
import type { Region } from '../../shared/model/project.ts';
import type { ProjectStore } from './project-store.ts';

interface RegionRow {
  region_id: string;
  name: string;
  color: string;
  manager: string | null;
}

/** Regions of a scenario, by name. */
export function regions(store: ProjectStore, scenarioId: string): Region[] {
  const rows = store.db
    .prepare('SELECT region_id, name, color, manager FROM tessera_regions WHERE scenario_id = ? ORDER BY name COLLATE NOCASE, region_id')
    .all(scenarioId) as RegionRow[];
  return rows.map((r) => ({ id: r.region_id, name: r.name, color: r.color, manager: r.manager }));
}

export function regionExists(store: ProjectStore, scenarioId: string, regionId: string): boolean {
  return store.db.prepare('SELECT 1 FROM tessera_regions WHERE scenario_id = ? AND region_id = ?').get(scenarioId, regionId) !== undefined;
}

export function upsertRegion(store: ProjectStore, scenarioId: string, region: Region): void {
  store.db
    .prepare(
      `INSERT INTO tessera_regions (scenario_id, region_id, name, color, manager) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scenario_id, region_id) DO UPDATE SET name = excluded.name, color = excluded.color, manager = excluded.manager`,
    )
    .run(scenarioId, region.id, region.name, region.color, region.manager);
}

/** Delete a region. Refused (UserError from the caller) while a territory is still in it: see `regionInUse`. */
export function deleteRegion(store: ProjectStore, scenarioId: string, regionId: string): void {
  store.db.prepare('DELETE FROM tessera_regions WHERE scenario_id = ? AND region_id = ?').run(scenarioId, regionId);
}

export function regionInUse(store: ProjectStore, scenarioId: string, regionId: string): boolean {
  return store.db.prepare('SELECT 1 FROM territories WHERE scenario_id = ? AND region_id = ? LIMIT 1').get(scenarioId, regionId) !== undefined;
}

/** Copy one scenario's regions to another (duplicate, optimized copy); territories carry region_id themselves. */
export function copyRegions(store: ProjectStore, fromScenarioId: string, toScenarioId: string): void {
  store.db
    .prepare(
      `INSERT OR IGNORE INTO tessera_regions (scenario_id, region_id, name, color, manager)
       SELECT ?, region_id, name, color, manager FROM tessera_regions WHERE scenario_id = ?`,
    )
    .run(toScenarioId, fromScenarioId);
}
