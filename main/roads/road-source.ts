/**
 * Reading road lines from a source file with the importer's readers (shapefile set, .zip, folder,
 * GeoJSON, GeoPackage, KML; reprojected to EPSG:4326 by them), or an OpenStreetMap .osm.pbf
 * extract (osm-pbf.ts). Only line features are roads;
 * a layer of polygons or points is refused in plain words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { roadAttributes } from '../../shared/routing/speeds.ts';
import type { LayerReader } from '../import/reader.ts';
import { openShapefile } from '../import/shapefile-reader.ts';
import { openSource } from '../import/source.ts';
import { openGeoJson, openGpkgLayer, openKml } from '../import/text-readers.ts';
import { isOsmPbf, readOsmPbfRoads } from './osm-pbf.ts';
import type { RoadSourceRead, StoredRoad } from './road-store.ts';

export type { RoadSourceRead };

export interface RoadSourceOptions {
  /** Layer to read when the source holds several. */
  layer?: string;
  /** Coordinate system when the source has none, e.g. `EPSG:26915`. */
  srs?: string;
}


export async function readRoadSource(source: string, options: RoadSourceOptions = {}): Promise<RoadSourceRead> {
  if (isOsmPbf(source)) {
    if (!fs.existsSync(source)) throw new UserError(`"${source}" does not exist.`);
    return readOsmPbfRoads(source);
  }
  const opened = await openSource(source, options.layer);
  try {
    const layer = opened.layer;
    let reader: LayerReader;
    switch (layer.format) {
      case 'shapefile':
        reader = openShapefile(layer.files, options.srs);
        break;
      case 'geojson':
        reader = openGeoJson(layer.file, options.srs);
        break;
      case 'gpkg':
        reader = openGpkgLayer(layer.file, layer.table, options.srs);
        break;
      case 'kml':
        reader = openKml(layer.file);
        break;
      case 'csv':
        throw new UserError(`"${path.basename(layer.file)}" is a table, not road lines. Roads come from a line layer (shapefile, GeoJSON, GeoPackage).`);
    }
    try {
      if (reader.geometryKind !== 'line') {
        const what = reader.geometryKind === 'none' ? 'no geometry' : `${reader.geometryKind}s`;
        throw new UserError(
          `"${reader.label}" holds ${what}, not road lines, so it cannot be a road network. Import a layer of road centre lines (for example Census TIGER/Line roads or an OpenStreetMap roads extract).`,
        );
      }
      const roads: StoredRoad[] = [];
      let read = 0;
      let skipped = 0;
      for await (const f of reader.features()) {
        read++;
        const g = f.geometry;
        const parts = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : null;
        const clean = parts?.map((p) => p.map((q) => [q[0]!, q[1]!])).filter((p) => p.length >= 2 && p.every((q) => Number.isFinite(q[0]) && Number.isFinite(q[1])));
        if (!clean || clean.length === 0) {
          skipped++;
          continue;
        }
        const a = roadAttributes(f.properties);
        roads.push({ parts: clean, roadClass: a.roadClass, name: a.name, maxspeedKmh: a.maxspeedKmh, oneway: a.oneway });
      }
      if (roads.length === 0) throw new UserError(`"${reader.label}" has no road lines with coordinates.`);
      return { label: reader.label, layer: layer.name, srs: reader.srs, read, skippedNotLines: skipped, roads };
    } finally {
      reader.close();
    }
  } finally {
    opened.cleanup();
  }
}
