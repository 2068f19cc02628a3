/**
 * Many-to-many drive times on the road network: one bounded Dijkstra per origin (rep home), each
 * target (unit point, account) looked up on its snapped road piece. Also the provider shape the
 * metrics engine asks for (`minutes(origin, target)`, NaN when the network cannot answer), so
 * network times can replace the straight-line estimate without touching the metrics.
 */
import type { RoutingNetwork } from './network.ts';
import { alongSamePiece, type Snap } from './snap.ts';

export interface TravelTimeMatrix {
  origins: number;
  targets: number;
  /** Minutes from origin o to target t at [o * targets + t]; NaN when unreachable or not snapped. */
  minutes: Float32Array;
  /** Origins / targets farther than the snap distance from every road (the network cannot answer for them). */
  farOrigins: number[];
  farTargets: number[];
}

export interface MatrixOptions {
  /** Stop each search at this many minutes; farther targets get NaN. */
  maxMinutes?: number;
  /** Called after each origin with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Drive minutes from every origin to every target. Points are lon/lat degrees, flat
 * ([lon0, lat0, lon1, lat1, ...]).
 */
export function travelTimeMatrix(net: RoutingNetwork, origins: Float64Array, targets: Float64Array, options: MatrixOptions = {}): TravelTimeMatrix {
  const g = net.graph;
  const no = origins.length >> 1;
  const nt = targets.length >> 1;
  const minutes = new Float32Array(no * nt).fill(NaN);
  const offMps = net.offRoadKmh / 3.6;
  const limit = (options.maxMinutes ?? Infinity) * 60;

  // targets as flat arrays: the nodes at both ends, the seconds from each end along the piece, the off-road leg
  const tA = new Int32Array(nt).fill(-1);
  const tB = new Int32Array(nt).fill(-1);
  const tFromA = new Float64Array(nt).fill(Infinity);
  const tFromB = new Float64Array(nt).fill(Infinity);
  const tOff = new Float64Array(nt);
  const tSnap: (Snap | null)[] = [];
  const farTargets: number[] = [];
  const bySegment = new Map<number, number[]>();
  for (let t = 0; t < nt; t++) {
    const s = net.snap(targets[2 * t]!, targets[2 * t + 1]!);
    tSnap.push(s);
    if (!s) {
      farTargets.push(t);
      continue;
    }
    tA[t] = s.a;
    tB[t] = s.b;
    if (s.forward >= 0) tFromA[t] = s.fraction * g.seconds[s.forward]!;
    if (s.backward >= 0) tFromB[t] = (1 - s.fraction) * g.seconds[s.backward]!;
    tOff[t] = s.distanceM / offMps;
    const list = bySegment.get(s.segment);
    if (list) list.push(t);
    else bySegment.set(s.segment, [t]);
  }

  const farOrigins: number[] = [];
  for (let o = 0; o < no; o++) {
    const from = net.snap(origins[2 * o]!, origins[2 * o + 1]!);
    if (!from) {
      farOrigins.push(o);
      options.onProgress?.(o + 1, no);
      continue;
    }
    const ws = net.search(from, limit);
    const row = o * nt;
    for (let t = 0; t < nt; t++) {
      const a = tA[t]!;
      if (a < 0) continue;
      const viaA = ws.timeOf(a) + tFromA[t]!;
      const viaB = ws.timeOf(tB[t]!) + tFromB[t]!;
      const s = (viaA < viaB ? viaA : viaB) + tOff[t]!;
      if (s <= limit && s < Infinity) minutes[row + t] = s / 60;
    }
    // a target on the origin's own road piece may be reached without passing either end
    for (const t of bySegment.get(from.segment) ?? []) {
      const s = alongSamePiece(g, from, tSnap[t]!, net.offRoadKmh);
      if (s <= limit && s < Infinity && !(minutes[row + t]! <= s / 60)) minutes[row + t] = s / 60;
    }
    options.onProgress?.(o + 1, no);
  }
  return { origins: no, targets: nt, minutes, farOrigins, farTargets };
}

/** What the metrics engine asks of a drive-time source. */
export interface TravelTimeProvider {
  /** Shown next to drive figures, so the user knows which source is in use. */
  readonly label: string;
  /** Minutes from origin (rep home) to target; NaN when the network cannot answer. */
  minutes(origin: number, target: number): number;
  /** Minutes from origin to targets start..end-1 into out[start..end) (the metrics engine's hot path). */
  fill(origin: number, start: number, end: number, out: Float64Array): void;
}

/** Targets as the metrics engine passes them (lon/lat degrees flat). */
export interface TravelTargets {
  count: number;
  lonLat: Float64Array;
}

/**
 * A provider factory over the network: `(origins, targets) => provider`, computing the whole
 * matrix up front (one search per origin). Same shape as the metrics engine's
 * DriveTimeProviderFactory, so it can be passed where the estimate goes.
 */
export function networkTravelTimes(net: RoutingNetwork, options: MatrixOptions = {}) {
  return (origins: Float64Array, targets: TravelTargets): TravelTimeProvider & { matrix: TravelTimeMatrix } => {
    const matrix = travelTimeMatrix(net, origins, targets.lonLat.subarray(0, 2 * targets.count), options);
    const nt = matrix.targets;
    return {
      label: `Road network: ${net.graph.nodeCount.toLocaleString('en-US')} nodes, off-road legs at ${net.offRoadKmh} km/h`,
      matrix,
      minutes: (o, t) => matrix.minutes[o * nt + t]!,
      fill: (o, start, end, out) => {
        for (let t = start; t < end; t++) out[t] = matrix.minutes[o * nt + t]!;
      },
    };
  };
}

/**
 * Network times where the network answers, the fallback (the straight-line estimate) elsewhere:
 * points far from any road, or on islands of network the origin cannot reach.
 */
export function withFallback<T extends TravelTargets>(
  primary: (origins: Float64Array, targets: T) => TravelTimeProvider,
  fallback: (origins: Float64Array, targets: T) => TravelTimeProvider,
): (origins: Float64Array, targets: T) => TravelTimeProvider {
  return (origins, targets) => {
    const p = primary(origins, targets);
    const f = fallback(origins, targets);
    return {
      label: `${p.label}; where the network cannot answer: ${f.label}`,
      minutes: (o, t) => {
        const m = p.minutes(o, t);
        return Number.isNaN(m) ? f.minutes(o, t) : m;
      },
      fill: (o, start, end, out) => {
        p.fill(o, start, end, out);
        for (let t = start; t < end; t++) if (Number.isNaN(out[t]!)) out[t] = f.minutes(o, t);
      },
    };
  };
}
