/**
 * Drive-time services over a project's road network (plain Node; callers run them in a worker or
 * the CLI): isochrones from a point, the rep x unit travel-time matrix, and the quickest-rep
 * starting plan with its "within N minutes" check. The graph loads from its BLOBs; the network
 * (islands + snapping index) is built once per store and kept.
 */
import type { Position } from 'geojson';
import { UserError } from '../../shared/errors.ts';
import { M_PER_DEG_LAT, mPerDegLon } from '../../shared/routing/geo.ts';
import { isochrones, type IsochroneResult } from '../../shared/routing/isochrone.ts';
import { networkTravelTimes, withFallback, type TravelTargets, type TravelTimeMatrix, type TravelTimeProvider } from '../../shared/routing/matrix.ts';
import { RoutingNetwork, type NetworkOptions } from '../../shared/routing/network.ts';
import { assignToQuickestRep, withinMinutesCheck, type WithinCheck } from '../../shared/routing/territories.ts';
import { decodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { loadRoadGraph, type RoadGraphMeta } from './road-store.ts';

const networks = new WeakMap<ProjectStore, { net: RoutingNetwork; meta: RoadGraphMeta }>();

/** The project's road network, or null when it has none. */
export function projectNetwork(store: ProjectStore, options: NetworkOptions = {}): { net: RoutingNetwork; meta: RoadGraphMeta } | null {
  const cached = networks.get(store);
  // a re-import or speed edit (through any connection) rebuilds the graph with a new builtAt
  const builtAt = store.db.prepare("SELECT json_extract(meta, '$.builtAt') FROM tessera_road_graph WHERE id = 1").pluck().get() as string | undefined;
  if (cached && cached.meta.builtAt === builtAt) return cached;
  const loaded = loadRoadGraph(store);
  if (!loaded) return null;
  const entry = { net: new RoutingNetwork(loaded.graph, options), meta: loaded.meta };
  networks.set(store, entry);
  return entry;
}

export function requireNetwork(store: ProjectStore): { net: RoutingNetwork; meta: RoadGraphMeta } {
  const found = projectNetwork(store);
  if (!found) {
    throw new UserError(
      `Project "${store.name}" has no road network, so drive times can only be estimated. Import roads first: tessera roads import ${store.name}.gpkg <roads file>`,
    );
  }
  return found;
}

export interface IsochroneReport {
  from: [number, number];
  bands: { minutes: number; areaKm2: number; polygons: number; holes: number }[];
  reachedNodes: number;
  snapDistanceM: number;
  searchMs: number;
  polygonMs: number;
  notes: string[];
}

/** Isochrone polygons from a lon/lat point (degrees) for the given minute bands. */
export function projectIsochrones(store: ProjectStore, lon: number, lat: number, minutes: number[]): { result: IsochroneResult; report: IsochroneReport } {
  const { net } = requireNetwork(store);
  const result = isochrones(net, lon, lat, minutes);
  const notes: string[] = [];
  if (result.snapDistanceM > 500) {
    notes.push(
      `The start point is ${(result.snapDistanceM / 1000).toFixed(1)} km from the nearest road; that stretch is counted as a straight line at ${net.offRoadKmh} km/h.`,
    );
  }
  const report: IsochroneReport = {
    from: [lon, lat],
    bands: result.collection.features.map((f) => ({
      minutes: f.properties.minutes,
      areaKm2: Math.round(multiPolygonAreaKm2(f.geometry.coordinates) * 10) / 10,
      polygons: f.geometry.coordinates.length,
      holes: f.geometry.coordinates.reduce((s, p) => s + p.length - 1, 0),
    })),
    reachedNodes: result.reachedNodes,
    snapDistanceM: Math.round(result.snapDistanceM),
    searchMs: Math.round(result.searchMs * 10) / 10,
    polygonMs: Math.round(result.polygonMs * 10) / 10,
    notes,
  };
  return { result, report };
}

/** Area of lon/lat polygons, km² (local equirectangular; fine at isochrone scale). */
function multiPolygonAreaKm2(polygons: Position[][][]): number {
  let total = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      const lat0 = ring[0]?.[1] ?? 0;
      const kx = mPerDegLon(lat0);
      let s = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * kx * (ring[j]![1]! + ring[i]![1]!) * M_PER_DEG_LAT;
      total += s / 2;
    }
  }
  return total / 1e6;
}

/** A representative point of each unit: the area-weighted centroid of its largest polygon's outer ring (lon/lat). */
export function unitPoints(store: ProjectStore): { unitIds: string[]; lonLat: Float64Array } {
  const rows = store.db.prepare('SELECT unit_id, geom FROM units ORDER BY fid').all() as { unit_id: string; geom: Buffer | null }[];
  const lonLat = new Float64Array(rows.length * 2).fill(NaN);
  rows.forEach((r, i) => {
    const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
    const polys = g?.type === 'MultiPolygon' ? g.coordinates : g?.type === 'Polygon' ? [g.coordinates] : [];
    let best = -1;
    for (const p of polys) {
      const ring = p[0];
      if (!ring || ring.length < 3) continue;
      let a = 0, cx = 0, cy = 0;
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
        const x0 = ring[j]![0]!, y0 = ring[j]![1]!, x1 = ring[k]![0]!, y1 = ring[k]![1]!;
        const c = x0 * y1 - x1 * y0;
        a += c;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
      }
      if (Math.abs(a) > best && a !== 0) {
        best = Math.abs(a);
        lonLat[2 * i] = cx / (3 * a);
        lonLat[2 * i + 1] = cy / (3 * a);
      }
    }
    // a sliver with no area (a tiny unit quantized flat, e.g. Falls Church, VA in the demo): the mean of its vertices
    const ring = polys[0]?.[0];
    if (best < 0 && ring && ring.length > 0) {
      lonLat[2 * i] = ring.reduce((sum, p) => sum + p[0]!, 0) / ring.length;
      lonLat[2 * i + 1] = ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length;
    }
  });
  return { unitIds: rows.map((r) => r.unit_id), lonLat };
}

