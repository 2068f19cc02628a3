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
  const own = rows.map((t) => ownWarnings(t, tolerancePct));
  for (const w of own) if (w.deviation) out.push(w.deviation);
  for (const w of own) if (w.pieces) out.push(w.pieces);
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

interface OwnWarnings {
  tolerancePct: number;
  deviation: PlanWarning | null;
  pieces: PlanWarning | null;
}

/**
 * The warnings a row gives by itself, remembered per row object: the metrics report hands back
 * the same row for a territory an edit did not touch, so an edit formats only its rows' messages
 * (a 500-territory plan has a message for nearly every row) and the rest keep their objects.
 */
const ownWarningsOf = new WeakMap<TerritoryMetrics, OwnWarnings>();

function ownWarnings(t: TerritoryMetrics, tolerancePct: number): OwnWarnings {
  const known = ownWarningsOf.get(t);
  if (known?.tolerancePct === tolerancePct) return known;
  const d = t.compositeDeviationPct;
  const w: OwnWarnings = {
    tolerancePct,
    deviation:
      d !== null && Math.abs(d) > tolerancePct
        ? {
            kind: d > 0 ? 'over' : 'under',
            territoryId: t.id,
            message: `${t.name} is ${Math.abs(d).toFixed(1)}% ${d > 0 ? 'above' : 'below'} target (tolerance ±${tolerancePct}%)`,
          }
        : null,
    pieces:
      t.pieces > 1
        ? { kind: 'pieces', territoryId: t.id, message: `${t.name} is in ${t.pieces} pieces: ${t.islandUnits === 1 ? '1 unit' : `${t.islandUnits} units`} cut off from the main part` }
        : null,
  };
  ownWarningsOf.set(t, w);
  return w;
}

/** Tukey's fences of the non-null values, or null with fewer than 4 of them. */
export function fences(values: readonly (number | null)[]): { low: number; high: number } | null {
  // A typed array sorts numerically without a comparator call per step: it runs on every edit.
  const v = Float64Array.from(values.filter((x): x is number => x !== null && Number.isFinite(x))).sort();
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
