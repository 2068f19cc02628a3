/**
 * Lead routing: a ZIP code or a lon/lat point -> unit -> territory -> rep, in one scenario.
 * A ZIP that is itself a unit (ZIP polygons imported; checked against its Census point) matches by id; any other ZIP is placed at its
 * Census ZIP point (zip-points.ts) and located like a point, and the answer says so. Points are
 * located with the project's R*Tree (bounding-box candidates) and an exact point-in-polygon test;
 * a point in no unit (e.g. a coastal ZIP point just outside a generalised coastline) goes to the
 * nearest unit within NEAREST_MAX_KM, flagged; farther away there is no answer rather than a guess.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../shared/geo/point-in-polygon.ts';
import type { LonLat, Scenario } from '../../shared/model/project.ts';
import { decodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { resolveScenario } from '../export/scenario.ts';
import { normalizeZip, zipPoint } from './zip-points.ts';

/** Farthest a point outside every unit may be from a unit and still be routed to it, km. */
export const NEAREST_MAX_KM = 50;
/** How far a ZIP's Census point may lie outside a unit with the ZIP as id for it to be that ZIP's polygon, km. */
const ZIP_POLYGON_TOLERANCE_KM = 10;

/**
 * How the answer was found:
 * - `zip-polygon`: the ZIP is a unit of the project (exact);
 * - `zip-point`: the ZIP has no polygon; its Census ZIP point lies in the unit (approximate);
 * - `zip-point-nearest`: the ZIP's Census point lies in no unit; the nearest unit was taken;
 * - `point`: the given point lies in the unit; `point-nearest`: in no unit, nearest taken;
 * - `none`: no answer (unknown ZIP, or nothing within NEAREST_MAX_KM).
 */
export type MatchedBy = 'zip-polygon' | 'zip-point' | 'zip-point-nearest' | 'point' | 'point-nearest' | 'none';

export interface RouteAnswer {
  /** What was asked, as given. */
  query: { zip?: string; at?: LonLat };
  /** The normalised 5-digit ZIP for ZIP queries. */
  zip: string | null;
  /** The point located (the ZIP point for ZIPs without a polygon), [lon, lat]. */
  location: LonLat | null;
  territory: { id: string; name: string } | null;
  rep: { id: string; name: string } | null;
  unit: { id: string; name: string } | null;
  matchedBy: MatchedBy;
  /** True when the answer came through a Census ZIP point or a nearest unit rather than a polygon hit. */
  approximate: boolean;
  /** Distance to the unit for the `*-nearest` matches, km. */
  distanceKm?: number;
  /** A plain-language explanation when there is no territory or the match is approximate. */
  note?: string;
}

export class Router {
  readonly scenario: Scenario;
  private readonly assignments: Map<string, string>;
  private readonly territories: Map<string, { name: string; repId: string | null }>;
  private readonly reps: Map<string, string>;
  private readonly unitNames: Map<string, string>;
  private readonly geometryCache = new Map<string, Polygon | MultiPolygon | null>();

  constructor(
    private readonly store: ProjectStore,
    scenario?: string,
  ) {
    this.scenario = resolveScenario(store, scenario);
    this.assignments = store.assignments(this.scenario.id);
    this.territories = new Map(store.territories(this.scenario.id).map((t) => [t.id, t]));
    this.reps = new Map(store.reps().map((r) => [r.id, r.name]));
    this.unitNames = new Map(
      (store.db.prepare('SELECT unit_id, name FROM units').raw().all() as [string, string | null][]).map(([id, name]) => [String(id), name ?? String(id)]),
    );
  }

  routeZip(input: string): RouteAnswer {
    const zip = normalizeZip(input);
    const query = { zip: input };
    if (!zip) return none(query, null, null, `"${input}" is not a US ZIP code (5 digits, or ZIP+4).`);
    const location = zipPoint(zip);
    if (this.isZipPolygon(zip, location)) return this.answer(query, zip, location, zip, 'zip-polygon');
    if (!location) return none(query, zip, null, `ZIP ${zip} is not in the Census ZIP list and has no polygon in this project.`);
    return this.locate(query, zip, location, 'zip-point');
  }

  routeAt(lon: number, lat: number): RouteAnswer {
    const query = { at: [lon, lat] as LonLat };
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return none(query, null, null, `${lon},${lat} is not a longitude,latitude.`);
    return this.locate(query, null, [lon, lat], 'point');
  }

