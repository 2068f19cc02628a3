/**
 * "Assign each unit to the quickest rep", saved as a new scenario: the rep x unit network matrix
 * (worker threads, roads-job.ts), the straight-line estimate where the network cannot answer
 * (units or reps far from roads, islands of network; those units are reported), one territory
 * per rep (the active scenario's territory of that rep when there is one, so names and colours
 * carry over), and the "within N minutes" check per territory. Saved like `tessera align` does:
 * one transaction, outlines included, the new scenario active.
 */
import { circuityEstimate, driveSettings, AREA_TYPES } from '../../shared/metrics/drive-time.ts';
import type { DriveTimeProvider } from '../../shared/metrics/drive-time.ts';
import type { QuickestScenarioReport } from '../../shared/model/drive-time.ts';
import type { Territory } from '../../shared/model/project.ts';
import { DEFAULT_TERRITORY_COLOURS } from '../../shared/plan/auto-palette.ts';
import { assignToQuickestRep, withinMinutesCheck } from '../../shared/routing/territories.ts';
import { UserError } from '../../shared/errors.ts';
import { saveAlignment } from '../services/align-service.ts';
import type { AlignOutcome } from '../services/align-types.ts';
import { ProjectStore } from '../store/project-store.ts';
import { requireNetwork, unitPoints } from './drive-time-service.ts';
import { startRoadsJob, type MatrixResult } from './roads-job.ts';

export interface QuickestOptions {
  /** Scenario name; default "Quickest rep <date time>". */
  name?: string;
  /** The "within N minutes of the rep" limit of the check, minutes (default 60). */
  limitMinutes?: number;
  /** Worker threads for the matrix. */
  threads?: number;
}

/** Compute the plan in worker threads, then save it as a new active scenario of the project file. */
export async function saveQuickestRepScenario(projectFile: string, options: QuickestOptions = {}): Promise<QuickestScenarioReport> {
  const limit = options.limitMinutes ?? 60;
  if (!(limit > 0) || limit > 24 * 60) throw new UserError(`The "within" limit should be between 0 and 1440 minutes, not ${limit}.`);
  const probe = ProjectStore.open(projectFile, { readonly: true });
  try {
    requireNetwork(probe);
    if (probe.reps().length === 0) throw new UserError(`Project "${probe.name}" has no reps, so there is no rep to assign units to.`);
    if (options.name !== undefined && probe.scenarios().some((s) => s.name === options.name)) {
      throw new UserError(`Project "${probe.name}" already has a scenario named "${options.name}". Choose another name.`);
    }
  } finally {
    probe.close();
  }
  const matrix = await startRoadsJob({ kind: 'matrix', projectFile, threads: options.threads }).result;
  const store = ProjectStore.open(projectFile);
  try {
    const { outcome, report } = quickestOutcome(store, matrix, limit);
    const scenario = saveAlignment(store, outcome, options.name ?? defaultName());
    return { ...report, scenario };
  } finally {
    store.close();
  }
}

function quickestOutcome(store: ProjectStore, m: MatrixResult, limit: number): { outcome: AlignOutcome; report: Omit<QuickestScenarioReport, 'scenario'> } {
  const reps = store.reps();
  const points = unitPoints(store);
  if (points.unitIds.join('\n') !== m.unitIds.join('\n')) throw new UserError('The project changed while drive times were computed; try again.');
  const origins = new Float64Array(reps.length * 2);
  reps.forEach((r, i) => origins.set(r.location, 2 * i));
  const estimate = circuityEstimate(driveSettings())(origins, {
    count: points.unitIds.length,
    lonLat: points.lonLat,
    areaType: new Uint8Array(points.unitIds.length).fill(AREA_TYPES.indexOf('suburban')),
  });
  const nu = m.unitIds.length;
  const network = { minutes: (r: number, u: number) => m.minutes[r * nu + u]! };
  const withEstimate: Pick<DriveTimeProvider, 'minutes'> = {
    minutes: (r, u) => {
      const v = network.minutes(r, u);
      return Number.isNaN(v) ? estimate.minutes(r, u) : v;
    },
  };
  // The network decides wherever it answers for some rep; a unit no rep reaches by road goes by the estimate.
  const byNetwork = assignToQuickestRep(network, reps.length, nu);
  const byEstimate = assignToQuickestRep(withEstimate, reps.length, nu);
  const repOf = Int32Array.from(byNetwork.repOf, (r, u) => (r >= 0 ? r : byEstimate.repOf[u]!));
  const fallbackUnits = m.unitIds.filter((_, u) => byNetwork.repOf[u]! < 0 && repOf[u]! >= 0);

  // the active plan's territory of each rep carries its name and colour over (a project may have no plan yet)
  const active = store.scenarios().length > 0 ? store.activeScenario() : null;
  const existing = new Map((active ? store.territories(active.id) : []).filter((t) => t.repId !== null).map((t) => [t.repId!, t]));
  const territories: Territory[] = reps.map((r, i) => {
    const own = existing.get(r.id);
    return own
      ? { ...own, locked: false }
      : { id: `T-${r.id}`, name: `${r.name} (quickest)`, color: DEFAULT_TERRITORY_COLOURS[i % DEFAULT_TERRITORY_COLOURS.length]!, repId: r.id, locked: false };
  });
  const assignments: [string, string][] = [];
  m.unitIds.forEach((id, u) => {
    const r = repOf[u]!;
    if (r >= 0) assignments.push([id, territories[r]!.id]);
  });
  const check = withinMinutesCheck(network, repOf, reps.length, limit).map((c) => ({
    territoryId: territories[c.rep]!.id,
    name: territories[c.rep]!.name,
    repId: reps[c.rep]!.id,
    units: c.units,
    beyond: c.beyond,
    unreachable: c.unreachable,
    worstMinutes: Math.round(c.worstMinutes * 10) / 10,
  }));
  // saveAlignment reads territories and assignments only; the optimizer's statistics do not apply here.
  const outcome: AlignOutcome = {
    territories,
    assignments,
    moved: [],
    stats: {} as AlignOutcome['stats'],
    quality: {} as AlignOutcome['quality'],
    seconds: 0,
  };
  return {
    outcome,
    report: { territories: territories.length, assignedUnits: assignments.length, fallbackUnits, farReps: m.farReps, limitMinutes: limit, check },
  };
}

function defaultName(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `Quickest rep ${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
}
