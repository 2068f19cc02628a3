/**
 * The live metrics' drive-time provider when the project has a road network: minutes looked up in
 * the rep x target matrix main computed once per load (getDriveTimes), the straight-line estimate
 * wherever the network cannot answer — the same combination, and the same label, as
 * `tessera metrics` (main/services/metrics-input.ts driveProviderFor), so the panel and the CLI agree.
 */
import { circuityEstimate, type DriveTargets, type DriveTimeProviderFactory, type DriveTimeSettings } from '../../../shared/metrics/drive-time.ts';
import type { DriveTimes } from '../../../shared/model/drive-time.ts';
import type { Rep } from '../../../shared/model/project.ts';
import { withFallback, type TravelTimeProvider } from '../../../shared/routing/matrix.ts';

type NetworkTimes = Extract<DriveTimes, { source: 'network' }>;

/**
 * A provider factory over the shipped matrix, for origins in `reps` order. Undefined when the
 * matrix does not fit the layer (another target count: the project changed underneath), so the
 * caller keeps the estimate rather than show wrong minutes.
 */
export function networkProviderFactory(times: NetworkTimes, reps: readonly Rep[], settings: DriveTimeSettings): DriveTimeProviderFactory | undefined {
  const minutes = decodeMinutes(times.minutesBase64);
  const row = new Map(times.repIds.map((id, r) => [id, r]));
  const rows = reps.map((r) => row.get(r.id) ?? -1);
  const nt = times.targetCount;
  const lookup = (_origins: Float64Array, targets: DriveTargets): TravelTimeProvider => ({
    label: times.networkLabel,
    minutes: (o, t) => {
      const r = rows[o]!;
      return r < 0 ? NaN : minutes[r * nt + t]!;
    },
    fill: (o, start, end, out) => {
      const r = rows[o]!;
      for (let t = start; t < end; t++) out[t] = r < 0 || t >= targets.count ? NaN : minutes[r * nt + t]!;
    },
  });
  const combined = withFallback(lookup, circuityEstimate(settings));
  return (origins, targets) => {
    if (targets.count !== nt) throw new Error(`drive-time matrix has ${nt} targets, the layer ${targets.count}`);
    return combined(origins, targets);
  };
}

/** "network" / "estimate" and the words the panel shows about it. */
export function driveSourceNote(times: DriveTimes | null, failed: string | null): { source: 'network' | 'estimate' | 'computing'; text: string } {
  if (failed) return { source: 'estimate', text: `Network drive times failed (${failed}); the straight-line estimate is used.` };
  if (!times) return { source: 'computing', text: 'Computing road-network drive times…' };
  if (times.source === 'estimate') return { source: 'estimate', text: times.reason };
  const what = times.targetKind === 'accounts' ? 'accounts' : 'units';
  const parts = [`Road-network drive times from each rep's home to each of ${times.targetCount.toLocaleString('en-US')} ${what}.`];
  if (times.fallbackTargets > 0) {
    parts.push(`${times.fallbackTargets.toLocaleString('en-US')} of them are far from the roads or on a network island: the straight-line estimate is used there.`);
  }
  if (times.farReps.length > 0) {
    const reps = times.farReps.length > 4 ? `${times.farReps.slice(0, 4).join(', ')} and ${times.farReps.length - 4} more` : times.farReps.join(', ');
    parts.push(`${times.farReps.length === 1 ? 'Rep' : `${times.farReps.length} reps`} (${reps}) live far from every road: their territories use the estimate.`);
  }
  return { source: 'network', text: parts.join(' ') };
}

/** DriveTimes.minutesBase64 -> the Float32Array main encoded (little-endian, as every platform Tessera runs on). */
export function decodeMinutes(base64: string): Float32Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