export interface RepUnitTimes {
  repIds: string[];
  unitIds: string[];
  provider: TravelTimeProvider;
  matrix: TravelTimeMatrix;
}

export interface RepUnitOptions {
  /** Stop each rep's search at this many minutes (farther units get NaN, or the fallback). */
  maxMinutes?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Where the network cannot answer (units or reps far from any road, network islands), ask this
   * instead: the metrics engine's straight-line estimate.
   */
  fallback?: (origins: Float64Array, targets: TravelTargets) => TravelTimeProvider;
  /** Only reps [start, end) (in rep table order), for splitting the work over threads. */
  repRange?: [number, number];
}

/** Network drive minutes from every rep home to every unit point (NaN where the network cannot answer and there is no fallback). */
export function repUnitTravelTimes(store: ProjectStore, options: RepUnitOptions = {}): RepUnitTimes {
  const { net } = requireNetwork(store);
  const allReps = store.reps();
  const reps = options.repRange ? allReps.slice(options.repRange[0], options.repRange[1]) : allReps;
  const units = unitPoints(store);
  const origins = new Float64Array(reps.length * 2);
  reps.forEach((r, i) => origins.set(r.location, 2 * i));
  const targets = { count: units.unitIds.length, lonLat: units.lonLat };
  const network = networkTravelTimes(net, options)(origins, targets);
  const provider = options.fallback ? withFallback(() => network, options.fallback)(origins, targets) : network;
  return { repIds: reps.map((r) => r.id), unitIds: units.unitIds, provider, matrix: network.matrix };
}

export interface QuickestPlan {
  /** unit id -> rep id of the rep quickest to reach it (units no rep can reach are left out). */
  repOfUnit: Map<string, string>;
  unreachedUnits: string[];
  check: (WithinCheck & { repId: string })[];
}

/** The starting plan "each unit to its quickest rep", with the within-`limitMinutes` check per rep. */
export function quickestRepPlan(store: ProjectStore, limitMinutes: number, options: RepUnitOptions = {}): QuickestPlan {
  const t = repUnitTravelTimes(store, options);
  const a = assignToQuickestRep(t.provider, t.repIds.length, t.unitIds.length);
  const repOfUnit = new Map<string, string>();
  const unreachedUnits: string[] = [];
  t.unitIds.forEach((u, i) => {
    const r = a.repOf[i]!;
    if (r >= 0) repOfUnit.set(u, t.repIds[r]!);
    else unreachedUnits.push(u);
  });
  const check = withinMinutesCheck(t.provider, a.repOf, t.repIds.length, limitMinutes).map((c) => ({ ...c, repId: t.repIds[c.rep]! }));
  return { repOfUnit, unreachedUnits, check };
}

export interface RepReach {
  repId: string;
  limitMinutes: number;
  /** Units within the limit, quickest first, with their drive minutes. */
  within: { unitId: string; name: string; minutes: number }[];
  /** Units the network cannot answer for (far from any road, or on a network island). */
  noAnswer: string[];
}

/** "Which units are within N minutes of this rep's home?" over the road network. */
export function unitsWithinMinutesOfRep(store: ProjectStore, repId: string, limitMinutes: number): RepReach {
  const { net } = requireNetwork(store);
  const rep = store.reps().find((r) => r.id === repId);
  if (!rep) {
    const ids = store.reps().map((r) => r.id);
    throw new UserError(`Project "${store.name}" has no rep "${repId}".${ids.length ? ` Its reps: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}.` : ' It has no reps yet.'}`);
  }
  const units = unitPoints(store);
  const names = new Map(store.units().map((u) => [u.id, u.name]));
  const m = networkTravelTimes(net, { maxMinutes: limitMinutes })(Float64Array.from(rep.location), { count: units.unitIds.length, lonLat: units.lonLat }).matrix;
  const far = new Set(m.farTargets);
  const within: RepReach['within'] = [];
  const noAnswer: string[] = [];
  units.unitIds.forEach((id, i) => {
    const v = m.minutes[i]!;
    if (v <= limitMinutes) within.push({ unitId: id, name: names.get(id) ?? id, minutes: Math.round(v * 10) / 10 });
    else if (far.has(i)) noAnswer.push(id);
  });
  if (m.farOrigins.length > 0) {
    throw new UserError(`Rep "${repId}"'s home is more than ${(net.maxSnapM / 1000).toFixed(1)} km from every road of the network, so the network cannot answer for it; the straight-line estimate is used for this rep.`);
  }
  within.sort((a, b) => a.minutes - b.minutes);
  return { repId, limitMinutes, within, noAnswer };
}
