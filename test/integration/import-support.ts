/** Shared helpers of the import tests: GDAL as the outside judge, and fixture makers. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ZCTA_DIR = path.resolve(import.meta.dirname, '../../../shared/data/zcta');
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
export const RI_GEOJSON = path.join(ZCTA_DIR, 'ri_rhode_island_zip_codes_geo.min.json');
export const DE_GEOJSON = path.join(ZCTA_DIR, 'de_delaware_zip_codes_geo.min.json');

export interface OgrSummary {
  count: number;
  /** [minX, minY, maxX, maxY] as ogrinfo prints it. */
  extent: [number, number, number, number];
}

/** Feature count and extent of the (only or named) layer, as `ogrinfo -so -al` reports them. */
export function ogrSummary(file: string, layer?: string): OgrSummary {
  const out = execFileSync('ogrinfo', ['-so', '-al', ...(layer ? [] : []), file, ...(layer ? [layer] : [])], { encoding: 'utf8' });
  const count = /^Feature Count: (\d+)$/m.exec(out);
  const extent = /^Extent: \(([-\d.e+]+), ([-\d.e+]+)\) - \(([-\d.e+]+), ([-\d.e+]+)\)$/m.exec(out);
  if (!count || !extent) throw new Error(`ogrinfo gave no count/extent for ${file}:\n${out}`);
  return { count: Number(count[1]), extent: [Number(extent[1]), Number(extent[2]), Number(extent[3]), Number(extent[4])] };
}

/** GDAL's own reprojection of a file to lon/lat (EPSG:4326), as GeoJSON, for comparison. */
export function ogrToLonLat(source: string, target: string): string {
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', target, source]);
  return target;
}

export function ogr2ogr(...args: string[]): void {
  execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A zip of everything under `dir` (entries relative to it), written by Python's zipfile (python3 comes with python3-gdal). */
export function zipFolder(dir: string, zipFile: string): string {
  const script = [
    'import os, sys, zipfile',
    'root, target = sys.argv[1], sys.argv[2]',
    'with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for folder, _, files in os.walk(root):',
    '        for f in files:',
    '            full = os.path.join(folder, f)',
    '            z.write(full, os.path.relpath(full, root))',
  ].join('\n');
  execFileSync('python3', ['-c', script, dir, zipFile]);
  return zipFile;
}

/** First `n` features of a GeoJSON file, with properties mapped, written to `target`. */
export function subsetGeoJson(
  source: string,
  target: string,
  n: number,
  properties?: (p: Record<string, unknown>, i: number) => Record<string, unknown>,
): string {
  const doc = JSON.parse(fs.readFileSync(source, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  const features = doc.features.slice(0, n).map((f, i) => ({ ...f, properties: properties ? properties(f.properties, i) : f.properties }));
  fs.writeFileSync(target, JSON.stringify({ type: 'FeatureCollection', features }));
  return target;
}

export function expectExtentClose(actual: readonly number[] | null, expected: readonly number[], tolerance: number): void {
  if (!actual) throw new Error('no extent');
  for (let i = 0; i < 4; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tolerance)) {
      throw new Error(`extent differs at ${i}: ${actual.join(', ')} vs GDAL ${expected.join(', ')} (tolerance ${tolerance})`);
    }
  }
}
