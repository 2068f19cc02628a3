/**
 * Per-unit geometric facts that every metric reuses, computed once per layer from the units'
 * TopoJSON topology (lon/lat EPSG:4326): spherical area and perimeter, an area centroid, the
 * convex-hull vertices, and the rook adjacency with the shared boundary length of each pair
 * (two units are adjacent when they share an arc). Shared lengths make territory perimeters
 * additive: perimeter(T) = sum of unit perimeters - 2 x shared length between units of T.
 */
import type { Topology } from 'topojson-specification';
import { Laea, polylineLengthKm, ringAreaKm2 } from './geodesy.ts';
import { convexHull } from './planar.ts';

/** Compressed sparse rows: the neighbours of unit u are `unit[start[u] .. start[u+1])`. */
export interface Adjacency {
  start: Uint32Array;
  unit: Int32Array;
  /** Shared boundary length in kilometres for each entry (0 for pairs added by a distance rule). */
  sharedKm: Float64Array;
}

export interface UnitGeometry {
  count: number;
  /** Spherical area, km², holes subtracted. */
  areaKm2: Float64Array;
  /** Boundary length, km (outer rings, holes and every part). */
  perimeterKm: Float64Array;
  /** Area centroid, lon/lat degrees (NaN for a unit without geometry). */
  centroid: Float64Array;
  /** Convex-hull vertices of each unit as lon/lat, `hull[2*hullStart[u] .. 2*hullStart[u+1])`. */
  hullStart: Uint32Array;
  hull: Float64Array;
  /**
   * The units on either side of each hull vertex, two per vertex (`hullSides[2*i]`, `[2*i+1]`):
   * the other users of the two arcs meeting there (the same one twice inside an arc), -1 where
   * an arc has no other user (coast, layer edge, two parts of the unit touching) or the vertex could
   * not be placed on an arc. A territory's hull only needs the vertices with a side outside it (or
   * -1): the others lie inside the territory. Extra -1s cost time, never correctness.
   */
  hullSides: Int32Array;
  adjacency: Adjacency;
  /** Points on arcs that only one unit uses (coasts, layer edge), for the "within N km" rule. */
  edgeStart: Uint32Array;
  edge: Float64Array;
}

type ArcRefs = number[];

/** Decode every arc of a (possibly quantized) topology to flat lon/lat arrays. */
export function decodeArcs(topology: Topology): Float64Array[] {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    arc.forEach((p, i) => {
      if (t) {
        x += p[0]!;
        y += p[1]!;
        out[2 * i] = x * t.scale[0] + t.translate[0];
        out[2 * i + 1] = y * t.scale[1] + t.translate[1];
      } else {
        out[2 * i] = p[0]!;
        out[2 * i + 1] = p[1]!;
      }
    });
    return out;
  });
}

/** Rings (as lists of arc references) of each polygon of a unit geometry; [] for others. */
function polygonsOf(geometry: { type: string | null; arcs?: unknown }): ArcRefs[][] {
  if (geometry.type === 'Polygon') return [geometry.arcs as ArcRefs[]];
  if (geometry.type === 'MultiPolygon') return geometry.arcs as ArcRefs[][];
  return [];
}

/**
 * The arcs at each point of ringCoords' output (closing point included): the arc of the segment
 * starting there and that of the segment ending there (different only where two arcs meet).
 */
function ringArcs(arcs: Float64Array[], refs: ArcRefs): Int32Array {
  let n = 0;
  for (const r of refs) n += arcs[r < 0 ? ~r : r]!.length / 2 - 1;
  const out = new Int32Array(2 * (n + 1));
  let k = 0;
  refs.forEach((r, i) => {
    const a = r < 0 ? ~r : r;
    const before = refs[(i + refs.length - 1) % refs.length]!;
    const m = arcs[a]!.length / 2;
    for (let j = 0; j < m - 1; j++, k += 2) {
      out[k] = a;
      out[k + 1] = j === 0 ? (before < 0 ? ~before : before) : a;
    }
  });
  out[k] = out[0]!;
  out[k + 1] = out[1]!;
  return out;
}

