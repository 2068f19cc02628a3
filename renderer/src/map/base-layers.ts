/** Layers of the bundled base map: foreign land, US land, country borders (under the units). */
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { Feature, Position } from 'geojson';
import { baseMap } from './base-map.ts';
import type { MapTheme } from './map-theme.ts';

export function baseLandLayers(theme: MapTheme) {
  return [
    new GeoJsonLayer<Feature>({
      id: 'base-countries',
      data: baseMap.countries,
      stroked: false,
      filled: true,
      getFillColor: theme.foreignLand,
      updateTriggers: { getFillColor: [theme.foreignLand] },
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
    new GeoJsonLayer<Feature>({
      id: 'base-nation',
      data: baseMap.nation,
      stroked: false,
      filled: true,
      getFillColor: theme.nationLand,
      updateTriggers: { getFillColor: [theme.nationLand] },
    }),
  ];
}

/** State lines, drawn above the unit fills and below territory borders. */
export function stateBorderLayer(theme: MapTheme) {
  return new PathLayer<Position[]>({
    id: 'base-state-borders',
    data: baseMap.stateBorders,
    getPath: (line) => line as [number, number][],
    getColor: theme.stateBorder,
    getWidth: 1.4,
    widthUnits: 'pixels',
    updateTriggers: { getColor: [theme.stateBorder] },
  });
}
