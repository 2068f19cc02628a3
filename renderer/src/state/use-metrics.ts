/** The live metrics of the open plan: one engine per loaded project, a report per plan version. */
import { useEffect, useMemo } from 'react';
import type { MapData } from '../../../shared/model/project.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { LiveMetrics } from './live-metrics.ts';
import type { PlanStore } from './plan-store.ts';
import { testHook } from '../test-hook.ts';

export function useLiveMetrics(data: MapData, store: PlanStore): LiveMetrics {
  const live = useMemo(() => new LiveMetrics(data, store), [data, store]);
  useEffect(() => live.attach(), [live]);
  return live;
}

/** `balanceKey` names the balance setting, so changing it re-reads the report. */
export function useMetricsReport(live: LiveMetrics, planVersion: number, balanceKey: string): MetricsReport {
  // The engine follows the plan in place; planVersion and balanceKey say which report this is.
  const report = live.reportFor(planVersion, balanceKey);
  useEffect(() => testHook.metrics(planVersion, live.lastMetricsMs, live.rebuilds), [report, live, planVersion]);
  return report;
}
