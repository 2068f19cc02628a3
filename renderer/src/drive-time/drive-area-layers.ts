/**
 * Drive-time bands on the map: one translucent polygon layer per band, the largest drawn first, so
 * the areas stack darker towards the start point; a crisp outline per band keeps the edges
 * readable over territory colours; a marker shows the start point.
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, MultiPolygon } from 'geojson';
import type { DriveAreas } from '../../../shared/model/drive-time.ts';

type Rgb = [number, number, number];

/** Sequential, one hue, dark = quick (ColorBrewer Purples for light; a cool cyan ramp on the dark map). */
const LIGHT_BANDS: Rgb[] = [[63, 0, 125], [84, 39, 143], [106, 81, 163], [128, 125, 186], [158, 154, 200], [188, 189, 220]];
const DARK_BANDS: Rgb[] = [[224, 243, 248], [171, 217, 233], [116, 196, 224], [69, 170, 212], [43, 140, 190], [8, 104, 172]];

/** Colour of band i of n (0 = the quickest), for the map and the legend. */
export function bandColour(i: number, n: number, dark: boolean): Rgb {
  const ramp = dark ? DARK_BANDS : LIGHT_BANDS;
  const k = n <= 1 ? 0 : Math.round((i * (ramp.length - 1)) / (n - 1));
  return ramp[Math.min(ramp.length - 1, k)]!;
}

export const DRIVE_AREA_LAYER_PREFIX = 'drive-area-band-';

export function driveAreaLayers(areas: DriveAreas | null, dark: boolean): Layer[] {
  if (!areas) return [];
  const features = areas.collection.features;
  const n = features.length;
  const layers: Layer[] = [];
  // largest band first: smaller (quicker) bands are drawn over it
  for (let i = n - 1; i >= 0; i--) {
    const f = features[i]!;
    const [r, g, b] = bandColour(i, n, dark);
    layers.push(
      new GeoJsonLayer<Feature<MultiPolygon>>({
        id: `${DRIVE_AREA_LAYER_PREFIX}${f.properties.minutes}`,
        data: [f as Feature<MultiPolygon>],
        filled: true,
        stroked: true,
        getFillColor: [r, g, b, dark ? 80 : 78],
        // outlines a step darker (light map) or lighter (dark map) than the fill, so pale bands still show their edge
        getLineColor: dark ? [Math.min(255, r + 40), Math.min(255, g + 40), Math.min(255, b + 40), 255] : [Math.round(r * 0.7), Math.round(g * 0.7), Math.round(b * 0.7), 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        pickable: false,
      }) as unknown as Layer,
    );
  }
  layers.push(
    new ScatterplotLayer<[number, number]>({
      id: 'drive-area-start',
      data: [areas.from],
      getPosition: (p) => p,
      radiusUnits: 'pixels',
      getRadius: 6,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      getFillColor: dark ? [255, 255, 255, 255] : [63, 0, 125, 255],
      getLineColor: dark ? [8, 104, 172, 255] : [255, 255, 255, 255],
      pickable: false,
    }) as unknown as Layer,
  );
  return layers;
}

/** The drawn bands as a GeoJSON FeatureCollection file body (each feature: minutes, area km²). */
export function driveAreasGeoJson(areas: DriveAreas): string {
  const areaOf = new Map(areas.bands.map((b) => [b.minutes, b.areaKm2]));
  return JSON.stringify({
    type: 'FeatureCollection',
    features: areas.collection.features.map((f) => ({
      ...f,
      properties: { minutes: f.properties.minutes, area_km2: areaOf.get(f.properties.minutes) ?? null, from_lon: areas.from[0], from_lat: areas.from[1] },
    })),
  });
}

/** Lon/lat box [[west, south], [east, north]] of the largest band and the start point, or null when nothing is drawn. */
export function largestBandBox(areas: DriveAreas | null): [[number, number], [number, number]] | null {
  const largest = areas?.collection.features.at(-1);
  if (!areas || !largest) return null;
  let w = areas.from[0], s = areas.from[1], e = w, n = s;
  for (const polygon of largest.geometry.coordinates) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [
    [w, s],
    [e, n],
  ];
}
