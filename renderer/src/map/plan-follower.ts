/**
 * The territory of every unit as the map last drew it, and which units changed territory between
 * plan versions, shared by the fill colours and the territory borders. The plan is mutated in place;
 * when its PlanStore registered its ops (state/plan-ops-source.ts) only the units the assign ops
 * named are looked at, otherwise one pass over all assignments per plan version.
 */
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import { planOpsOf } from '../state/plan-ops-source.ts';

/** Plan versions remembered; a consumer further behind than this refreshes everything. */
const LOG_LENGTH = 8;

export class PlanFollower {
  /** Territory id of unit i (undefined = unassigned), as of `version`. */
  readonly territoryOf: (string | undefined)[];
  private version = Number.NaN;
  /** One entry per sync: the units that changed from plan version `from` to `to`. */
  private readonly log: { from: number; to: number; units: Int32Array }[] = [];

  /** Units named by assign ops since the last sync, when the plan's ops can be followed. */
  private touched: Set<number> | null = null;

  constructor(
    private readonly plan: PlanState,
    private readonly ids: readonly string[],
  ) {
    this.territoryOf = ids.map((id) => plan.assignments.get(id));
    const subscribe = planOpsOf(plan);
    if (subscribe) {
      const indexOf = new Map(ids.map((id, u) => [id, u]));
      const touched = (this.touched = new Set<number>());
      subscribe((ops) => {
        for (const op of ops) {
          if (op.op !== 'assign') continue;
          for (const id of op.unitIds) {
            const u = indexOf.get(id);
            if (u !== undefined) touched.add(u);
          }
        }
      });
    }
  }

  /** Bring the per-unit territories to `planVersion` (idempotent per version). */
  sync(planVersion: number): void {
    if (planVersion === this.version) return;
    const { ids, territoryOf } = this;
    const assignments = this.plan.assignments;
    const changed: number[] = [];
    const check = (u: number) => {
      const t = assignments.get(ids[u]!);
      if (t !== territoryOf[u]) {
        territoryOf[u] = t;
        changed.push(u);
      }
    };
    // Following the ops, only the units they named can have moved; otherwise look at every unit.
    if (this.touched) {
      for (const u of this.touched) check(u);
      this.touched.clear();
    } else {
      for (let u = 0; u < ids.length; u++) check(u);
    }
    if (!Number.isNaN(this.version)) {
      this.log.push({ from: this.version, to: planVersion, units: Int32Array.from(changed) });
      if (this.log.length > LOG_LENGTH) this.log.shift();
    }
    this.version = planVersion;
  }

  get syncedVersion(): number {
    return this.version;
  }

  /** Units that changed territory after plan version `since` (up to the synced version); null if unknown. */
  changedSince(since: number): Int32Array | null {
    if (since === this.version) return new Int32Array(0);
    const first = this.log.findIndex((e) => e.from === since);
    return first < 0 ? null : this.concat(first);
  }

  private concat(from: number): Int32Array {
    const parts = this.log.slice(from).map((e) => e.units);
    const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
