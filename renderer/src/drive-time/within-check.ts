/**
 * "Within N minutes of the rep" per territory, from the live metrics' drive provider (network
 * minutes, the estimate where the network cannot answer): how many of a territory's drive targets
 * (accounts, or unit points) lie beyond N minutes of its rep's home.
 */
import type { MetricsLayer } from '../../../shared/metrics/index.ts';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';

export interface WithinRow {
  territoryId: string;
  name: string;
  targets: number;
  beyond: number;
}

export function withinCheck(layer: MetricsLayer, plan: PlanState, limitMinutes: number): WithinRow[] {
  const rows = new Map<string, WithinRow & { rep: number }>();
  for (const t of plan.territories.values()) {
    const rep = t.repId === null ? undefined : layer.repIndex.get(t.repId);
    if (rep !== undefined) rows.set(t.id, { territoryId: t.id, name: t.name, targets: 0, beyond: 0, rep });
  }
  for (const [unitId, territoryId] of plan.assignments) {
    const row = rows.get(territoryId);
    const u = layer.unitIndex.get(unitId);
    if (!row || u === undefined) continue;
    for (let k = layer.targetStart[u]!; k < layer.targetStart[u + 1]!; k++) {
      row.targets++;
      if (!(layer.drive.minutes(row.rep, k) <= limitMinutes)) row.beyond++;
    }
  }
  return [...rows.values()].map(({ rep: _rep, ...row }) => row).sort((a, b) => b.beyond / Math.max(1, b.targets) - a.beyond / Math.max(1, a.targets));
}
