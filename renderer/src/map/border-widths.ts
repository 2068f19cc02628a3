/**
 * Width of every territory-border arc (border-arcs.ts): 0 between two units of the same territory,
 * BORDER_PX between different ones. Per plan version only the arcs of units that changed territory
 * are re-evaluated, and the border layer re-uploads only those rows (row-changes.ts).
 */
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { BorderArcs } from './border-arcs.ts';
import type { UnitGeometry } from './unit-geometry.ts';
import { fillRows, planFollower } from './unit-colours.ts';
import type { PlanFollower } from './plan-follower.ts';
import { RowChangeLog, rowsToRanges } from './row-changes.ts';

export const BORDER_PX = 1.8;

interface ArcIndex {
  left: Int32Array;
  right: Int32Array;
  /** Arcs of unit u: arcs[arcStart[u]] … arcs[arcStart[u + 1] - 1]. */
  arcStart: Int32Array;
  arcs: Int32Array;
}

const arcIndexCache = new WeakMap<BorderArcs, ArcIndex>();

function arcIndex(geometry: UnitGeometry, borders: BorderArcs): ArcIndex {
  let index = arcIndexCache.get(borders);
  if (index) return index;
  const ids = fillRows(geometry).ids;
  const unitOf = new Map(ids.map((id, u) => [id, u]));
  const n = borders.paths.length;
  const left = Int32Array.from(borders.left, (id) => unitOf.get(id) ?? -1);
  const right = Int32Array.from(borders.right, (id) => unitOf.get(id) ?? -1);
  const arcStart = new Int32Array(ids.length + 1);
  for (let a = 0; a < n; a++) for (const u of [left[a]!, right[a]!]) if (u >= 0) arcStart[u + 1]! += 1;
  for (let u = 0; u < ids.length; u++) arcStart[u + 1]! += arcStart[u]!;
  const fill = arcStart.slice(0, ids.length);
  const arcs = new Int32Array(arcStart[ids.length]!);
  for (let a = 0; a < n; a++) for (const u of [left[a]!, right[a]!]) if (u >= 0) arcs[fill[u]!++] = a;
  index = { left, right, arcStart, arcs };
  arcIndexCache.set(borders, index);
  return index;
}

export class BorderWidths {
  readonly widths: Float32Array;
  readonly changes = new RowChangeLog();
  private planVersion = Number.NaN;

  constructor(
    private readonly index: ArcIndex,
    private readonly follower: PlanFollower,
  ) {
    this.widths = new Float32Array(index.left.length);
  }

  /** Bring the widths to this plan version; returns the change log's revision. */
  sync(planVersion: number): number {
    if (planVersion === this.planVersion) return this.changes.revision;
    this.follower.sync(planVersion);
    const moved = Number.isNaN(this.planVersion) ? null : this.follower.changedSince(this.planVersion);
    this.planVersion = planVersion;
    if (!moved) {
      for (let a = 0; a < this.widths.length; a++) this.update(a);
      this.changes.record(null);
      return this.changes.revision;
    }
    const changed: number[] = [];
    const { arcStart, arcs } = this.index;
    for (const u of moved) for (let k = arcStart[u]!; k < arcStart[u + 1]!; k++) if (this.update(arcs[k]!)) changed.push(arcs[k]!);
    // A typed array sorts natively: a comparator call per step took 3-5 ms for a lasso's ~15,000 arcs.
    this.changes.record(rowsToRanges(Int32Array.from(changed).sort()));
    return this.changes.revision;
  }

  /** Recompute arc a's width; true when it changed. */
  private update(a: number): boolean {
    const { left, right } = this.index;
    const territoryOf = this.follower.territoryOf;
    const l = left[a]!;
    const r = right[a]!;
    const width = l >= 0 && r >= 0 && territoryOf[l] === territoryOf[r] ? 0 : BORDER_PX;
    if (this.widths[a] === width) return false;
    this.widths[a] = width;
    return true;
  }
}

const widthCache = new WeakMap<PlanState, WeakMap<BorderArcs, BorderWidths>>();

export function borderWidths(geometry: UnitGeometry, borders: BorderArcs, plan: PlanState): BorderWidths {
  let byBorders = widthCache.get(plan);
  if (!byBorders) widthCache.set(plan, (byBorders = new WeakMap()));
  let widths = byBorders.get(borders);
  if (!widths) byBorders.set(borders, (widths = new BorderWidths(arcIndex(geometry, borders), planFollower(geometry, plan))));
  return widths;
}
