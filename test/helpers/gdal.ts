import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Feature counts per layer as GDAL's ogrinfo reports them: the outside judge of our files. */
export function ogrFeatureCounts(file: string): Record<string, number> {
  const out = execFileSync('ogrinfo', ['-so', '-al', file], { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  let layer = '';
  for (const line of out.split('\n')) {
    const name = /^Layer name: (.+)$/.exec(line);
    if (name) layer = name[1]!;
    const count = /^Feature Count: (\d+)$/.exec(line);
    if (count && layer) counts[layer] = Number(count[1]);
  }
  return counts;
}

/** GDAL's GeoPackage validator (python3-gdal); returns its output, throws when the file is invalid. */
export function validateGpkg(file: string): string {
  return execFileSync('python3', ['/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py', file], {
    encoding: 'utf8',
  });
}

/** GEOS's validity of each feature of a single-layer file, in order (through GDAL's SQLite dialect). */
export function geosValidity(file: string): boolean[] {
  const layer = path.basename(file, path.extname(file));
  const out = execFileSync('ogrinfo', [file, '-dialect', 'SQLite', '-sql', `SELECT ST_IsValid(geometry) AS valid FROM "${layer}"`], { encoding: 'utf8' });
  return [...out.matchAll(/^\s*valid \(Integer\) = (\d)/gm)].map((m) => m[1] === '1');
}
