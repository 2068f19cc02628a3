/**
 * The renderer's edit executor for the active scenario: holds the in-memory plan, applies each
 * command's edit at once (optimistic), persists it through the API in order, reverts it when main
 * refuses, and mirrors undo/redo ops that main returns. React re-renders on `revision` and memoizes
 * derived data (colours, borders, panel numbers) by `planVersion`, which only plan changes bump.
 */
import type { ApiClient } from '../../../shared/api/contract.ts';
import { applyOps, invertOps, type Edit, type EditOp, type PlanState } from '../../../shared/edit/edit-ops.ts';
import { assignUnits } from '../../../shared/edit/commands.ts';
import { lockUnits } from '../../../shared/edit/unit-lock-commands.ts';
import type { HistoryState, MapData } from '../../../shared/model/project.ts';
import { registerPlanOps } from './plan-ops-source.ts';
import { afterNextFrame } from './after-frame.ts';

export type PlanErrorListener = (message: string) => void;
/** Told the ops of every change applied to the in-memory plan (edits, reverts, undo/redo), right after they are applied. */
export type PlanOpsListener = (ops: readonly EditOp[]) => void;

export class PlanStore {
  readonly plan: PlanState;
  readonly scenarioId: string;
  private planCounter = 0;
  private structureCounter = 0;
  private revisionCounter = 0;
  private historyState: HistoryState;
  private readonly listeners = new Set<() => void>();
  private readonly opsListeners = new Set<PlanOpsListener>();
  /** Calls to main run one after another, so main sees edits in the order the user made them. */
  private queue: Promise<void> = Promise.resolve();
  /** Undo/redo calls queued or running: their ops are unknown until main answers. */
  private historyCallsPending = 0;

  constructor(
    private readonly api: ApiClient,
    data: MapData,
    private readonly onError: PlanErrorListener,
    /** Called when the plan can no longer mirror main's; the owner reloads the project. */
    private readonly onStale: () => void = () => {},
  ) {
    this.scenarioId = data.scenario.id;
    this.plan = {
      assignments: new Map(Object.entries(data.assignments)),
      territories: new Map(data.territories.map((t) => [t.id, t])),
      lockedUnits: new Set(data.lockedUnits ?? []),
      regions: new Map((data.regions ?? []).map((r) => [r.id, r])),
    };
    this.historyState = data.history;
    registerPlanOps(this.plan, this.subscribeOps);
  }

  /** Bumped on every change of assignments or territories: the key for memoized map and panel data. */
  get planVersion(): number {
    return this.planCounter;
  }

  /**
   * Bumped when territories, regions or unit locks change (any op but a plain assignment): the key
   * for what only those feed (the territory list, the sidebar, the locked-unit outlines). The map
   * and the panel follow every plan change themselves, so an assignment re-renders just them.
   */
  get structureVersion(): number {
    return this.structureCounter;
  }

  /** Bumped on every change of the plan or of the undo history: what React re-renders on. */
  get revision(): number {
    return this.revisionCounter;
  }

  get history(): HistoryState {
    return this.historyState;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getRevision = (): number => this.revisionCounter;

  /** Incremental consumers (the metrics engine) follow the plan op by op instead of recomputing. */
  subscribeOps = (listener: PlanOpsListener): (() => void) => {
    this.opsListeners.add(listener);
    return () => this.opsListeners.delete(listener);
  };

  private applied(ops: readonly EditOp[]): void {
    for (const listener of this.opsListeners) listener(ops);
  }

  private changed(what: 'plan' | 'history'): void {
    if (what === 'plan') this.planCounter += 1;
    this.revisionCounter += 1;
    for (const listener of this.listeners) listener();
  }

  /** Assign units to a territory (null = unassign) as one undo step. */
  assign(unitIds: readonly string[], territoryId: string | null): Promise<void> {
    // While an undo/redo is in flight the plan is about to change in ways only main knows,
    // so the command waits for it instead of computing against a stale plan.
    if (this.historyCallsPending > 0) return this.enqueue(() => this.runEdit(unitIds, territoryId));
    const edit = this.applyLocally(unitIds, territoryId);
    if (!edit) return this.queue;
    return this.enqueue(() => this.persistAfterFrame(edit));
  }

  /** Lock (or unlock) units to their territory as one undo step; tools then leave them where they are. */
  lockUnits(unitIds: readonly string[], locked: boolean): Promise<void> {
    return this.execute((plan) => lockUnits(plan, unitIds, locked));
  }

  /** Run a command computed from the current plan (e.g. automatic recolouring) as one undo step. */
  execute(command: (plan: PlanState) => Edit | null): Promise<void> {
    const run = (): Edit | null => {
      let edit: Edit | null;
      try {
        edit = command(this.plan);
        if (edit) this.applyAndNotify(edit.ops);
      } catch (error) {
        this.onError(messageOf(error));
        return null;
      }
      if (edit) this.changed('plan');
      return edit;
    };
    if (this.historyCallsPending > 0) {
      return this.enqueue(async () => {
        const edit = run();
        if (edit) await this.persist(edit);
      });
    }
    const edit = run();
    if (!edit) return this.queue;
    return this.enqueue(() => this.persistAfterFrame(edit));
  }

  private applyAndNotify(ops: readonly EditOp[]): void {
    applyOps(this.plan, ops);
    if (ops.some((op) => op.op !== 'assign')) this.structureCounter += 1;
    this.applied(ops);
  }

  undo(): Promise<void> {
    return this.historyCall('undo');
  }

  redo(): Promise<void> {
    return this.historyCall('redo');
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private applyLocally(unitIds: readonly string[], territoryId: string | null): Edit | null {
    let edit: Edit | null;
    try {
      edit = assignUnits(this.plan, unitIds, territoryId);
      if (edit) this.applyAndNotify(edit.ops);
    } catch (error) {
      this.onError(messageOf(error));
      return null;
    }
    if (edit) this.changed('plan');
    return edit;
  }

  private async runEdit(unitIds: readonly string[], territoryId: string | null): Promise<void> {
    const edit = this.applyLocally(unitIds, territoryId);
    if (edit) await this.persist(edit);
  }

  /**
   * The save of an edit just applied: sent after the frame that shows it, so building and sending
   * the request is not part of the input's main-thread time. The queue keeps the order of calls.
   */
  private async persistAfterFrame(edit: Edit): Promise<void> {
    await afterNextFrame();
    await this.persist(edit);
  }

  private async persist(edit: Edit): Promise<void> {
    try {
      this.historyState = await this.api.applyEdit({ scenarioId: this.scenarioId, edit });
      this.changed('history');
    } catch (error) {
      this.onError(`Could not save “${edit.label}”: ${messageOf(error)}`);
      try {
        this.applyAndNotify(invertOps(edit.ops));
      } catch {
        this.onStale();
        return;
      }
      this.changed('plan');
    }
  }

  private historyCall(kind: 'undo' | 'redo'): Promise<void> {
    this.historyCallsPending += 1;
    return this.enqueue(async () => {
      try {
        const result = await this.api[kind]({ scenarioId: this.scenarioId }).catch((error: unknown) => {
          this.onError(`Could not ${kind}: ${messageOf(error)}`);
          return null;
        });
        if (!result) return;
        try {
          this.applyAndNotify(result.ops);
        } catch {
          // Main changed the file in a way this window did not see (another client): start over from the file.
          this.onError(`The map was out of step with the project file after ${kind}; it has been reloaded.`);
          this.onStale();
          return;
        }
        this.historyState = result.history;
        this.changed(result.ops.length > 0 ? 'plan' : 'history');
      } finally {
        this.historyCallsPending -= 1;
      }
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
