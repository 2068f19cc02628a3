/**
 * The live metrics engine: per-territory balance totals, area, perimeter (so Polsby-Popper),
 * connected pieces and drive-time sums are kept current on every edit in O(fields + degree +
 * drive targets of the moved unit); Reock, hull ratio, drive p90/max and island lists are
 * recomputed lazily, only for territories an edit touched, when they are read (or replayed from
 * lazy-memo.ts when the territory had this member set before: undo, redo). Reports are
 * identity-stable: an unchanged territory keeps its TerritoryMetrics object (see report()). State
 * lives in typed arrays indexed by unit index and territory slot. Units are km², km, minutes, US
 * dollars.
 */
import type { EditOp } from '../edit/edit-ops.ts';
import type { Territory } from '../model/project.ts';
import { balanceStats, deviationPct } from './balance.ts';
import { ContiguityGraph } from './contiguity.ts';
import type { MetricsLayer } from './layer.ts';
import { DriveState } from './drive-state.ts';
import { TerritoryShapes } from './territory-shape.ts';
import { sameValue } from '../same-value.ts';
import { LazyMemo } from './lazy-memo.ts';
import type { MetricsOptions, MetricsReport, PlanMetrics, TerritoryMetrics } from './types.ts';
import { grown } from './typed-grow.ts';

/** Above this many moved units in one apply, pieces are recounted per touched territory instead. */
const BATCH_UNITS = 64;

export interface PlanInput {
  territories: readonly Territory[];
  assignments: ReadonlyMap<string, string>;
}

export class MetricsEngine {
  private readonly F: number;
  private readonly territoryOf: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly unassigned: Float64Array;
  private readonly graph: ContiguityGraph;
  private readonly shapes: TerritoryShapes;
  private readonly neighbourScratch: number[] = [];
  private readonly driveState: DriveState;
  /** Lazy figures and piece count by member set and rep: an undo finds them there (see lazy-memo.ts). */
  private readonly memo: LazyMemo;
  private readonly memoScratch = new Float64Array(MEMO_WIDTH);

