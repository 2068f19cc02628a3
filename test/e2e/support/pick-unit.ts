/**
 * Chooses units for pixel checks from the real project file: units with no account inside (so no
 * account dot covers the sample point), clear of rep markers and their labels, sampled at the interior point
 * farthest from their edges (so no border line covers it either).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../../shared/geo/point-in-polygon.ts';
import { ProjectStore } from '../../../main/store/project-store.ts';

export interface SampleUnit {
  unitId: string;
  territoryId: string;
  /** [lon, lat] inside the unit, as far from its edges as a 24x24 grid finds. */
  point: [number, number];
  /** Distance from `point` to the nearest edge, in degrees of latitude (longitude scaled by cos lat). */
  clearance: number;
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function distanceToSegment(p: [number, number], a: Position, b: Position, kx: number): number {
  const ax = a[0]! * kx, ay = a[1]!, bx = b[0]! * kx, by = b[1]!;
  const px = p[0] * kx, py = p[1];
  const dx = bx - ax, dy = by - ay;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export function interiorPoint(geometry: Polygon | MultiPolygon): { point: [number, number]; clearance: number } | null {
  const all = rings(geometry);
  const xs = all.flatMap((r) => r.map((p) => p[0]!));
  const ys = all.flatMap((r) => r.map((p) => p[1]!));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  let best: { point: [number, number]; clearance: number } | null = null;
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const point: [number, number] = [minX + ((maxX - minX) * i) / steps, minY + ((maxY - minY) * j) / steps];
      if (!pointInPolygon(point, geometry)) continue;
      let clearance = Infinity;
      for (const ring of all) for (let k = 1; k < ring.length; k++) clearance = Math.min(clearance, distanceToSegment(point, ring[k - 1]!, ring[k]!, kx));
      if (!best || clearance > best.clearance) best = { point, clearance };
    }
  }
  return best;
}

/** The 48 contiguous states, which the app's opening view shows: [west, south, east, north]. */
export const CONTIGUOUS_US_BOX: [number, number, number, number] = [-124.8, 24.4, -66.9, 49.4];

export interface SampleOptions {
  territoryId?: string;
  /** Only units whose sample point lies in this [west, south, east, north] box. */
  within?: [number, number, number, number];
  limit?: number;
}

/** Units of `territoryId` (or of any territory) without accounts, best clearance first. */
export function sampleUnits(store: ProjectStore, scenarioId: string, options: SampleOptions = {}): SampleUnit[] {
  const [west, south, east, north] = options.within ?? CONTIGUOUS_US_BOX;
  const assignments = store.assignments(scenarioId);
  const withAccounts = new Set(store.accounts().map((a) => a.unitId));
  const reps = store.reps().map((r) => r.location);
  const candidates: SampleUnit[] = [];
  for (const unit of store.units()) {
    const territoryId = assignments.get(unit.id);
    if (!territoryId || withAccounts.has(unit.id)) continue;
    if (options.territoryId && territoryId !== options.territoryId) continue;
    const geometry = store.unitGeometry(unit.id);
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const inside = interiorPoint(geometry);
    if (!inside) continue;
    const [lon, lat] = inside.point;
    if (lon < west || lon > east || lat < south || lat > north) continue;
    // A rep's marker and its name label (drawn to the right, ~150 px: up to ~10° of longitude at the opening zoom).
    const [x, y] = inside.point;
    if (reps.some(([lon, lat]) => x > lon - 1.5 && x < lon + 10 && Math.abs(y - lat) < 1.5)) continue;
    candidates.push({ unitId: unit.id, territoryId, ...inside });
  }
  candidates.sort((a, b) => b.clearance - a.clearance);
  return candidates.slice(0, options.limit ?? 10);
}

/**
 * A county to paint and a reference county already in another territory (its pixel colour is the
 * colour the painted county must take), from the active scenario of the demo project `file`.
 */
export function paintPair(file: string): { scenarioId: string; subject: SampleUnit; reference: SampleUnit } {
  const store = ProjectStore.open(file, { readonly: true });
  try {
    const scenarioId = store.activeScenario().id;
    const samples = sampleUnits(store, scenarioId, { limit: 40 });
    const subject = samples[0]!;
    return { scenarioId, subject, reference: samples.find((s) => s.territoryId !== subject.territoryId)! };
  } finally {
    store.close();
  }
}
