/**
 * A generated street grid as GeoJSON road lines, for tests that need a road network over part of
 * a real project (e.g. the demo): east-west and north-south residential streets every `step`
 * degrees, every `arterialEvery`-th street a primary road. Each street is one line through every
 * crossing, so the importer joins them at the shared vertices.
 */
import fs from 'node:fs';
import type { Feature, LineString } from 'geojson';

export interface GridBox {
  west: number;
  south: number;
  east: number;
  north: number;
  /** Street spacing, degrees. */
  step: number;
  arterialEvery?: number;
}

export function roadGridFeatures(box: GridBox): Feature<LineString>[] {
  const cols = Math.round((box.east - box.west) / box.step);
  const rows = Math.round((box.north - box.south) / box.step);
  const every = box.arterialEvery ?? 5;
  const x = (i: number) => Math.round((box.west + i * box.step) * 1e6) / 1e6;
  const y = (j: number) => Math.round((box.south + j * box.step) * 1e6) / 1e6;
  const features: Feature<LineString>[] = [];
  for (let j = 0; j <= rows; j++) {
    features.push({
      type: 'Feature',
      properties: { highway: j % every === 0 ? 'primary' : 'residential', name: `Row ${j}` },
      geometry: { type: 'LineString', coordinates: Array.from({ length: cols + 1 }, (_, i) => [x(i), y(j)]) },
    });
  }
  for (let i = 0; i <= cols; i++) {
    features.push({
      type: 'Feature',
      properties: { highway: i % every === 0 ? 'primary' : 'residential', name: `Col ${i}` },
      geometry: { type: 'LineString', coordinates: Array.from({ length: rows + 1 }, (_, j) => [x(i), y(j)]) },
    });
  }
  return features;
}

/** Write the grid as a GeoJSON file; returns its path. */
export function writeRoadGrid(file: string, box: GridBox): string {
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: roadGridFeatures(box) }));
  return file;
}

/** The Southwest of the demo (Los Angeles and Phoenix reps), 0.05 degree streets. */
export const DEMO_SOUTHWEST: GridBox = { west: -119, south: 32.5, east: -111, north: 35, step: 0.05, arterialEvery: 5 };
