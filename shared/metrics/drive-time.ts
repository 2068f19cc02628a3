/**
 * Drive-time estimates from rep home bases (origins) to drive targets (accounts or unit points),
 * behind an interface that a road-network provider can implement later: the engine only asks for
 * `minutes(origin, target)`, so a provider built on a routed network (one Dijkstra per rep home,
 * looked up by target) replaces the estimate without touching the metrics.
 *
 * The estimate: road km = great-circle km x circuity factor of the target's area type; the first
 * `localKm` of road are driven at that area type's speed, the rest at `highwaySpeedKmh` (a long
 * trip to a city is mostly highway, not city streets). With `localKm` = Infinity it is the plain
 * great-circle x circuity / speed estimate.
 * Circuity (road distance / straight-line distance):
 * - Ballou, R. H., Rahardja, H. & Sakai, N. (2002). Selected country circuity factors for road
 *   travel distance estimation. Transportation Research Part A 36(9), 843-848: United States 1.20.
 * - Boscoe, F. P., Henry, K. A. & Zdeb, M. S. (2012). A nationwide comparison of driving distance
 *   versus straight-line distance to hospitals. The Professional Geographer 64(2), 188-196
 *   (doi:10.1080/00330124.2011.583586): over 66,000 US locations the two are very highly
 *   correlated (r² > 0.9), with local exceptions near shorelines and other physical barriers.
 * Defaults: 1.20 (Ballou et al.'s US figure) for suburban and rural targets; 1.30 for urban
 * targets is Tessera's own assumption that street grids and one-way systems add detour.
 * The speeds and `localKm` are Tessera's planning assumptions (averages including stops), not
 * published figures; they are settings the user sees and can change.
 */
import { EARTH_RADIUS_KM, toUnitVector } from './geodesy.ts';