  private slots: (Territory | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private cap = 0;
  private repOf = new Int32Array(0);
  private size = new Int32Array(0);
  private head = new Int32Array(0);
  private totals = new Float64Array(0);
  private area = new Float64Array(0);
  private perim = new Float64Array(0);
  private piecesOf = new Int32Array(0);
  private dirty = new Uint8Array(0);
  private cache = new Float64Array(0);
  /** Last reported row of each slot, reused while its values stay the same (see report()). */
  private readonly rows: (TerritoryMetrics | undefined)[] = [];
  /** 1: an edit touched the slot since its row was built, so the row must be rebuilt and compared. */
  private rowStale = new Uint8Array(0);
  private recountStamp = new Uint32Array(0);
  private recountEpoch = 0;
  /** Field means the current rows' default targets were computed with, and over how many territories. */
  private means: Float64Array = new Float64Array(0);
  private meansOver = -1;
  private lastReport: MetricsReport | null = null;
  /** Unassigned totals of lastReport's plan part. */
  private lastUnassigned: Float64Array = new Float64Array(0);

  constructor(
    readonly layer: MetricsLayer,
    plan: PlanInput,
    private readonly options: MetricsOptions = {},
  ) {
    const U = layer.unitIds.length;
    this.F = layer.fields.length;
    this.territoryOf = new Int32Array(U).fill(-1);
    this.next = new Int32Array(U).fill(-1);
    this.prev = new Int32Array(U).fill(-1);
    this.driveState = new DriveState(layer);
    this.unassigned = new Float64Array(this.F);
    this.graph = new ContiguityGraph(layer.contiguity, this.territoryOf);
    this.shapes = new TerritoryShapes(layer.geometry);
    this.memo = new LazyMemo(U, MEMO_WIDTH);
    for (const t of plan.territories) this.addSlot(t);
    for (const [unitId, territoryId] of plan.assignments) {
      const u = layer.unitIndex.get(unitId);
      const t = this.slotOf.get(territoryId);
      if (u !== undefined && t !== undefined) this.territoryOf[u] = t;
    }
    this.recompute();
  }

  // ---- edits ----------------------------------------------------------------------------------

  /** Apply an edit's ops (as `applyOps` does to the plan) and update every metric incrementally. */
  apply(ops: readonly EditOp[]): void {
    let moved = 0;
    for (const op of ops) if (op.op === 'assign') moved += op.unitIds.length;
    const batch = moved > BATCH_UNITS;
    // Slots whose pieces a batch recounts, listed once each (a stamp per slot, not a Set: a lasso
    // adds two slots per moved unit).
    const recount: number[] = [];
    const epoch = ++this.recountEpoch;
    for (const op of ops) {
      if (op.op === 'territory') {
        this.applyTerritoryOp(op.before, op.after);
        continue;
      }
      if (op.op === 'lock' || op.op === 'region') continue; // locks and regions move nothing
      const to = op.to === null ? -1 : this.slotOf.get(op.to);
      if (to === undefined) throw new Error(`Territory "${op.to}" does not exist in this plan.`);
      for (const unitId of op.unitIds) {
        const u = this.layer.unitIndex.get(unitId);
        if (u === undefined) throw new Error(`Unit "${unitId}" is not in the units layer.`);
        const from = this.territoryOf[u]!;
        if (from === to) continue;
        if (batch) {
          if (from >= 0 && this.recountStamp[from] !== epoch) {
            this.recountStamp[from] = epoch;
            recount.push(from);
          }
          if (to >= 0 && this.recountStamp[to] !== epoch) {
            this.recountStamp[to] = epoch;
            recount.push(to);
          }
        }
        this.move(u, from, to, batch);
      }
    }
    for (const t of recount) {
      // A membership read before (an undo, a redo) has its piece count remembered.
      if (this.size[t] === 0) {
        this.piecesOf[t] = 0;
        continue;
      }
      this.memo.fingerprint(this.head[t]!, this.next);
      if (this.memo.recall(t, this.size[t]!, this.repOf[t]!, this.memoScratch, 0)) this.piecesOf[t] = this.memoScratch[M_PIECES]!;
      else this.piecesOf[t] = this.graph.pieces(t, this.head[t]!, this.next);
    }
  }

  private move(u: number, a: number, b: number, batch: boolean): void {
    const { F, layer } = this;
    const values = layer.values;
    const base = u * F;
    const fromTotals = a >= 0 ? a * F : -1;
    const toTotals = b >= 0 ? b * F : -1;
    for (let f = 0; f < F; f++) {
      const v = values[base + f]!;
      if (fromTotals >= 0) this.totals[fromTotals + f]! -= v;
      else this.unassigned[f]! -= v;
      if (toTotals >= 0) this.totals[toTotals + f]! += v;
      else this.unassigned[f]! += v;
    }

    const g = layer.geometry;
    const { start, unit, sharedKm } = g.adjacency;
    let sharedA = 0;
    let sharedB = 0;
    for (let i = start[u]!; i < start[u + 1]!; i++) {
      const t = this.territoryOf[unit[i]!];
      if (t === a) sharedA += sharedKm[i]!;
      else if (t === b) sharedB += sharedKm[i]!;
    }

    this.territoryOf[u] = -1;
    if (a >= 0) {
      this.area[a]! -= g.areaKm2[u]!;
      this.perim[a]! -= g.perimeterKm[u]! - 2 * sharedA;
      if (!batch) {
        const around = this.graph.neighboursIn(u, a, this.neighbourScratch);
        this.piecesOf[a]! += around.length === 0 ? -1 : this.graph.piecesAmong(a, around) - 1;
      }
      this.unlink(u, a);
      this.dirty[a] = 1;
      this.rowStale[a] = 1;
    }
    if (b >= 0) {
      this.area[b]! += g.areaKm2[u]!;
      this.perim[b]! += g.perimeterKm[u]! - 2 * sharedB;
      if (!batch) this.piecesOf[b]! += 1 - this.graph.piecesAmong(b, this.graph.neighboursIn(u, b, this.neighbourScratch));
      this.link(u, b);
      this.dirty[b] = 1;
      this.rowStale[b] = 1;
    }
    this.territoryOf[u] = b;

    this.driveState.move(u, a, a >= 0 && this.repOf[a]! >= 0, b, b >= 0 ? this.repOf[b]! : -1);
    if (a >= 0 && this.size[a] === 0) this.clearSlot(a);
  }

  private applyTerritoryOp(before: Territory | null, after: Territory | null): void {
    if (after) {
      const t = this.slotOf.get(after.id);
      if (t === undefined) {
        this.addSlot(after);
        return;
      }
      const repChanged = (this.slots[t]?.repId ?? null) !== after.repId;
      this.slots[t] = after;
      this.rowStale[t] = 1;
      this.repOf[t] = after.repId === null ? -1 : (this.layer.repIndex.get(after.repId) ?? -1);
      if (repChanged) this.recomputeDrive(t);
      return;
    }
    if (!before) return;
    const t = this.slotOf.get(before.id);
    if (t === undefined) return;
    if (this.size[t]! > 0) throw new Error(`Territory "${before.name}" still has units; unassign them first.`);
    this.slots[t] = null;
    this.slotOf.delete(before.id);
    this.rows[t] = undefined;
  }

  // ---- full recompute -------------------------------------------------------------------------

  /** Rebuild every metric from the current assignment (what loading a plan does). */
  recompute(): void {
    const { F, layer } = this;
    const U = layer.unitIds.length;
    this.size.fill(0);
    this.head.fill(-1);
    this.totals.fill(0);
    this.area.fill(0);
    this.perim.fill(0);
    this.piecesOf.fill(0);
    this.driveState.clear();
    this.memo.clear();
    this.dirty.fill(1);
    this.rowStale.fill(1);
    this.unassigned.fill(0);
    const g = layer.geometry;
    const { start, unit, sharedKm } = g.adjacency;
    const { values, targetStart } = layer;
    // Locals: the per-slot arrays are fields that grow() may replace, which blocks hoisting.
    const { territoryOf, totals, area, perim, unassigned } = this;
    const targetMin = this.driveState.targetMin;
    for (let u = U - 1; u >= 0; u--) {
      const t = territoryOf[u]!;
      const base = u * F;
      if (t < 0) {
        for (let f = 0; f < F; f++) unassigned[f]! += values[base + f]!;
        targetMin.fill(Number.NaN, targetStart[u]!, targetStart[u + 1]!);
        continue;
      }
      const tb = t * F;
      for (let f = 0; f < F; f++) totals[tb + f]! += values[base + f]!;
      area[t]! += g.areaKm2[u]!;
      let p = g.perimeterKm[u]!;
      for (let i = start[u]!; i < start[u + 1]!; i++) if (unit[i]! > u && territoryOf[unit[i]!] === t) p -= 2 * sharedKm[i]!;
      perim[t]! += p;
      this.link(u, t);
      this.driveState.move(u, -1, false, t, this.repOf[t]!);
    }
    for (let t = 0; t < this.cap; t++) if (this.slots[t]) this.piecesOf[t] = this.graph.pieces(t, this.head[t]!, this.next);
  }

  private recomputeDrive(t: number): void {
    this.driveState.clearSlot(t);
    for (let u = this.head[t]!; u >= 0; u = this.next[u]!) this.driveState.move(u, -1, false, t, this.repOf[t]!);
    this.dirty[t] = 1;
    this.rowStale[t] = 1;
  }

  // ---- membership -----------------------------------------------------------------------------

  private link(u: number, t: number): void {
    const h = this.head[t]!;
    this.next[u] = h;
    this.prev[u] = -1;
    if (h >= 0) this.prev[h] = u;
    this.head[t] = u;
    this.size[t]!++;
  }

  private unlink(u: number, t: number): void {
    const p = this.prev[u]!;
    const n = this.next[u]!;
    if (p >= 0) this.next[p] = n;
    else this.head[t] = n;
    if (n >= 0) this.prev[n] = p;
    this.next[u] = -1;
    this.prev[u] = -1;
    this.size[t]!--;
  }

  private *members(t: number): Generator<number> {
    for (let u = this.head[t]!; u >= 0; u = this.next[u]!) yield u;
  }

  private clearSlot(t: number): void {
    this.totals.fill(0, t * this.F, (t + 1) * this.F);
    this.area[t] = 0;
    this.perim[t] = 0;
    this.piecesOf[t] = 0;
  }

  private addSlot(territory: Territory): void {
    const t = this.slots.length;
    if (t >= this.cap) this.grow(Math.max(16, this.cap * 2));
    this.slots.push(territory);
    this.slotOf.set(territory.id, t);
    this.repOf[t] = territory.repId === null ? -1 : (this.layer.repIndex.get(territory.repId) ?? -1);
    this.head[t] = -1;
  }

  private grow(cap: number): void {
    const grow = <A extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: A, per: number): A => grown(a, cap * per);
    this.repOf = grow(this.repOf, 1);
    this.size = grow(this.size, 1);
    this.head = grow(this.head, 1);
    this.totals = grow(this.totals, this.F);
    this.area = grow(this.area, 1);
    this.perim = grow(this.perim, 1);
    this.piecesOf = grow(this.piecesOf, 1);
    this.dirty = grow(this.dirty, 1);
    this.rowStale = grow(this.rowStale, 1);
    this.recountStamp = grow(this.recountStamp, 1);
    this.cache = grow(this.cache, CACHE);
    this.driveState.grow(cap);
    this.memo.grow(cap);
    this.cap = cap;
  }

