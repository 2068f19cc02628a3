/** The project summary printed by `tessera info --json` and shown by the renderer. */
import type { ProjectInfo, TerritoryInfo } from '../../shared/model/project.ts';
import type { ProjectStore } from '../store/project-store.ts';

export function projectInfo(store: ProjectStore): ProjectInfo {
  const scenario = store.activeScenario();
  const reps = new Map(store.reps().map((r) => [r.id, r.name]));
  const unitCounts = new Map(
    (
      store.db
        .prepare('SELECT territory_id AS id, count(*) AS n FROM tessera_assignments WHERE scenario_id = ? GROUP BY territory_id')
        .all(scenario.id) as { id: string; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const accountTotals = new Map(
    (
      store.db
        .prepare(
          `SELECT a.territory_id AS id, count(*) AS n, coalesce(sum(c.potential), 0) AS potential
           FROM accounts c JOIN tessera_assignments a ON a.unit_id = c.unit_id AND a.scenario_id = ?
           GROUP BY a.territory_id`,
        )
        .all(scenario.id) as { id: string; n: number; potential: number }[]
    ).map((r) => [r.id, r]),
  );
  const territories: TerritoryInfo[] = store.territories(scenario.id).map((t) => ({
    id: t.id,
    name: t.name,
    units: unitCounts.get(t.id) ?? 0,
    accounts: accountTotals.get(t.id)?.n ?? 0,
    rep: t.repId ? (reps.get(t.repId) ?? t.repId) : null,
    potential: accountTotals.get(t.id)?.potential ?? 0,
  }));
  const assignedUnits = [...unitCounts.values()].reduce((a, b) => a + b, 0);
  const assignedAccounts = [...accountTotals.values()].reduce((a, b) => a + b.n, 0);
  return {
    file: store.file,
    schemaVersion: store.schemaVersion,
    scenario,
    layers: store.layers(),
    territories,
    unassigned: { units: store.count('units') - assignedUnits, accounts: store.count('accounts') - assignedAccounts },
  };
}
