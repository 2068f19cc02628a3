/**
 * Everything the Workspace mounts for drive time: the map layers of the drawn drive-time areas
 * and the "Drive time" card (see DriveTimePanel.tsx). The network minutes themselves reach the
 * live metrics through usePlanInsights (use-drive-times.ts).
 */
import { useEffect, useMemo, type ReactNode, type RefObject } from 'react';
import type { Layer } from '@deck.gl/core';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { MapApi } from '../map/TerritoryMap.tsx';
import type { LiveMetrics } from '../state/live-metrics.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { driveAreaLayers } from './drive-area-layers.ts';
import { connectDriveTimeHook } from './drive-time-hook.ts';
import { DriveTimePanel, type DriveTimePanelProps } from './DriveTimePanel.tsx';
import { usePlanChanges } from '../state/use-project.ts';
import { driveSourceNote } from './network-provider.ts';
import { useDriveAreas } from './use-drive-areas.ts';
import type { DriveTimesState } from './use-drive-times.ts';

export interface DriveTimeInputs {
  api: ApiClient;
  data: MapData;
  store: PlanStore;
  driveTimes: DriveTimesState;
  live: LiveMetrics;
  mapApiRef: RefObject<MapApi | null>;
  dark: boolean;
}

export function useDriveTime({ api, data, store, driveTimes, live, mapApiRef, dark }: DriveTimeInputs): { layers: Layer[]; overlay: ReactNode } {
  const areas = useDriveAreas(api);
  const layers = useMemo(() => driveAreaLayers(areas.areas, dark), [areas.areas, dark]);

  useEffect(() => {
    const times = driveTimes.times;
    connectDriveTimeHook({
      source: driveSourceNote(times, driveTimes.failed).source,
      fallbackTargets: times?.source === 'network' ? times.fallbackTargets : 0,
      bands: areas.areas?.collection.features.map((f) => f.properties.minutes) ?? [],
      layerIds: layers.map((l) => l.id),
    });
  }, [driveTimes, areas.areas, layers]);

  const overlay = (
    <PlanDriveTimePanel
      store={store}
      api={api}
      times={driveTimes.times}
      failed={driveTimes.failed}
      areas={areas}
      reps={data.reps}
      layer={live.layer}
      mapApiRef={mapApiRef}
      dark={dark}
      projectName={data.projectName}
    />
  );
  return { layers, overlay };
}

/** The card follows the plan itself (its "within N minutes" check), so an edit does not re-render the Workspace. */
function PlanDriveTimePanel({ store, ...props }: Omit<DriveTimePanelProps, 'plan' | 'planVersion'> & { store: PlanStore }) {
  const planVersion = usePlanChanges(store);
  return <DriveTimePanel {...props} plan={store.plan} planVersion={planVersion} />;
}