function ringCoords(arcs: Float64Array[], refs: ArcRefs): Float64Array {
  let n = 0;
  for (const r of refs) n += arcs[r < 0 ? ~r : r]!.length - 2;
  const out = new Float64Array(n + 2);
  let k = 0;
  for (const r of refs) {
    const a = arcs[r < 0 ? ~r : r]!;
    const m = a.length / 2;
    // Each arc's first point repeats the previous arc's last point: skip it.
    for (let j = 0; j < m - 1; j++) {
      const src = r < 0 ? m - 1 - j : j;
      out[k++] = a[2 * src]!;
      out[k++] = a[2 * src + 1]!;
    }
  }
  out[k++] = out[0]!;
  out[k++] = out[1]!;
  return out;
}

/**
 * Compute the geometry facts of the units, in the order of `unitIds`, from the topology's object
 * `units` (geometry ids = unit ids). Units absent from the topology get zero area and no neighbours.
 */
export function unitGeometry(topology: Topology, unitIds: readonly string[]): UnitGeometry {
  const count = unitIds.length;
  const index = new Map(unitIds.map((id, i) => [id, i]));
  const arcs = decodeArcs(topology);
  const arcKm = Float64Array.from(arcs, (a) => polylineLengthKm(a));
  const owner1 = new Int32Array(arcs.length).fill(-1);
  const owner2 = new Int32Array(arcs.length).fill(-1);
  const areaKm2 = new Float64Array(count);
  const perimeterKm = new Float64Array(count);
  const centroid = new Float64Array(count * 2).fill(Number.NaN);
  const hulls: Float64Array[] = Array.from({ length: count }, () => new Float64Array(0));
  /** Per unit, the two arcs at each hull vertex (-1: not found on the ring). */
  const hullArcs: Int32Array[] = Array.from({ length: count }, () => new Int32Array(0));

  const object = topology.objects.units;
  const geometries = object && object.type === 'GeometryCollection' ? object.geometries : [];
  for (const geometry of geometries) {
    const u = index.get(String(geometry.id));
    if (u === undefined) continue;
    const rings = polygonsOf(geometry).flat();
    if (rings.length === 0) continue;
    for (const ring of rings) {
      for (const r of ring) {
        const a = r < 0 ? ~r : r;
        perimeterKm[u]! += arcKm[a]!;
        if (owner1[a] === -1) owner1[a] = u;
        else if (owner1[a] === u) perimeterKm[u]! -= 2 * arcKm[a]!; // two parts of one unit touch
        else owner2[a] = u;
      }
    }
    const polygons = polygonsOf(geometry).map((polygon) => polygon.map((ring) => ringCoords(arcs, ring)));
    const first = polygons[0]![0]!;
    const projection = new Laea(first[0]!, first[1]!);
    let area = 0;
    let planarArea = 0;
    let cx = 0;
    let cy = 0;
    let totalPoints = 0;
    for (const polygon of polygons) {
      polygon.forEach((coords, i) => {
        const sign = i === 0 ? 1 : -1;
        const [px, py, pa] = planarCentroid(coords, projection);
        area += sign * Math.abs(ringAreaKm2(coords));
        planarArea += sign * pa;
        cx += sign * pa * px;
        cy += sign * pa * py;
        if (i === 0) totalPoints += coords.length / 2;
      });
    }
    areaKm2[u] = area;
    // Only outer rings can carry hull vertices.
    const projected = new Float64Array(totalPoints * 2);
    const pointArcs = new Int32Array(totalPoints * 2);
    let k = 0;
    for (const [p, polygon] of polygons.entries()) {
      const outer = polygon[0]!;
      pointArcs.set(ringArcs(arcs, polygonsOf(geometry)[p]![0]!), k);
      for (let i = 0; i < outer.length; i += 2, k += 2) projection.project(outer[i]!, outer[i + 1]!, projected, k);
    }
    const hullXY = convexHull(projected);
    // Hull vertices are copies of projected points: find each one's ring point, hence its arcs. A
    // point found twice with other arcs (two parts touching there) keeps -1: always taken.
    const vertexArcs = new Int32Array(hullXY.length).fill(-1);
    for (let i = 0; i < hullXY.length; i += 2) {
      let found = false;
      for (let j = 0; j < projected.length; j += 2) {
        if (projected[j] !== hullXY[i] || projected[j + 1] !== hullXY[i + 1]) continue;
        if (!found) {
          vertexArcs[i] = pointArcs[j]!;
          vertexArcs[i + 1] = pointArcs[j + 1]!;
          found = true;
        } else if (vertexArcs[i] !== pointArcs[j] || vertexArcs[i + 1] !== pointArcs[j + 1]) {
          vertexArcs[i] = -1;
          vertexArcs[i + 1] = -1;
          break;
        }
      }
    }
    hullArcs[u] = vertexArcs;
    const hullLonLat = new Float64Array(hullXY.length);
    for (let i = 0; i < hullXY.length; i += 2) {
      const [lon, lat] = projection.invert(hullXY[i]!, hullXY[i + 1]!);
      hullLonLat[i] = lon;
      hullLonLat[i + 1] = lat;
    }
    hulls[u] = hullLonLat;
    const [lon, lat] = planarArea > 0 ? projection.invert(cx / planarArea, cy / planarArea) : [first[0]!, first[1]!];
    centroid[2 * u] = lon;
    centroid[2 * u + 1] = lat;
  }

  const hullStart = new Uint32Array(count + 1);
  for (let u = 0; u < count; u++) hullStart[u + 1] = hullStart[u]! + hulls[u]!.length / 2;
  const hull = new Float64Array(hullStart[count]! * 2);
  for (let u = 0; u < count; u++) hull.set(hulls[u]!, hullStart[u]! * 2);
  const hullSides = new Int32Array(hullStart[count]! * 2).fill(-1);
  for (let u = 0; u < count; u++) {
    const vertexArcs = hullArcs[u]!;
    for (let i = 0; i < vertexArcs.length; i++) {
      const a = vertexArcs[i]!;
      if (a >= 0) hullSides[hullStart[u]! * 2 + i] = owner1[a] === u ? owner2[a]! : owner1[a]!;
    }
  }

  const pairs = new Map<number, number>();
  const edgeLists: number[][] = Array.from({ length: count }, () => []);
  for (let a = 0; a < arcs.length; a++) {
    const u = owner1[a]!;
    const v = owner2[a]!;
    if (u >= 0 && v >= 0 && u !== v) {
      const key = u < v ? u * count + v : v * count + u;
      pairs.set(key, (pairs.get(key) ?? 0) + arcKm[a]!);
    } else if (u >= 0) {
      const list = edgeLists[u]!;
      const arc = arcs[a]!;
      for (let i = 0; i < arc.length; i++) list.push(arc[i]!);
    }
  }
  const edgeStart = new Uint32Array(count + 1);
  for (let u = 0; u < count; u++) edgeStart[u + 1] = edgeStart[u]! + edgeLists[u]!.length / 2;
  const edge = new Float64Array(edgeStart[count]! * 2);
  for (let u = 0; u < count; u++) edge.set(edgeLists[u]!, edgeStart[u]! * 2);

  return {
    count,
    areaKm2,
    perimeterKm,
    centroid,
    hullStart,
    hull,
    hullSides,
    adjacency: adjacencyFromPairs(count, pairs),
    edgeStart,
    edge,
  };
}

