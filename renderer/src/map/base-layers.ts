/**
 * Layers of the bundled base map under the units: the land fill (foreign countries and the US in
 * one SolidPolygonLayer, one draw) and the country borders over it. State lines: line-mesh-layer.ts.
 */
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Feature, Position } from 'geojson';
import { baseMap } from './base-map.ts';
import type { MapTheme } from './map-theme.ts';

/** The polygons of features (Polygon and MultiPolygon), as rings of [lon, lat]. */
function polygonsOf(features: Feature[]): Position[][][] {
  const out: Position[][][] = [];
  for (const { geometry } of features) {
    if (geometry?.type === 'Polygon') out.push(geometry.coordinates);
    else if (geometry?.type === 'MultiPolygon') out.push(...geometry.coordinates);
  }
  return out;
}

/**
 * Foreign land first, then the US over it: one draw keeps the two fills' painting order. The country
 * borders, once drawn between the two fills, now lie over the US fill as well: hidden under the
 * units, elsewhere the US side of the line shows (a few hundred edge pixels, by screenshot diff).
 */
const foreignLand = polygonsOf(baseMap.countries);
const landPolygons = [...foreignLand, ...polygonsOf(baseMap.nation)];

export function baseLandLayers(theme: MapTheme) {
  const foreign = foreignLand.length;
  return [
    new SolidPolygonLayer<Position[][]>({
      id: 'base-land',
      data: landPolygons,
      getPolygon: (polygon) => polygon as [number, number][][],
      filled: true,
      extruded: false,
      getFillColor: (_polygon, { index }) => (index < foreign ? theme.foreignLand : theme.nationLand),
      updateTriggers: { getFillColor: [theme.foreignLand, theme.nationLand] },
    }),
    new PathLayer<Position[]>({
      id: 'base-country-borders',
      data: baseMap.countryBorders,
      getPath: (line) => line as [number, number][],
      getColor: theme.countryBorder,
      getWidth: 0.8,
      widthUnits: 'pixels',
      updateTriggers: { getColor: [theme.countryBorder] },
    }),
  ];
}
