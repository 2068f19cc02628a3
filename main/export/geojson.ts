/**
 * GeoJSON export (RFC 7946: WGS 84 lon/lat, exterior rings counter-clockwise), streamed feature by
 * feature. Properties use the long column names.
 */
import type { ExportLayer, ProgressFn } from './layers.ts';
import { FileSink } from './atomic-file.ts';
import { orientPolygons } from './rings.ts';

export function writeGeoJson(file: string, layer: ExportLayer, progress?: ProgressFn): void {
  const sink = new FileSink(file);
  try {
    sink.write(`{"type":"FeatureCollection","name":${JSON.stringify(layer.name)},"features":[\n`);
    layer.rows.forEach((row, i) => {
      if (progress && i % 1000 === 0) progress({ stage: `geojson ${layer.name}`, done: i, total: layer.rows.length });
      const properties = Object.fromEntries(layer.columns.map((c, k) => [c.name, row.values[k] ?? null]));
      const geometry =
        row.geometry?.type === 'MultiPolygon' ? { type: 'MultiPolygon', coordinates: orientPolygons(row.geometry, true) } : row.geometry;
      sink.write((i ? ',\n' : '') + JSON.stringify({ type: 'Feature', properties, geometry }));
    });
    sink.write('\n]}\n');
  } finally {
    sink.close();
  }
}