/** Build CSR adjacency from pair keys `min*count+max` -> shared km. */
export function adjacencyFromPairs(count: number, pairs: Map<number, number>): Adjacency {
  const degree = new Uint32Array(count + 1);
  for (const key of pairs.keys()) {
    degree[Math.floor(key / count)]!++;
    degree[key % count]!++;
  }
  const start = new Uint32Array(count + 1);
  for (let u = 0; u < count; u++) start[u + 1] = start[u]! + degree[u]!;
  const fill = start.slice(0, count);
  const unit = new Int32Array(start[count]!);
  const sharedKm = new Float64Array(start[count]!);
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const u = Math.floor(key / count);
    const v = key % count;
    const km = pairs.get(key)!;
    unit[fill[u]!] = v;
    sharedKm[fill[u]!++] = km;
    unit[fill[v]!] = u;
    sharedKm[fill[v]!++] = km;
  }
  return { start, unit, sharedKm };
}

/** Planar centroid (x, y) and absolute area of a ring in the given projection. */
function planarCentroid(coords: Float64Array, projection: Laea): [number, number, number] {
  const n = coords.length / 2;
  const xy = new Float64Array(coords.length);
  for (let i = 0; i < n; i++) projection.project(coords[2 * i]!, coords[2 * i + 1]!, xy, 2 * i);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n - 1; i++) {
    const f = xy[2 * i]! * xy[2 * i + 3]! - xy[2 * i + 2]! * xy[2 * i + 1]!;
    a += f;
    cx += (xy[2 * i]! + xy[2 * i + 2]!) * f;
    cy += (xy[2 * i + 1]! + xy[2 * i + 3]!) * f;
  }
  if (a === 0) return [xy[0]!, xy[1]!, 0];
  return [cx / (3 * a), cy / (3 * a), Math.abs(a) / 2];
}
