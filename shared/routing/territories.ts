/**
 * Drive-time territories: a starting plan that gives each unit to the rep it is quickest to reach,
 * and the "within N minutes of the rep" check per territory. Both work on any provider of
 * minutes (network, estimate, or network with the estimate as fallback).
 */
import type { TravelTimeProvider } from './matrix.ts';

export interface QuickestAssignment {
  /** Rep (origin) index per unit (target); -1 when no rep can reach it. */
  repOf: Int32Array;
  /** Drive minutes from that rep; NaN when unassigned. */
  minutes: Float32Array;
}

/** Each of `units` targets to the origin with the smallest minutes (ties: the lower index). */
export function assignToQuickestRep(provider: Pick<TravelTimeProvider, 'minutes'>, reps: number, units: number): QuickestAssignment {
  const repOf = new Int32Array(units).fill(-1);
  const minutes = new Float32Array(units).fill(NaN);
  for (let u = 0; u < units; u++) {
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
      const m = provider.minutes(r, u);
      if (m < best) {
        best = m;
        repOf[u] = r;
      }
    }
    if (best < Infinity) minutes[u] = best;
  }
  return { repOf, minutes };
}

export interface WithinCheck {
  rep: number;
  units: number;
  /** Units within the limit, beyond it, and that the rep cannot reach at all. */
  within: number;
  beyond: number;
  unreachable: number;
  /** Longest drive to a reachable unit, minutes (0 for an empty territory). */
  worstMinutes: number;
  /** Unit indices beyond the limit or unreachable, worst first. */
  offenders: number[];
}

/**
 * For each rep, how many of its units are within `limitMinutes`. `repOf[u]` is the rep of unit u
 * (-1 = unassigned, ignored).
 */
export function withinMinutesCheck(
  provider: Pick<TravelTimeProvider, 'minutes'>,
  repOf: ArrayLike<number>,
  reps: number,
  limitMinutes: number,
): WithinCheck[] {
  const out: WithinCheck[] = Array.from({ length: reps }, (_, rep) => ({
    rep,
    units: 0,
    within: 0,
    beyond: 0,
    unreachable: 0,
    worstMinutes: 0,
    offenders: [],
  }));
  const minutesOf = new Map<number, number>();
  for (let u = 0; u < repOf.length; u++) {
    const r = repOf[u]!;
    const c = out[r];
    if (!c) continue;
    c.units++;
    const m = provider.minutes(r, u);
    if (Number.isNaN(m)) {
      c.unreachable++;
      c.offenders.push(u);
      minutesOf.set(u, Infinity);
      continue;
    }
    if (m > c.worstMinutes) c.worstMinutes = m;
    if (m <= limitMinutes) c.within++;
    else {
      c.beyond++;
      c.offenders.push(u);
      minutesOf.set(u, m);
    }
  }
  for (const c of out) c.offenders.sort((a, b) => minutesOf.get(b)! - minutesOf.get(a)!);
  return out;
}
