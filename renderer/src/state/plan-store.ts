/**
 * The renderer's edit executor for the active scenario: holds the in-memory plan, applies each
 * command's edit at once (optimistic), persists it through the API in order, reverts it when main
 * refuses, and mirrors undo/redo ops that main returns. React re-renders on `revision` and memoizes
 * derived data (colours, borders, panel numbers) by `planVersion`, which only plan changes bump.
 *
 * Undo and redo of edits this window made are optimistic too: the window knows their ops, applies
 * the inverse (or the ops again) at once and then asks main to do the same, so the map shows the
 * undo without waiting for main's reply. Main's reply must bring the very same ops; if it does not
 * (another client changed the history) or the call fails, the plan is out of step and the window
 * reloads the project from the file. Undo past what this window did (steps of an earlier session)
 * waits for main's reply as before.
 */
import type { ApiClient } from '../../../shared/api/contract.ts';
import { applyOps, invertOps, sameOps, type Edit, type EditOp, type PlanState } from '../../../shared/edit/edit-ops.ts';
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
  /** Edits of this window on top of main's undo stack (newest last): what an optimistic undo reverts. */
  private readonly undoable: Edit[] = [];
  /** Edits of this window undone optimistically, on top of main's redo stack (next redo last). */
  private readonly redoable: Edit[] = [];
  /** Edits main refused to save: the undo or redo calls queued behind them must not reach main. */
  private readonly refused = new WeakSet<Edit>();
  /** Out of step with main and being reloaded: undo and redo calls still queued are dropped. */
  private stale = false;

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
      if (edit) this.madeEdit(edit);
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
    const edit = this.historyCallsPending === 0 ? this.undoable.pop() : undefined;
    if (!edit) return this.historyCall('undo');
    return this.optimisticHistoryCall('undo', edit, invertOps(edit.ops), this.redoable);
  }

  redo(): Promise<void> {
    const edit = this.historyCallsPending === 0 ? this.redoable.pop() : undefined;
    if (!edit) return this.historyCall('redo');
    return this.optimisticHistoryCall('redo', edit, edit.ops, this.undoable);
  }

  /**
   * Undo or redo `edit` (just taken off its stack) here at once, then in main: main's reply must
   * carry the same ops, else the plan is out of step and is reloaded from the file.
   */
  private optimisticHistoryCall(kind: 'undo' | 'redo', edit: Edit, ops: readonly EditOp[], moveTo: Edit[]): Promise<void> {
    try {
      this.applyAndNotify(ops);
    } catch {
      this.outOfStep(kind);
      return this.queue;
    }
    moveTo.push(edit);
    this.changed('plan');
    return this.enqueue(async () => {
      if (this.refused.has(edit) || this.stale) return;
      await afterNextFrame();
      try {
        const result = await this.api[kind]({ scenarioId: this.scenarioId });
        if (!sameOps(result.ops, ops)) throw new Error('main answered with other ops');
        this.historyState = result.history;
        this.changed('history');
      } catch {
        this.outOfStep(kind);
      }
    });
  }

  private outOfStep(kind: 'undo' | 'redo'): void {
    this.stale = true;
    this.onError(`The map was out of step with the project file after ${kind}; it has been reloaded.`);
    this.onStale();
  }

  /** Resolves once every save, undo and redo queued so far has had main's answer (for the test hook). */
  whenSaved(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
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
    if (edit) this.madeEdit(edit);
    return edit;
  }

  /** A new edit is the top undo step, and (as in main) drops the redo branch. */
  private madeEdit(edit: Edit): void {
    this.undoable.push(edit);
    this.redoable.length = 0;
    this.changed('plan');
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
      this.refused.add(edit);
      remove(this.redoable, edit);
      // Still applied here unless an optimistic undo already reverted it.
      if (!remove(this.undoable, edit)) return;
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
          this.outOfStep(kind);
          return;
        }
        // Main undid or redid a step this window did not make here: where this window's own
        // steps now sit in main's history is unknown, so later undos ask main first.
        if (result.ops.length > 0) {
          this.undoable.length = 0;
          this.redoable.length = 0;
        }
        this.historyState = result.history;
        this.changed(result.ops.length > 0 ? 'plan' : 'history');
      } finally {
        this.historyCallsPending -= 1;
      }
    });
  }
}

/** Removes `edit` from `stack`; whether it was there. */
function remove(stack: Edit[], edit: Edit): boolean {
  const at = stack.lastIndexOf(edit);
  if (at >= 0) stack.splice(at, 1);
  return at >= 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
