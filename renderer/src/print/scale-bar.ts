/** Scale bar lengths: a round number of km and of miles for the map scale at the centre latitude. */

const EARTH_RADIUS_M = 6_378_137;
const METRES_PER_MILE = 1609.344;

/** Ground metres per pixel of a deck.gl Web Mercator view (512 px world at zoom 0) at `latitude`. */
export function metresPerPixel(zoom: number, latitude: number): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The largest 1, 2 or 5 × 10^k not above `value`. */
export function niceRound(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const leading = value / power;
  return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * power;
}

export interface ScaleBarSegment {
  label: string;
  lengthPx: number;
}

/** Kilometre and mile bars no longer than `maxPx` (the bar is read at the map's centre latitude). */
export function scaleBars(zoom: number, latitude: number, maxPx: number): { km: ScaleBarSegment; mi: ScaleBarSegment } {
  const mpp = metresPerPixel(zoom, latitude);
  const km = niceRound((maxPx * mpp) / 1000);
  const mi = niceRound((maxPx * mpp) / METRES_PER_MILE);
  const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return {
    km: { label: `${format(km)} km`, lengthPx: (km * 1000) / mpp },
    mi: { label: `${format(mi)} mi`, lengthPx: (mi * METRES_PER_MILE) / mpp },
  };
}
