/**
 * The map following the plan by itself: it subscribes to the PlanStore's plan changes, so an edit
 * re-renders the map (whose layers then refresh only the changed units' colours and border
 * widths, see unit-colours.ts) without re-rendering the Workspace, the sidebar or the overlays
 * (passed in as `children`, the same elements from render to render).
 */
import { useEffect } from 'react';
import { TerritoryMap, type TerritoryMapProps } from './TerritoryMap.tsx';
import { testHook } from '../test-hook.ts';
import { useLivePlanColouring, type LivePlanColouring } from './use-map-colouring.ts';

export type LiveTerritoryMapProps = Omit<TerritoryMapProps, 'plan' | 'planVersion' | 'structureVersion' | 'colouring'> & LivePlanColouring;

export function LiveTerritoryMap({ store, live, balanceKey, colourMode, ...rest }: LiveTerritoryMapProps) {
  const { planVersion, colouring } = useLivePlanColouring({ store, live, balanceKey, colourMode });
  useEffect(() => testHook.saves(() => store.whenSaved()), [store]);
  return <TerritoryMap {...rest} plan={store.plan} planVersion={planVersion} structureVersion={store.structureVersion} colouring={colouring} />;
}
