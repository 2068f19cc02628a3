/**
 * Structural checks of a project after a crash, for any operation: SQLite and GDAL both read it,
 * foreign keys hold, every spatial index matches its table, and the plan refers only to units and
 * territories that exist. Returns the problems found and a snapshot for operation-specific checks.
 */
import { ProjectStore } from '../../main/store/project-store.ts';
import { ogrinfoOpens } from './harness.ts';

export interface Snapshot {
  units: number;
  hasTopology: boolean;
  scenarios: { id: string; name: string; territories: number; assignments: string }[];
  activeScenario: string | null;
}

export function checkInvariants(file: string, options: { ogrinfo?: boolean } = {}): { problems: string[]; snapshot: Snapshot | null } {
  const problems: string[] = [];
  let store: ProjectStore;
  try {
    store = ProjectStore.open(file);
  } catch (error) {
    return { problems: [`reopen failed: ${(error as Error).message}`], snapshot: null };
  }
  try {
    const db = store.db;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} violations`);
    for (const table of ['units', 'accounts', 'reps', 'territories']) {
      const rows = db.prepare(`SELECT count(*) FROM "${table}" WHERE geom IS NOT NULL`).pluck().get() as number;
      const indexed = db.prepare(`SELECT count(*) FROM "rtree_${table}_geom"`).pluck().get() as number;
      if (rows !== indexed) problems.push(`rtree_${table}_geom holds ${indexed} entries for ${rows} geometries`);
    }
    const orphans = db
      .prepare(
        `SELECT count(*) FROM tessera_assignments a
         WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.unit_id = a.unit_id)
            OR NOT EXISTS (SELECT 1 FROM territories t WHERE t.scenario_id = a.scenario_id AND t.territory_id = a.territory_id)`,
      )
      .pluck()
      .get() as number;
    if (orphans) problems.push(`${orphans} assignments refer to missing units or territories`);
    const units = store.count('units');
    const hasTopology = store.topology('units') !== null;
    if (units > 0 && !hasTopology) problems.push(`${units} units but no topology`);
    const scenarios = store.scenarios().map((s) => {
      const plan = [...store.assignments(s.id)].sort(([a], [b]) => (a < b ? -1 : 1));
      return { id: s.id, name: s.name, territories: store.territories(s.id).length, assignments: JSON.stringify(plan) };
    });
    const activeId = store.getSetting<string>('activeScenario') ?? null;
    if (activeId !== null && !scenarios.some((s) => s.id === activeId)) problems.push(`active scenario ${activeId} does not exist`);
    if (options.ogrinfo !== false) {
      try {
        if (units > 0) ogrinfoOpens(file);
      } catch (error) {
        problems.push(`ogrinfo: ${(error as Error).message.slice(0, 200)}`);
      }
    }
    return { problems, snapshot: { units, hasTopology, scenarios, activeScenario: activeId } };
  } finally {
    store.close();
  }
}
