/**
 * Lets consumers that only hold the plan (the map's PlanFollower) follow its ops: PlanStore registers
 * its `subscribeOps` for the plan object it owns. The map then knows which units an edit touched
 * without scanning all 33,000 assignments per edit.
 */
import type { EditOp, PlanState } from '../../../shared/edit/edit-ops.ts';

type SubscribeOps = (listener: (ops: readonly EditOp[]) => void) => () => void;

const sources = new WeakMap<PlanState, SubscribeOps>();

export function registerPlanOps(plan: PlanState, subscribe: SubscribeOps): void {
  sources.set(plan, subscribe);
}

export function planOpsOf(plan: PlanState): SubscribeOps | undefined {
  return sources.get(plan);
}
