/**
 * The Optimize dialog's calls (`alignPlan`, `cancelAlign`): run the optimizer on the active plan in
 * a worker with progress events, then save the result as a NEW scenario named "Optimized 26 Nov
 * 19:40" that becomes active — the user's plan is never overwritten, and Discard is deleting the
 * new scenario. Stored unit locks and locked territories are passed to the optimizer as locks and
 * carried over to the new scenario. One run at a time; cancel or any failure saves nothing.
 */
import type { AlignSummary, RequestOf } from '../../shared/api/contract.ts';
import { AlignCancelled, type AlignProgress } from '../../shared/align/types.ts';
import { UserError } from '../../shared/errors.ts';
import type { Scenario } from '../../shared/model/project.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { copyUnitLocks, lockedUnits } from '../store/unit-locks.ts';
import { copyRegions } from '../store/regions.ts';
import { disruptionLimitUnits, saveAlignment, startAlign, type AlignJob, type AlignOutcome } from './align-service.ts';

export type AlignPlanRequest = RequestOf<'alignPlan'>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Optimized 26 Nov 19:40" in local time, with " (2)", " (3)" when that name is taken. */
export function optimizedScenarioName(taken: ReadonlySet<string>, now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `Optimized ${now.getDate()} ${MONTHS[now.getMonth()]} ${p(now.getHours())}:${p(now.getMinutes())}`;
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  let k = 2;
  while (lower.has(`${base} (${k})`.toLowerCase())) k++;
  return `${base} (${k})`;
}

export class AlignRunner {
  private running: AlignJob | null = null;

  constructor(
    /** The project open now (it can change while a run is going). */
    private readonly store: () => ProjectStore,
    private readonly onProgress: (progress: AlignProgress) => void,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Set by cancel() during a run: its result is not saved even when the worker had already finished it. */
  private cancelRequested = false;

  /** Ask the running optimization to stop; false when none runs. */
  cancel(): boolean {
    this.running?.cancel();
    if (this.running) this.cancelRequested = true;
    return this.running !== null;
  }

  async run(request: AlignPlanRequest): Promise<AlignSummary> {
    if (this.running) throw new UserError('An optimization is already running; wait for it or cancel it first.');
    const store = this.store();
    const file = store.file;
    const previous = store.activeScenario();
    const respectLocks = request.respectLocks ?? true;
    const locks = respectLocks ? lockedUnits(store, previous.id) : [];
    const territories = store.territories(previous.id);
    if (request.name !== undefined && store.scenarios().some((s) => s.name.toLowerCase() === request.name!.trim().toLowerCase())) {
      throw new UserError(`There is already a scenario called "${request.name.trim()}". Choose another name.`);
    }
    const unitsTotal = store.count('units');
    if (request.mode === 'generate' && request.territories !== undefined && request.territories > unitsTotal) {
      throw new UserError(`The project has ${unitsTotal.toLocaleString('en-US')} units: too few for ${request.territories.toLocaleString('en-US')} territories.`);
    }
    const maxMovedUnits =
      request.mode === 'rebalance' && request.maxMovedPct !== undefined ? disruptionLimitUnits(request.maxMovedPct, unitsTotal) : null;
    const job = startAlign(
      {
        projectFile: file,
        scenarioId: previous.id,
        mode: request.mode,
        territories: request.mode === 'generate' && !request.useReps ? request.territories : undefined,
        useReps: request.mode === 'generate' && request.useReps === true,
        balance: request.balance,
        tolerance: request.tolerance,
        seed: request.seed,
        lockUnits: locks,
        ignoreStoredLocks: !respectLocks,
        // The disruption limit is enforced by the search itself: moves past it are refused.
        maxMovedUnits: maxMovedUnits ?? undefined,
      },
      this.onProgress,
    );
    this.running = job;
    this.cancelRequested = false;
    let outcome: AlignOutcome;
    try {
      outcome = await job.result;
      // The worker's result can be on its way when Cancel arrives: Cancel still wins.
      if (this.cancelRequested) throw new AlignCancelled();
    } catch (error) {
      if (error instanceof AlignCancelled) throw new UserError('Optimization cancelled; the project was not changed.');
      throw error;
    } finally {
      this.running = null;
    }
    const now = this.store();
    if (now.file !== file) throw new UserError('Another project was opened while optimizing; the result was not saved.');
    const movedPct = unitsTotal > 0 ? (outcome.stats.unitsMoved / unitsTotal) * 100 : 0;
    if (maxMovedUnits !== null && outcome.stats.unitsMoved > maxMovedUnits) {
      // The search refuses moves past the limit, so this is only a safety net: never save more.
      throw new UserError(
        `The rebalanced plan moves ${outcome.stats.unitsMoved.toLocaleString('en-US')} units (${movedPct.toFixed(1)}%), more than your ` +
          `${request.maxMovedPct}% limit; nothing was saved. Raise the limit or the tolerance.`,
      );
    }
    const name = request.name?.trim() ?? optimizedScenarioName(new Set(now.scenarios().map((s) => s.name)));
    const scenario: Scenario = now.transaction(() => {
      const saved = saveAlignment(now, outcome, name);
      if (respectLocks) copyUnitLocks(now, previous.id, saved.id);
      // Rebalanced territories keep their region_id; the regions they point to come along.
      copyRegions(now, previous.id, saved.id);
      return saved;
    });
    return summarise(outcome, {
      scenario,
      previous,
      mode: request.mode,
      tolerancePct: request.tolerance * 100,
      unitsTotal,
      lockedUnits: locks.length,
      lockedTerritories: respectLocks ? territories.filter((t) => t.locked).length : 0,
    });
  }
}

function summarise(
  outcome: AlignOutcome,
  context: Pick<AlignSummary, 'scenario' | 'previous' | 'mode' | 'tolerancePct' | 'unitsTotal' | 'lockedUnits' | 'lockedTerritories'>,
): AlignSummary {
  const s = outcome.stats;
  const ids = Object.keys(s.pieces);
  const forced = (id: string) => s.forcedPieces[id] ?? 1;
  return {
    ...context,
    territories: outcome.territories.length,
    maxAbsDeviationPct: s.maxAbsDeviationPct,
    lowerBoundPct: s.lowerBoundPct,
    withinTolerance: s.withinTolerance,
    pieces: ids.reduce((sum, id) => sum + s.pieces[id]!, 0),
    forcedPieces: ids.reduce((sum, id) => sum + forced(id), 0),
    splitTerritories: ids.filter((id) => s.pieces[id]! > forced(id)).length,
    unitsMoved: s.unitsMoved,
    seconds: outcome.seconds,
    timedOut: s.timedOut,
    disruptionNote: s.disruptionNote,
  };
}
