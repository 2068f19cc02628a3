/** Helpers of the export and route tests: GDAL's ogrinfo/ogr2ogr as the outside reader. */
import { execFileSync } from 'node:child_process';

export interface OgrLayer {
  name: string;
  geometry: string;
  count: number;
  /** [minX, minY, maxX, maxY] */
  extent: [number, number, number, number] | null;
  /** EPSG code from the layer's SRS WKT, if any. */
  epsg: number | null;
  srsName: string | null;
  /** field name -> OGR type as printed, e.g. "String (5.0)", "Real (12.2)". */
  fields: Record<string, string>;
}

/** Every layer of a dataset as `ogrinfo -so -al` describes it. */
export function ogrLayers(file: string): Record<string, OgrLayer> {
  const out = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
  const layers: Record<string, OgrLayer> = {};
  for (const block of out.split(/^Layer name: /m).slice(1)) {
    const name = block.slice(0, block.indexOf('\n')).trim();
    const extent = /^Extent: \(([-\d.e+]+), ([-\d.e+]+)\) - \(([-\d.e+]+), ([-\d.e+]+)\)$/m.exec(block);
    const ids = [...block.matchAll(/ID\["EPSG",(\d+)\]/g)];
    const fields: Record<string, string> = {};
    for (const m of block.matchAll(/^([^\s:][^:\n]*): (String|Integer|Integer64|Real|Date|DateTime) \(([^)]*)\)$/gm)) fields[m[1]!] = `${m[2]} (${m[3]})`;
    layers[name] = {
      name,
      geometry: /^Geometry: (.+)$/m.exec(block)?.[1] ?? 'None',
      count: Number(/^Feature Count: (\d+)$/m.exec(block)?.[1] ?? NaN),
      extent: extent ? [Number(extent[1]), Number(extent[2]), Number(extent[3]), Number(extent[4])] : null,
      // The outermost (last) ID of the SRS WKT is the CRS's own.
      epsg: ids.length ? Number(ids[ids.length - 1]![1]) : null,
      srsName: /(?:GEOGCRS|PROJCRS)\["([^"]+)"/.exec(block)?.[1] ?? null,
      fields,
    };
  }
  return layers;
}

/** One layer as GeoJSON, converted by GDAL (its reading of our geometry and attributes). */
export function ogrGeoJson(file: string, layer?: string): GeoJSON.FeatureCollection {
  const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, ...(layer ? [layer] : [])], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return JSON.parse(out) as GeoJSON.FeatureCollection;
}

/** A one-row SQL answer through GDAL's SQLite dialect, e.g. sums of ST_Area. */
export function ogrSql(file: string, sql: string): Record<string, string> {
  const out = execFileSync('ogrinfo', ['-ro', '-q', '-dialect', 'sqlite', '-sql', sql, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return Object.fromEntries([...out.matchAll(/^\s+(\w+) \(\w+\) = (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Rings per polygon, e.g. "0+2" for a MultiPolygon whose second polygon has two holes. */
export function holeSignature(g: GeoJSON.Geometry): string {
  if (g.type === 'Polygon') return String(g.coordinates.length - 1);
  if (g.type === 'MultiPolygon') return g.coordinates.map((p) => p.length - 1).join('+');
  return '-';
}

/** Shoelace sign: > 0 for a counter-clockwise ring (x east, y north). */
export function signedArea(ring: GeoJSON.Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s / 2;
}
