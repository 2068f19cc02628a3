/**
 * The map image export following the plan by itself (like LiveTerritoryMap): the print source
 * and the CLI's page hook always hold the current plan version and its fill scale, though the
 * Workspace no longer re-renders on an edit. Closed, a re-render is a few object spreads.
 */
import { useLivePlanColouring, type LivePlanColouring } from '../map/use-map-colouring.ts';
import { MapExport, type MapExportProps } from './MapExport.tsx';

export type LiveMapExportProps = Omit<MapExportProps, 'plan' | 'planVersion' | 'fillScale'> & LivePlanColouring;

export function LiveMapExport({ store, live, balanceKey, colourMode, ...rest }: LiveMapExportProps) {
  const { planVersion, colouring } = useLivePlanColouring({ store, live, balanceKey, colourMode });
  return <MapExport {...rest} plan={store.plan} planVersion={planVersion} fillScale={colouring.scale} />;
}
