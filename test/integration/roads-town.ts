/** The small test town of the road tests: a 7 x 7 street grid near Wilmington, DE, with two reps and three units. */
import type { Feature, LineString } from 'geojson';
import { ProjectStore } from '../../main/store/project-store.ts';

export const LON0 = -75.55;
export const LAT0 = 39.7;
export const STEP = 0.005; // ~430 m east-west, ~555 m north-south

/**
 * A 7 x 7 street grid: east-west streets are TIGER local roads (S1400) except row 3, a highway
 * (S1100); north-south streets are OSM-style, column 2 one-way northwards (`oneway=yes`),
 * column 5 a footway. Each street is one line through every crossing, so they share vertices.
 */
export function townFeatures(): Feature<LineString>[] {
  const features: Feature<LineString>[] = [];
  for (let j = 0; j < 7; j++) {
    features.push({
      type: 'Feature',
      properties: { MTFCC: j === 3 ? 'S1100' : 'S1400', FULLNAME: `Row ${j} Rd` },
      geometry: { type: 'LineString', coordinates: Array.from({ length: 7 }, (_, i) => [LON0 + i * STEP, LAT0 + j * STEP]) },
    });
  }
  for (let i = 0; i < 7; i++) {
    features.push({
      type: 'Feature',
      properties: { highway: i === 5 ? 'footway' : 'residential', name: `Col ${i} St`, ...(i === 2 ? { oneway: 'yes' } : {}) },
      geometry: { type: 'LineString', coordinates: Array.from({ length: 7 }, (_, j) => [LON0 + i * STEP, LAT0 + j * STEP]) },
    });
  }
  return features;
}

/** A new project at `file` with the town's reps (west, east) and units (u-west, u-east, u-far: far from any road). */
export function townProject(file: string): string {
  const store = ProjectStore.open(file, { create: true });
  store.insertReps([
    { id: 'west', name: 'West', home: 'West', location: [LON0 + 0.2 * STEP, LAT0 + 3 * STEP] },
    { id: 'east', name: 'East', home: 'East', location: [LON0 + 5.8 * STEP, LAT0 + 3 * STEP] },
  ]);
  const square = (cx: number, cy: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[cx - 0.001, cy - 0.001], [cx + 0.001, cy - 0.001], [cx + 0.001, cy + 0.001], [cx - 0.001, cy + 0.001], [cx - 0.001, cy - 0.001]]],
  });
  store.insertUnits([
    { id: 'u-west', name: 'West block', geometry: square(LON0 + 1.5 * STEP, LAT0 + 1.5 * STEP), values: {} },
    { id: 'u-east', name: 'East block', geometry: square(LON0 + 4.5 * STEP, LAT0 + 4.5 * STEP), values: {} },
    { id: 'u-far', name: 'Far away', geometry: square(LON0 + 1, LAT0 + 1), values: {} },
  ]);
  store.close();
  return file;
}
