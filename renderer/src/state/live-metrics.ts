/**
 * The metrics engine kept in step with the PlanStore: built once per loaded project (the layer:
 * unit values, geometry, adjacency, drive targets), then every change of the plan is applied op by
 * op (`engine.apply`), never recomputed in full. Changing the balance fields is a setting, not an
 * edit: it rebuilds the engine state from the current plan on the same layer.
 * Main-thread time per change (apply + reading the report) is measured for the test hook.
 */
import { MetricsEngine, metricsInputFromMapData, prepareLayer, type MetricsLayer } from '../../../shared/metrics/index.ts';
import type { BalanceField, MetricsOptions, MetricsReport } from '../../../shared/metrics/types.ts';
import { circuityEstimate, type DriveTimeProviderFactory } from '../../../shared/metrics/drive-time.ts';
import type { EditOp } from '../../../shared/edit/edit-ops.ts';
import type { MapData } from '../../../shared/model/project.ts';
import { defaultMetricsOptions } from '../../../shared/plan/metrics-defaults.ts';
import type { PlanStore } from './plan-store.ts';

export class LiveMetrics {
  /** Replaced (same units, new drive provider) when road-network minutes arrive: see setDriveProvider. */
  layer: MetricsLayer;
  /** Rep homes, lon/lat flat in MapData.reps order: the drive provider's origins. */
  private readonly origins: Float64Array;
  readonly options: MetricsOptions;
  private engine: MetricsEngine;
  private balance: BalanceField[];
  /** planVersion the engine reflects; a mismatch on attach means ops were missed: rebuild. */
  private syncedVersion: number;
  private applyMs = 0;
  /** Main-thread milliseconds of the latest change: engine.apply plus reading the report. */
  lastMetricsMs = 0;
  /** Full rebuilds (project load, balance change, recovery); edits never add to it. */
  rebuilds = 0;

  constructor(
    data: MapData,
    private readonly store: PlanStore,
  ) {
    this.options = defaultMetricsOptions(data.fields);
    this.layer = prepareLayer(metricsInputFromMapData(data), this.options);
    this.origins = Float64Array.from(data.reps.flatMap((r) => r.location));
    this.balance = this.layer.balance;
    this.engine = this.build();
    this.syncedVersion = store.planVersion;
  }

  /** Follow the store's ops; returns the detach function (for a React effect). */
  attach(): () => void {
    if (this.syncedVersion !== this.store.planVersion) this.rebuild();
    return this.store.subscribeOps(this.onOps);
  }

  private onOps = (ops: readonly EditOp[]): void => {
    const start = performance.now();
    try {
      this.engine.apply(ops);
    } catch {
      // The engine refused ops the plan accepted: start over from the plan rather than drift.
      this.engine = this.build();
    }
    // The store bumps planVersion right after notifying.
    this.syncedVersion = this.store.planVersion + 1;
    this.applyMs = performance.now() - start;
  };

  get balanceFields(): readonly BalanceField[] {
    return this.balance;
  }

  /** Balance on other fields (names must be layer fields); weights default to 1. */
  setBalance(fields: readonly BalanceField[]): void {
    const valid = fields.filter((f) => this.layer.fieldIndex.has(f.field));
    if (valid.length === 0) return;
    this.balance = valid.map((f) => ({ field: f.field, weight: f.weight ?? 1 }));
    this.rebuild();
  }

  /**
   * Measure drive times with another provider (road-network minutes looked up per rep and target,
   * the estimate where the network cannot answer), or the estimate again when undefined. A
   * setting like the balance fields: the engine is rebuilt from the current plan on the same units.
   */
  setDriveProvider(factory: DriveTimeProviderFactory | undefined): void {
    const drive = (factory ?? circuityEstimate(this.layer.driveSettings))(this.origins, this.layer.targets);
    if (drive.label === this.layer.drive.label && factory === undefined) return;
    this.layer = { ...this.layer, drive };
    this.rebuild();
  }

  private cachedReport: { key: string; report: MetricsReport } | null = null;

  /**
   * The report of a plan version under a balance setting (`balanceKey` names it), computed once
   * however many components read it: the panel and the map's deviation colours follow the plan
   * each on their own, in the same render. Identity-stable (MetricsEngine.report): rows of
   * territories an edit did not change are the previous objects, so memos keyed on a row (or on
   * the `territories` array, or `plan`) survive the edit; a rebuild (balance or drive-time setting)
   * makes every row new.
   */
  reportFor(planVersion: number, balanceKey: string): MetricsReport {
    const key = `${planVersion}|${balanceKey}`;
    if (this.cachedReport?.key !== key) this.cachedReport = { key, report: this.report() };
    return this.cachedReport.report;
  }

  /** The full report; call once per plan version (it refreshes lazy metrics of touched territories only). */
  report(): MetricsReport {
    const start = performance.now();
    const report = this.engine.report();
    this.lastMetricsMs = this.applyMs + (performance.now() - start);
    this.applyMs = 0;
    return report;
  }

  /** Unit ids cut off from the main piece of a territory. */
  islands(territoryId: string): string[] {
    return this.engine.islands(territoryId);
  }

  private rebuild(): void {
    this.engine = this.build();
    this.syncedVersion = this.store.planVersion;
  }

  private build(): MetricsEngine {
    this.rebuilds += 1;
    const layer: MetricsLayer = { ...this.layer, balance: this.balance };
    const plan = { territories: [...this.store.plan.territories.values()], assignments: this.store.plan.assignments };
    return new MetricsEngine(layer, plan, this.options);
  }
}
