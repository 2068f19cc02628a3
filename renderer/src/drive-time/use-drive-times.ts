/**
 * Road-network minutes for the live metrics: asked of main once per project load (main computes
 * them in worker threads and caches them per road graph and rep homes), then installed into the
 * metrics engine as its drive provider, so every later edit only looks minutes up.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { DriveTimes } from '../../../shared/model/drive-time.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { LiveMetrics } from '../state/live-metrics.ts';
import { networkProviderFactory } from './network-provider.ts';

export interface DriveTimesState {
  /** null while main is computing. */
  times: DriveTimes | null;
  /** Why network times could not be had (the estimate stays in use). */
  failed: string | null;
}

export function useDriveTimes(api: ApiClient, data: MapData): DriveTimesState {
  const [state, setState] = useState<DriveTimesState>({ times: null, failed: null });
  useEffect(() => {
    let cancelled = false;
    setState({ times: null, failed: null });
    api.getDriveTimes({}).then(
      (times) => !cancelled && setState({ times, failed: null }),
      (error: unknown) => !cancelled && setState({ times: null, failed: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, data]);
  return state;
}

/**
 * Install network minutes (or the estimate) into the live metrics; returns a key that changes
 * whenever the drive source did, for the report's memo.
 */
export function useDriveProvider(live: LiveMetrics, data: MapData, times: DriveTimes | null): string {
  return useMemo(() => {
    if (times?.source !== 'network') return 'estimate';
    try {
      live.setDriveProvider(networkProviderFactory(times, data.reps, live.layer.driveSettings));
      return `network:${times.networkLabel}:${times.targetCount}`;
    } catch {
      // the matrix does not fit these targets (the project changed meanwhile): keep the estimate
      live.setDriveProvider(undefined);
      return 'estimate';
    }
  }, [live, data, times]);
}

/** "(312 of 6,217 accounts use the estimate: far from roads)" for the panel footer; undefined without network times. */
export function fallbackNote(times: DriveTimes | null): string | undefined {
  if (times?.source !== 'network' || times.fallbackTargets === 0) return undefined;
  const what = times.targetKind === 'accounts' ? 'accounts' : 'units';
  return `(${times.fallbackTargets.toLocaleString('en-US')} of ${times.targetCount.toLocaleString('en-US')} ${what} use the estimate: far from the roads or on a network island.)`;
}
