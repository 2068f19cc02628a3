/**
 * The territory panel following the plan by itself: it subscribes to the PlanStore's plan changes
 * and reads the report of each plan version from the live metrics, so an edit re-renders the panel
 * (and, in it, only the changed rows and bars: MetricsTable / DeviationChart are memoized) without
 * re-rendering the Workspace around it.
 */
import type { PlanStore } from '../state/plan-store.ts';
import type { LiveMetrics } from '../state/live-metrics.ts';
import { usePlanChanges } from '../state/use-project.ts';
import { useMetricsReport } from '../state/use-metrics.ts';
import { TerritoryPanel, type TerritoryPanelProps } from './TerritoryPanel.tsx';

export interface LiveTerritoryPanelProps extends Omit<TerritoryPanelProps, 'report' | 'regions'> {
  store: PlanStore;
  live: LiveMetrics;
  /** Names the balance setting: see usePlanInsights. */
  balanceKey: string;
}

export function LiveTerritoryPanel({ store, live, balanceKey, ...rest }: LiveTerritoryPanelProps) {
  const planVersion = usePlanChanges(store);
  const report = useMetricsReport(live, planVersion, balanceKey);
  return <TerritoryPanel {...rest} report={report} regions={store.plan.regions} />;
}
