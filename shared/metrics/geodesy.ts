/**
 * Spherical measures on lon/lat degrees (EPSG:4326) and the Lambert azimuthal equal-area
 * projection. The Earth is the IUGG mean sphere (R = 6371.0088 km); on the scale of sales
 * territories the sphere's area and length errors against the WGS84 ellipsoid stay under 0.5 %,
 * and every ratio metric (Polsby-Popper, Reock, hull) is scale-free, so the sphere is enough.
 */

/** IUGG mean Earth radius, kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle distance in kilometres between two lon/lat points (degrees), haversine formula. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Length in kilometres of a lon/lat polyline stored flat as [lon0, lat0, lon1, lat1, ...]. */
export function polylineLengthKm(coords: ArrayLike<number>, start = 0, end = coords.length): number {
  let length = 0;
  for (let i = start + 2; i < end; i += 2) length += haversineKm(coords[i - 2]!, coords[i - 1]!, coords[i]!, coords[i + 1]!);
  return length;
}

/**
 * Signed spherical area in km² of a ring of lon/lat points stored flat (closed or not), edges as
 * great-circle arcs. Same spherical-excess sum as d3-geo's `geoArea`; the sign depends on the
 * winding, callers take the absolute value (rings of sales units are far smaller than a hemisphere).
 */
export function ringAreaKm2(coords: ArrayLike<number>, start = 0, end = coords.length): number {
  const n = (end - start) / 2;
  if (n < 3) return 0;
  let sum = 0;
  let lambda0 = coords[end - 2]! * RAD;
  const phi0 = (coords[end - 1]! * RAD) / 2 + Math.PI / 4;
  let cosPhi0 = Math.cos(phi0);
  let sinPhi0 = Math.sin(phi0);
  for (let i = start; i < end; i += 2) {
    const lambda = coords[i]! * RAD;
    const phi = (coords[i + 1]! * RAD) / 2 + Math.PI / 4;
    const dLambda = lambda - lambda0;
    const sd = dLambda >= 0 ? 1 : -1;
    const ad = sd * dLambda;
    const cosPhi = Math.cos(phi);
    const sinPhi = Math.sin(phi);
    const k = sinPhi0 * sinPhi;
    sum += Math.atan2(k * sd * Math.sin(ad), cosPhi0 * cosPhi + k * Math.cos(ad));
    lambda0 = lambda;
    cosPhi0 = cosPhi;
    sinPhi0 = sinPhi;
  }
  return 2 * sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

/**
 * Lambert azimuthal equal-area projection about (lon0, lat0), output in kilometres. Areas are
 * preserved exactly and shapes are nearly true near the centre, which is why per-territory
 * compactness (hull, minimum bounding circle) is measured in it.
 */
export class Laea {
  private readonly lon0: number;
  private readonly sinLat0: number;
  private readonly cosLat0: number;
  private readonly sinLon0: number;
  private readonly cosLon0: number;

  constructor(lon0: number, lat0: number) {
    this.lon0 = lon0 * RAD;
    this.sinLon0 = Math.sin(this.lon0);
    this.cosLon0 = Math.cos(this.lon0);
    this.sinLat0 = Math.sin(lat0 * RAD);
    this.cosLat0 = Math.cos(lat0 * RAD);
  }

  /** Project lon/lat degrees; writes x, y (km) into out at offset. */
  project(lon: number, lat: number, out: Float64Array, offset: number): void {
    const lambda = lon * RAD - this.lon0;
    const phi = lat * RAD;
    const sinPhi = Math.sin(phi);
    const cosPhi = Math.cos(phi);
    const cosL = Math.cos(lambda);
    const denom = 1 + this.sinLat0 * sinPhi + this.cosLat0 * cosPhi * cosL;
    // The antipode has no image; a point there is not part of any sales territory.
    const k = denom > 1e-12 ? Math.sqrt(2 / denom) * EARTH_RADIUS_KM : 0;
    out[offset] = k * cosPhi * Math.sin(lambda);
    out[offset + 1] = k * (this.cosLat0 * sinPhi - this.sinLat0 * cosPhi * cosL);
  }

  /**
   * Project a point given as a unit vector (see toUnitVector) at xyz[i..i+2]: the same result as
   * `project` without trigonometry, for projecting thousands of stored points per territory.
   */
  projectVector(xyz: Float64Array, i: number, out: Float64Array, offset: number): void {
    const px = xyz[i]!;
    const py = xyz[i + 1]!;
    const pz = xyz[i + 2]!;
    // Local frame at the centre: east e, north n, up c.
    const sinL = this.sinLon0;
    const cosL = this.cosLon0;
    const cosC = this.cosLat0 * (cosL * px + sinL * py) + this.sinLat0 * pz;
    const east = -sinL * px + cosL * py;
    const north = -this.sinLat0 * (cosL * px + sinL * py) + this.cosLat0 * pz;
    const k = 1 + cosC > 1e-12 ? Math.sqrt(2 / (1 + cosC)) * EARTH_RADIUS_KM : 0;
    out[offset] = k * east;
    out[offset + 1] = k * north;
  }

  /** Inverse projection of x, y (km) to [lon, lat] degrees. */
  invert(x: number, y: number): [number, number] {
    const rho = Math.hypot(x, y);
    if (rho < 1e-12) return [(this.lon0 / RAD + 540) % 360 - 180, Math.asin(this.sinLat0) / RAD];
    const c = 2 * Math.asin(Math.min(1, rho / (2 * EARTH_RADIUS_KM)));
    const sinC = Math.sin(c);
    const cosC = Math.cos(c);
    const lat = Math.asin(cosC * this.sinLat0 + (y * sinC * this.cosLat0) / rho);
    const lon = this.lon0 + Math.atan2(x * sinC, rho * this.cosLat0 * cosC - y * this.sinLat0 * sinC);
    return [(((lon / RAD + 540) % 360) + 360) % 360 - 180, lat / RAD];
  }
}

/** Unit vector (x, y, z) of a lon/lat point, written into out at offset. */
export function toUnitVector(lon: number, lat: number, out: Float64Array, offset: number): void {
  const cosLat = Math.cos(lat * RAD);
  out[offset] = cosLat * Math.cos(lon * RAD);
  out[offset + 1] = cosLat * Math.sin(lon * RAD);
  out[offset + 2] = Math.sin(lat * RAD);
}

/** Lon/lat degrees of a (not necessarily normalised) 3D vector; [0, 0] for the zero vector. */
export function fromVector(x: number, y: number, z: number): [number, number] {
  const r = Math.hypot(x, y, z);
  if (r === 0) return [0, 0];
  return [Math.atan2(y, x) / RAD, Math.asin(Math.max(-1, Math.min(1, z / r))) / RAD];
}
