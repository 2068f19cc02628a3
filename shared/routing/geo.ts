/**
 * Small geodesy helpers for routing, on lon/lat degrees (EPSG:4326). Distances are metres on a
 * sphere of the IUGG mean Earth radius (the radius Turf uses), so lengths agree with Turf's
 * haversine `distance` to float precision.
 */

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two lon/lat points, metres (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres per degree of latitude on the sphere. */
export const M_PER_DEG_LAT = EARTH_RADIUS_M * RAD;

/** Metres per degree of longitude at a latitude (degrees). */
export function mPerDegLon(lat: number): number {
  return M_PER_DEG_LAT * Math.cos(lat * RAD);
}

/** Seconds to cover `metres` at `kmh` km/h. */
export function secondsAt(metres: number, kmh: number): number {
  return metres / (kmh / 3.6);
}
