/**
 * The territory panel's table and warnings, derived from the metrics engine's report (pure, so
 * tests can check them without a browser). Deviations are signed percentages of the target
 * (+10 = 10 % above); the tolerance is a percentage too.
 */
import type { TerritoryMetrics } from '../metrics/types.ts';

export type SortKey = 'name' | 'units' | 'accounts' | 'potential' | 'deviation' | 'pieces' | 'polsbyPopper' | 'driveMean';

export interface SortState {
  key: SortKey;
  descending: boolean;
}

/** The value a column sorts by; null sorts last whatever the direction. */
export function sortValue(t: TerritoryMetrics, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return t.name.toLocaleLowerCase();
    case 'deviation':
      return t.compositeDeviationPct;
    case 'driveMean':
      return t.driveMin.mean;
    default:
      return t[key];
  }
}

/** Territories sorted by a column (stable: ties keep the engine's plan order). */
export function sortTerritories(rows: readonly TerritoryMetrics[], sort: SortState): TerritoryMetrics[] {
  const dir = sort.descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c = typeof a.v === 'string' ? a.v.localeCompare(b.v as string) : a.v - (b.v as number);
      return c !== 0 ? c * dir : a.i - b.i;
    })
    .map((x) => x.row);
}

/** Clicking a header: a new column starts descending (names ascending); the same column flips. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'name' };
}

export type WarningKind = 'over' | 'under' | 'pieces' | 'drive' | 'compactness';

export interface PlanWarning {
  kind: WarningKind;
  territoryId: string;
  /** Plain-language text for the panel. */
  message: string;
}

/**
 * Warnings worth a planner's attention: territories outside the tolerance band, territories in
 * several pieces, and statistical outliers (Tukey's fences, 1.5 x IQR, with at least 4
 * territories) of mean drive minutes (too far) and Polsby-Popper (too stretched).
 */
export function planWarnings(rows: readonly TerritoryMetrics[], tolerancePct: number): PlanWarning[] {
  const out: PlanWarning[] = [];
  for (const t of rows) {
    const d = t.compositeDeviationPct;
    if (d !== null && Math.abs(d) > tolerancePct) {
      out.push({
        kind: d > 0 ? 'over' : 'under',
        territoryId: t.id,
        message: `${t.name} is ${Math.abs(d).toFixed(1)}% ${d > 0 ? 'above' : 'below'} target (tolerance ±${tolerancePct}%)`,
      });
    }
  }
  for (const t of rows) {
    if (t.pieces > 1) {
      const units = t.islandUnits === 1 ? '1 unit' : `${t.islandUnits} units`;
      out.push({ kind: 'pieces', territoryId: t.id, message: `${t.name} is in ${t.pieces} pieces: ${units} cut off from the main part` });
    }
  }
  const drive = fences(rows.map((t) => t.driveMin.mean));
  const pp = fences(rows.map((t) => t.polsbyPopper));
  for (const t of rows) {
    if (drive && t.driveMin.mean !== null && t.driveMin.mean > drive.high) {
      out.push({ kind: 'drive', territoryId: t.id, message: `${t.name}: mean drive ${Math.round(t.driveMin.mean)} min is far above the others` });
    }
    if (pp && t.polsbyPopper !== null && t.polsbyPopper < pp.low) {
      out.push({ kind: 'compactness', territoryId: t.id, message: `${t.name} is unusually stretched (Polsby-Popper ${t.polsbyPopper.toFixed(2)})` });
    }
  }
  return out;
}

/** Tukey's fences of the non-null values, or null with fewer than 4 of them. */
export function fences(values: readonly (number | null)[]): { low: number; high: number } | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length < 4) return null;
  const q = (p: number) => {
    const x = p * (v.length - 1);
    const i = Math.floor(x);
    return v[i]! + (v[Math.min(i + 1, v.length - 1)]! - v[i]!) * (x - i);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  return { low: q1 - 1.5 * (q3 - q1), high: q3 + 1.5 * (q3 - q1) };
}