export const AREA_TYPES = ['urban', 'suburban', 'rural'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface AreaTypeSetting {
  /** Road distance / great-circle distance, dimensionless. */
  circuity: number;
  /** Average door-to-door driving speed, km/h. */
  speedKmh: number;
}

export interface DriveTimeSettings {
  areaTypes: Record<AreaType, AreaTypeSetting>;
  /**
   * Population density thresholds in people per km² that classify a unit: urban at or above
   * `urbanMinPerKm2` (386/km² = 1,000/sq mi, the US Census urban core density), suburban at or
   * above `suburbanMinPerKm2` (38.6/km² = 100/sq mi), rural below.
   */
  urbanMinPerKm2: number;
  suburbanMinPerKm2: number;
  /** Road km at the start and end of a trip driven at the area type's speed, km. */
  localKm: number;
  /** Average speed of the rest of a longer trip, km/h. */
  highwaySpeedKmh: number;
  /** Threshold for "share of potential within N minutes", minutes. */
  withinMin: number;
}

/** Defaults shown in the settings panel; see the module comment for sources. */
export const DEFAULT_DRIVE_TIME_SETTINGS: DriveTimeSettings = {
  areaTypes: {
    urban: { circuity: 1.3, speedKmh: 40 },
    suburban: { circuity: 1.2, speedKmh: 60 },
    rural: { circuity: 1.2, speedKmh: 80 },
  },
  localKm: 20,
  highwaySpeedKmh: 90,
  urbanMinPerKm2: 386,
  suburbanMinPerKm2: 38.6,
  withinMin: 60,
};

/** Area type of a unit from a density in people (or other counts) per km². */
export function areaTypeOf(densityPerKm2: number, settings: DriveTimeSettings): AreaType {
  if (densityPerKm2 >= settings.urbanMinPerKm2) return 'urban';
  if (densityPerKm2 >= settings.suburbanMinPerKm2) return 'suburban';
  return 'rural';
}

/** Points drive times are measured to: lon/lat degrees (EPSG:4326) flat, with an area type index. */
export interface DriveTargets {
  count: number;
  lonLat: Float64Array;
  /** Index into AREA_TYPES per target. */
  areaType: Uint8Array;
}

export interface DriveTimeProvider {
  /** Shown next to drive figures, e.g. "Estimate: straight line x circuity / speed". */
  readonly label: string;
  /** Minutes from origin (rep home) to target; NaN when the target cannot be reached. */
  minutes(origin: number, target: number): number;
  /** Minutes from origin to targets start..end-1, written to out[start..end) (the hot path). */
  fill(origin: number, start: number, end: number, out: Float64Array): void;
}

/** Builds a provider for the rep homes (lon/lat flat) and targets of a layer. */
export type DriveTimeProviderFactory = (origins: Float64Array, targets: DriveTargets) => DriveTimeProvider;

/** The straight-line estimate as a provider factory. */
/** Complete drive-time settings: the defaults overridden by what the user changed. */
export function driveSettings(changes: Partial<DriveTimeSettings> = {}): DriveTimeSettings {
  return {
    ...DEFAULT_DRIVE_TIME_SETTINGS,
    ...changes,
    areaTypes: { ...DEFAULT_DRIVE_TIME_SETTINGS.areaTypes, ...changes.areaTypes },
  };
}

export function circuityEstimate(settings: DriveTimeSettings = DEFAULT_DRIVE_TIME_SETTINGS): DriveTimeProviderFactory {
  return (origins, targets) => new CircuityEstimator(origins, targets, settings);
}

class CircuityEstimator implements DriveTimeProvider {
  readonly label: string;
  private readonly origins: Float64Array;
  private readonly targets: Float64Array;
  private readonly areaType: Uint8Array;
  /** Road km per radian of great-circle angle, per area type. */
  private readonly roadKmPerRad: Float64Array;
  /** Minutes per road km on local roads, per area type. */
  private readonly localMinPerKm: Float64Array;
  private readonly localKm: number;
  private readonly highwayMinPerKm: number;

  constructor(origins: Float64Array, targets: DriveTargets, settings: DriveTimeSettings) {
    this.label =
      'Estimate: great-circle distance x circuity, ' +
      AREA_TYPES.map((t) => `${t} x${settings.areaTypes[t].circuity} at ${settings.areaTypes[t].speedKmh} km/h`).join(', ') +
      (Number.isFinite(settings.localKm) ? `; beyond ${settings.localKm} km at ${settings.highwaySpeedKmh} km/h` : '');
    this.origins = new Float64Array((origins.length / 2) * 3);
    for (let i = 0; i < origins.length / 2; i++) toUnitVector(origins[2 * i]!, origins[2 * i + 1]!, this.origins, 3 * i);
    this.targets = new Float64Array(targets.count * 3);
    for (let i = 0; i < targets.count; i++) toUnitVector(targets.lonLat[2 * i]!, targets.lonLat[2 * i + 1]!, this.targets, 3 * i);
    this.areaType = targets.areaType;
    this.roadKmPerRad = Float64Array.from(AREA_TYPES, (t) => EARTH_RADIUS_KM * settings.areaTypes[t].circuity);
    this.localMinPerKm = Float64Array.from(AREA_TYPES, (t) => 60 / settings.areaTypes[t].speedKmh);
    this.localKm = settings.localKm;
    this.highwayMinPerKm = 60 / settings.highwaySpeedKmh;
  }

  minutes(origin: number, target: number): number {
    return this.between(this.origins[3 * origin]!, this.origins[3 * origin + 1]!, this.origins[3 * origin + 2]!, target);
  }

  fill(origin: number, start: number, end: number, out: Float64Array): void {
    const ox = this.origins[3 * origin]!;
    const oy = this.origins[3 * origin + 1]!;
    const oz = this.origins[3 * origin + 2]!;
    for (let k = start; k < end; k++) out[k] = this.between(ox, oy, oz, k);
  }

  private between(ox: number, oy: number, oz: number, k: number): number {
    const t = this.targets;
    const dx = ox - t[3 * k]!;
    const dy = oy - t[3 * k + 1]!;
    const dz = oz - t[3 * k + 2]!;
    // Half the chord is sin(angle / 2). Below 0.25 (about 3,200 km) a five-term asin series is
    // exact to 1e-8 and much cheaper than Math.asin, which the 1,000,000-account recompute feels.
    const h = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
    const h2 = h * h;
    const half =
      h < 0.25 ? h * (1 + h2 * (1 / 6 + h2 * (3 / 40 + h2 * (15 / 336 + h2 * (105 / 3456))))) : Math.asin(Math.min(1, h));
    const type = this.areaType[k]!;
    const road = 2 * half * this.roadKmPerRad[type]!;
    return road <= this.localKm
      ? road * this.localMinPerKm[type]!
      : this.localKm * this.localMinPerKm[type]! + (road - this.localKm) * this.highwayMinPerKm;
  }
}