  private locate(query: RouteAnswer['query'], zip: string | null, location: LonLat, kind: 'zip-point' | 'point'): RouteAnswer {
    for (const candidate of this.store.unitsNear(location[0], location[1])) {
      const g = candidate.geometry;
      if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && pointInPolygon(location, g)) {
        return this.answer(query, zip, location, candidate.unitId, kind);
      }
    }
    const nearest = this.nearestUnit(location);
    if (!nearest) {
      return none(query, zip, location, `${zip ? `The Census point of ZIP ${zip}` : 'The point'} lies in no unit of this project (nothing within ${NEAREST_MAX_KM} km).`);
    }
    const answer = this.answer(query, zip, location, nearest.unitId, kind === 'zip-point' ? 'zip-point-nearest' : 'point-nearest');
    answer.distanceKm = Math.round(nearest.km * 100) / 100;
    return answer;
  }

  /**
   * Whether unit `zip` is that ZIP's polygon. Unit ids of other kinds can look like ZIPs (county
   * FIPS 10001 is Kent County, DE; ZIP 10001 is Manhattan), so an id match counts only when the
   * ZIP's Census point lies in or within ZIP_POLYGON_TOLERANCE_KM of the unit (or the ZIP has no point).
   */
  private isZipPolygon(zip: string, location: LonLat | null): boolean {
    if (!this.unitNames.has(zip)) return false;
    if (!location) return true;
    const g = this.geometry(zip);
    if (!g) return true;
    return pointInPolygon(location, g) || distanceToBoundaryKm(location, g) <= ZIP_POLYGON_TOLERANCE_KM;
  }

  private geometry(unitId: string, blob?: Buffer | null): Polygon | MultiPolygon | null {
    let g = this.geometryCache.get(unitId);
    if (g === undefined) {
      const raw = blob === undefined ? this.store.unitGeometry(unitId) : blob ? decodeGpkgGeometry(blob) : null;
      g = raw && (raw.type === 'Polygon' || raw.type === 'MultiPolygon') ? raw : null;
      this.geometryCache.set(unitId, g);
    }
    return g;
  }

  private answer(query: RouteAnswer['query'], zip: string | null, location: LonLat | null, unitId: string, matchedBy: MatchedBy): RouteAnswer {
    const territoryId = this.assignments.get(unitId);
    const territory = territoryId === undefined ? undefined : this.territories.get(territoryId);
    const unit = { id: unitId, name: this.unitNames.get(unitId) ?? unitId };
    const result: RouteAnswer = {
      query,
      zip,
      location,
      territory: territory ? { id: territoryId!, name: territory.name } : null,
      rep: territory?.repId ? { id: territory.repId, name: this.reps.get(territory.repId) ?? territory.repId } : null,
      unit,
      matchedBy,
      approximate: matchedBy !== 'zip-polygon' && matchedBy !== 'point',
    };
    const notes: string[] = [];
    if (matchedBy === 'zip-point') notes.push(`ZIP ${zip} has no polygon in this project; located by its Census ZIP point.`);
    if (matchedBy.endsWith('-nearest')) notes.push(`${zip ? `The Census point of ZIP ${zip}` : 'The point'} lies in no unit; routed to the nearest unit.`);
    if (!territory) notes.push(`Unit ${unit.name} (${unitId}) is not assigned to a territory in scenario "${this.scenario.name}".`);
    if (notes.length) result.note = notes.join(' ');
    return result;
  }

  private nearestUnit(location: LonLat): { unitId: string; km: number } | null {
    const [lon, lat] = location;
    const dLat = NEAREST_MAX_KM / 110.5;
    const dLon = NEAREST_MAX_KM / (111.3 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
    const rows = this.store.db
      .prepare(
        `SELECT u.unit_id, u.geom FROM units u JOIN rtree_units_geom r ON r.id = u.fid
         WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`,
      )
      .all(lon - dLon, lon + dLon, lat - dLat, lat + dLat) as { unit_id: string; geom: Buffer | null }[];
    let best: { unitId: string; km: number } | null = null;
    for (const row of rows) {
      const g = this.geometry(String(row.unit_id), row.geom);
      if (!g) continue;
      const km = distanceToBoundaryKm(location, g);
      if (km <= NEAREST_MAX_KM && (!best || km < best.km)) best = { unitId: String(row.unit_id), km };
    }
    return best;
  }
}

function none(query: RouteAnswer['query'], zip: string | null, location: LonLat | null, note: string): RouteAnswer {
  return { query, zip, location, territory: null, rep: null, unit: null, matchedBy: 'none', approximate: false, note };
}

/** Distance from a point to the nearest polygon edge, km (local equirectangular projection, fine below ~100 km). */
export function distanceToBoundaryKm(point: LonLat, g: Polygon | MultiPolygon): number {
  const kx = 111.32 * Math.cos((point[1] * Math.PI) / 180);
  const ky = 110.57;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best = Infinity;
  const project = (p: Position): [number, number] => [(p[0]! - point[0]) * kx, (p[1]! - point[1]) * ky];
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = project(ring[i - 1]!);
        const [bx, by] = project(ring[i]!);
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        if (d < best) best = d;
      }
    }
  }
  return best;
}
