/**
 * The map following the plan by itself: it subscribes to the PlanStore's plan changes, so an edit
 * re-renders the map (whose layers then refresh only the changed units' colours and border
 * widths, see unit-colours.ts) without re-rendering the Workspace, the sidebar or the overlays
 * (passed in as `children`, the same elements from render to render).
 */
import type { PlanStore } from '../state/plan-store.ts';
import type { LiveMetrics } from '../state/live-metrics.ts';
import { usePlanChanges } from '../state/use-project.ts';
import { TerritoryMap, type TerritoryMapProps } from './TerritoryMap.tsx';
import { usePlanColouring, type ColourModeState } from './use-map-colouring.ts';

export interface LiveTerritoryMapProps extends Omit<TerritoryMapProps, 'plan' | 'planVersion' | 'colouring'> {
  store: PlanStore;
  live: LiveMetrics;
  /** Names the balance setting: see usePlanInsights. */
  balanceKey: string;
  colourMode: ColourModeState;
}

export function LiveTerritoryMap({ store, live, balanceKey, colourMode, ...rest }: LiveTerritoryMapProps) {
  const planVersion = usePlanChanges(store);
  const colouring = usePlanColouring(colourMode, live.reportFor(planVersion, balanceKey));
  return <TerritoryMap {...rest} plan={store.plan} planVersion={planVersion} colouring={colouring} />;
}