  // ---- lazy metrics ---------------------------------------------------------------------------

  /**
   * Refresh Reock, hull ratio, drive p90/max and island count of slot t if an edit touched it:
   * from the memo when the slot had this member set and rep before (an undo), else computed.
   */
  private refresh(t: number): void {
    if (!this.dirty[t]) return;
    this.dirty[t] = 0;
    const c = t * CACHE;
    this.cache.fill(Number.NaN, c, c + CACHE);
    if (this.size[t] === 0) {
      this.cache[c + C_ISLANDS] = 0;
      return;
    }
    const memo = this.memoScratch;
    this.memo.fingerprint(this.head[t]!, this.next);
    if (this.memo.recall(t, this.size[t]!, this.repOf[t]!, memo, 0)) {
      for (let i = 0; i < CACHE; i++) this.cache[c + i] = memo[i]!;
      return;
    }
    const { reock, hullRatio } = this.shapes.compactness(t, this.head[t]!, this.next, this.territoryOf, this.area[t]!);
    this.cache[c + C_REOCK] = reock;
    this.cache[c + C_HULL] = hullRatio;
    const { p90, max } = this.driveState.quantiles(t, this.head[t]!, this.next);
    this.cache[c + C_P90] = p90;
    this.cache[c + C_MAX] = max;
    this.cache[c + C_ISLANDS] = this.piecesOf[t]! > 1 ? this.size[t]! - this.mainPiece(t).length : 0;
    for (let i = 0; i < CACHE; i++) memo[i] = this.cache[c + i]!;
    memo[M_PIECES] = this.piecesOf[t]!;
    this.memo.store(t, this.size[t]!, this.repOf[t]!, memo, 0);
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Active territory slots in plan order. */
  private activeSlots(): number[] {
    const out: number[] = [];
    this.slots.forEach((s, t) => {
      if (s) out.push(t);
    });
    return out;
  }

  private target(t: number, f: number, means: Float64Array): number {
    const own = this.options.targets?.[this.slots[t]!.id]?.[this.layer.fields[f]!];
    return own ?? means[f]!;
  }

  private fieldMeans(active: readonly number[]): Float64Array {
    const means = new Float64Array(this.F);
    if (active.length === 0) return means;
    for (const t of active) for (let f = 0; f < this.F; f++) means[f]! += this.totals[t * this.F + f]!;
    for (let f = 0; f < this.F; f++) means[f]! /= active.length;
    return means;
  }

  /** Territory id of a unit, or null. */
  territoryOfUnit(unitId: string): string | null {
    const u = this.layer.unitIndex.get(unitId);
    const t = u === undefined ? -1 : this.territoryOf[u]!;
    return t >= 0 ? this.slots[t]!.id : null;
  }

  /**
   * The field means that default targets use. Kept from the previous read while the fresh ones
   * differ by no more than rounding (1e-12 relative: moving units between territories reorders the
   * float sums, it does not change the mean), so such edits leave untouched rows as they were; a
   * real change (units assigned from or to unassigned, a territory added or deleted) replaces them
   * and marks every row for rebuilding.
   */
  private currentMeans(active: readonly number[]): Float64Array {
    const fresh = this.fieldMeans(active);
    let same = active.length === this.meansOver;
    for (let f = 0; f < this.F && same; f++) {
      const a = fresh[f]!;
      const b = this.means[f]!;
      same = a === b || Math.abs(a - b) <= 1e-12 * Math.abs(a);
    }
    if (!same) {
      this.means = fresh;
      this.meansOver = active.length;
      this.rowStale.fill(1);
    }
    return this.means;
  }

  /**
   * Slot t's row: the previous object when no edit touched the slot, or when one did but every
   * value came out the same; otherwise a new object.
   */
  private row(t: number, means: Float64Array): TerritoryMetrics {
    const old = this.rows[t];
    if (old && !this.rowStale[t]) return old;
    const fresh = this.territoryMetrics(t, means);
    const row = old && sameValue(old, fresh) ? old : fresh;
    this.rows[t] = row;
    this.rowStale[t] = 0;
    return row;
  }

  /**
   * Metrics of every territory, in plan order. The array and its rows are those of report() (see
   * there for the identity guarantee): read them, do not mutate them.
   */
  territories(): TerritoryMetrics[] {
    return this.report().territories;
  }

  territory(territoryId: string): TerritoryMetrics {
    const t = this.slotOf.get(territoryId);
    if (t === undefined) throw new Error(`Territory "${territoryId}" does not exist in this plan.`);
    return this.row(t, this.currentMeans(this.activeSlots()));
  }

  /** Units outside the main piece of a territory (its islands / exclaves), sorted by id. */
  islands(territoryId: string): string[] {
    const t = this.slotOf.get(territoryId);
    if (t === undefined || this.size[t] === 0) return [];
    const main = new Set(this.mainPiece(t));
    return [...this.members(t)].filter((u) => !main.has(u)).map((u) => this.layer.unitIds[u]!).sort();
  }

  /**
   * The main piece: the one with the most units, ties broken by area. (By area alone, Alaska's
   * boroughs would outweigh a whole mainland territory and make every mainland unit an "island".)
   */
  private mainPiece(t: number): number[] {
    let best: number[] = [];
    let bestArea = -1;
    const areas = this.layer.geometry.areaKm2;
    this.graph.pieces(t, this.head[t]!, this.next, (units, size) => {
      if (size < best.length) return;
      let a = 0;
      for (let i = 0; i < size; i++) a += areas[units[i]!]!;
      if (size > best.length || a > bestArea) {
        best = Array.from(units.subarray(0, size));
        bestArea = a;
      }
    });
    return best;
  }

  private territoryMetrics(t: number, means: Float64Array): TerritoryMetrics {
    this.refresh(t);
    const { F, layer } = this;
    const territory = this.slots[t]!;
    const totals: Record<string, number> = {};
    const targets: Record<string, number> = {};
    for (let f = 0; f < F; f++) {
      totals[layer.fields[f]!] = this.totals[t * F + f]!;
      targets[layer.fields[f]!] = this.target(t, f, means);
    }
    const deviation: Record<string, number | null> = {};
    let weighted = 0;
    let weights = 0;
    for (const b of layer.balance) {
      const d = deviationPct(totals[b.field]!, targets[b.field]!);
      deviation[b.field] = d;
      if (d !== null) {
        weighted += d * (b.weight ?? 1);
        weights += b.weight ?? 1;
      }
    }
    const c = t * CACHE;
    const area = this.area[t]!;
    const perim = this.perim[t]!;
    return {
      id: territory.id,
      name: territory.name,
      repId: territory.repId,
      units: this.size[t]!,
      accounts: this.totals[t * F + 1]!,
      potential: this.totals[t * F + 2]!,
      areaKm2: area,
      perimeterKm: perim,
      totals,
      targets,
      deviationPct: deviation,
      compositeDeviationPct: weights > 0 ? weighted / weights : null,
      pieces: this.piecesOf[t]!,
      islandUnits: this.cache[c + C_ISLANDS]!,
      polsbyPopper: area > 0 && perim > 0 ? Math.min(1, (4 * Math.PI * area) / (perim * perim)) : null,
      reock: nan(this.cache[c + C_REOCK]!),
      convexHullRatio: nan(this.cache[c + C_HULL]!),
      driveMin: this.driveState.figures(t, this.cache[c + C_P90]!, this.cache[c + C_MAX]!),
    };
  }

  plan(territories: readonly TerritoryMetrics[] = this.territories()): PlanMetrics {
    const { layer } = this;
    const balance: PlanMetrics['balance'] = {};
    const maxAbs: Record<string, number> = {};
    for (const b of layer.balance) {
      const stats = balanceStats(
        territories.map((t) => t.totals[b.field]!),
        territories.map((t) => t.targets[b.field]!),
      );
      balance[b.field] = stats;
      maxAbs[b.field] = stats.maxAbsDeviationPct;
    }
    const unassignedTotals: Record<string, number> = {};
    layer.fields.forEach((f, i) => (unassignedTotals[f] = this.unassigned[i]!));
    return {
      balanceFields: layer.balance,
      balance,
      maxAbsDeviationPct: maxAbs,
      compositeMaxAbsDeviationPct: territories.reduce((m, t) => Math.max(m, Math.abs(t.compositeDeviationPct ?? 0)), 0),
      unassigned: {
        units: this.unassigned[0]!,
        accounts: this.unassigned[1]! + layer.orphanAccounts.count,
        potential: this.unassigned[2]! + layer.orphanAccounts.potential,
        totals: unassignedTotals,
      },
      nonContiguousTerritories: territories.filter((t) => t.pieces > 1).length,
      driveTimeProvider: layer.drive.label,
      driveSettings: layer.driveSettings,
    };
  }

  /**
   * Every territory's metrics and the plan's, current with every edit applied so far.
   *
   * Identity-stable, so that consumers memoizing by identity skip what did not change: a territory
   * whose metrics did not change in value since the previous report (or territory() read) is the
   * SAME TerritoryMetrics object as before; one that changed is a new object. The `territories`
   * array is the previous one when no row changed, the `plan` part the previous object when its
   * values are the same, and the report itself the previous one when nothing changed. A change of
   * the default targets (the field means: units assigned from or to unassigned, a territory added
   * or deleted) changes every row's targets and deviations, so every row is new then. Values are
   * always those of a fresh engine on the same plan (to float rounding). The objects are shared
   * between reports: read them, never mutate them.
   */
  report(): MetricsReport {
    const active = this.activeSlots();
    const means = this.currentMeans(active);
    const last = this.lastReport;
    let rowsChanged = !last || last.territories.length !== active.length;
    const rows = new Array<TerritoryMetrics>(active.length);
    for (let i = 0; i < active.length; i++) {
      rows[i] = this.row(active[i]!, means);
      if (!rowsChanged && rows[i] !== last!.territories[i]) rowsChanged = true;
    }
    let unassignedChanged = false;
    for (let f = 0; f < this.F; f++) if (this.unassigned[f] !== this.lastUnassigned[f]) unassignedChanged = true;
    if (last && !rowsChanged && !unassignedChanged) return last;
    const territories = rowsChanged ? rows : last!.territories;
    const fresh = this.plan(territories);
    const plan = last && sameValue(last.plan, fresh) ? last.plan : fresh;
    this.lastUnassigned = this.unassigned.slice();
    this.lastReport = { territories, plan };
    return this.lastReport;
  }
}

/** Lazy figures are NaN in the cache where there is none; the report says null. */
const nan = (v: number): number | null => (Number.isNaN(v) ? null : v);

const CACHE = 5;
const C_REOCK = 0;
const C_HULL = 1;
const C_P90 = 2;
const C_MAX = 3;
const C_ISLANDS = 4;
/** A memo entry: the CACHE lazy figures, then the piece count. */
const M_PIECES = CACHE;
const MEMO_WIDTH = CACHE + 1;
