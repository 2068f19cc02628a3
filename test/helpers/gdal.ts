import { execFileSync } from 'node:child_process';

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
