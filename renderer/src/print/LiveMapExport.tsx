/**
 * The map image export following the plan by itself (like LiveTerritoryMap): the print source
 * and the CLI's page hook always hold the current plan version and its fill scale, though the
 * Workspace no longer re-renders on an edit. Closed, a re-render is a few object spreads.
 */
import type { PlanStore } from '../state/plan-store.ts';
import type { LiveMetrics } from '../state/live-metrics.ts';
import { usePlanChanges } from '../state/use-project.ts';
import { usePlanColouring, type ColourModeState } from '../map/use-map-colouring.ts';
import { MapExport, type MapExportProps } from './MapExport.tsx';

export interface LiveMapExportProps extends Omit<MapExportProps, 'plan' | 'planVersion' | 'fillScale'> {
  store: PlanStore;
  live: LiveMetrics;
  /** Names the balance setting: see usePlanInsights. */
  balanceKey: string;
  colourMode: ColourModeState;
}

export function LiveMapExport({ store, live, balanceKey, colourMode, ...rest }: LiveMapExportProps) {
  const planVersion = usePlanChanges(store);
  const colouring = usePlanColouring(colourMode, live.reportFor(planVersion, balanceKey));
  return <MapExport {...rest} plan={store.plan} planVersion={planVersion} fillScale={colouring.scale} />;
}
