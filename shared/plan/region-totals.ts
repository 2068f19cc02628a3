/**
 * Region totals for the panel: each region's units, accounts and potential are the sums of its
 * territories' figures, and its target on each balance field is the sum of their targets, so a
 * region's deviation is (total − target) / target — not a mean of the territories' percentages.
 */
import type { Region, Territory } from '../model/project.ts';
import type { BalanceField, TerritoryMetrics } from '../metrics/types.ts';

export interface RegionTotals {
  /** null: the territories in no region. */
  region: Region | null;
  territoryIds: string[];
  units: number;
  accounts: number;
  potential: number;
  /** Per balance field: sum of totals and sum of targets. */
  totals: Record<string, number>;
  targets: Record<string, number>;
  /** Per balance field, %; null where the target is 0. */
  deviationPct: Record<string, number | null>;
  /** Weighted mean of the fields' deviations (weights as in the plan), %; null when none has a target. */
  compositeDeviationPct: number | null;
}

/**
 * Totals per region, in the order of `regions`, then one row (region null) for territories in no
 * region when there are any and at least one region exists. Territories without metrics count as empty.
 */
export function regionTotals(
  regions: readonly Region[],
  territories: readonly Territory[],
  rows: readonly TerritoryMetrics[],
  balance: readonly BalanceField[],
): RegionTotals[] {
  if (regions.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const known = new Set(regions.map((r) => r.id));
  const members = new Map<string | null, string[]>([...regions.map((r) => [r.id, []] as [string, string[]]), [null, []]]);
  for (const t of territories) members.get(t.regionId && known.has(t.regionId) ? t.regionId : null)!.push(t.id);
  const result = regions.map((region) => sum(region, members.get(region.id)!, byId, balance));
  const loose = members.get(null)!;
  if (loose.length) result.push(sum(null, loose, byId, balance));
  return result;
}

function sum(region: Region | null, territoryIds: string[], byId: Map<string, TerritoryMetrics>, balance: readonly BalanceField[]): RegionTotals {
  const out: RegionTotals = {
    region, territoryIds, units: 0, accounts: 0, potential: 0, totals: {}, targets: {}, deviationPct: {}, compositeDeviationPct: null,
  };
  for (const b of balance) {
    out.totals[b.field] = 0;
    out.targets[b.field] = 0;
  }
  for (const id of territoryIds) {
    const m = byId.get(id);
    if (!m) continue;
    out.units += m.units;
    out.accounts += m.accounts;
    out.potential += m.potential;
    for (const b of balance) {
      out.totals[b.field]! += m.totals[b.field] ?? 0;
      out.targets[b.field]! += m.targets[b.field] ?? 0;
    }
  }
  let weighted = 0;
  let weights = 0;
  for (const b of balance) {
    const target = out.targets[b.field]!;
    const pct = target > 0 ? ((out.totals[b.field]! - target) / target) * 100 : null;
    out.deviationPct[b.field] = pct;
    if (pct !== null) {
      const w = b.weight ?? 1;
      weighted += w * pct;
      weights += w;
    }
  }
  out.compositeDeviationPct = weights > 0 ? weighted / weights : null;
  return out;
}
