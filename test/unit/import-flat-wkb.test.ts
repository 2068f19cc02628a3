/**
 * The import writes GeoPackage WKB straight from packed arrays (encodeGpkgFlatMultiPolygon); the
 * blobs must be byte-for-byte those the GeoJSON encoder writes, and GDAL must read them back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { packMultiPolygon } from '../../main/import/compact.ts';
import { decodeGpkgGeometry, encodeGpkgFlatMultiPolygon, encodeGpkgGeometry } from '../../main/store/gpkg-geometry.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tempDir } from '../helpers/temp.ts';

const square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
const hole = [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]];

describe('WKB from packed polygons', () => {
  const cases: [string, MultiPolygon][] = [
    ['one polygon', { type: 'MultiPolygon', coordinates: [[square]] }],
    ['polygon with a hole and a second part', { type: 'MultiPolygon', coordinates: [[square, hole], [[[10, 10], [11, 10], [11, 11], [10, 10]]]] }],
    ['negative and fractional coordinates', { type: 'MultiPolygon', coordinates: [[[[-71.123456789, 41.1], [-71.2, 41.1], [-71.2, 41.3], [-71.123456789, 41.1]]]] }],
    ['empty', { type: 'MultiPolygon', coordinates: [] }],
  ];
  it.each(cases)('%s: same bytes as the GeoJSON encoder', (_name, geometry) => {
    const packed = packMultiPolygon(geometry);
    const blob = encodeGpkgFlatMultiPolygon(packed);
    expect(blob.equals(encodeGpkgGeometry(geometry))).toBe(true);
    expect(decodeGpkgGeometry(blob)).toEqual(geometry.coordinates.length ? geometry : null);
  });

  it('works on arrays that are views into a larger buffer', () => {
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square, hole]] };
    const packed = packMultiPolygon(geometry);
    const big = new Float64Array(packed.coords.length + 3);
    big.set(packed.coords, 3);
    const view = { ...packed, coords: big.subarray(3) };
    expect(encodeGpkgFlatMultiPolygon(view).equals(encodeGpkgGeometry(geometry))).toBe(true);
  });

  it('units inserted packed are read back by GDAL with their extent', () => {
    const dir = tempDir('tessera-flat-wkb-');
    const file = path.join(dir, 'flat.gpkg');
    const store = ProjectStore.open(file, { create: true });
    try {
      store.transaction(() =>
        store.insertUnits([
          { id: 'a', name: 'A', geometry: packMultiPolygon({ type: 'MultiPolygon', coordinates: [[square, hole]] }), values: {} },
          { id: 'b', name: 'B', geometry: { type: 'Polygon', coordinates: [[[3, 3], [4, 3], [4, 5], [3, 3]]] }, values: {} },
        ]),
      );
      expect(store.unitGeometry('a')).toEqual({ type: 'MultiPolygon', coordinates: [[square, hole]] });
    } finally {
      store.close();
    }
    const info = execFileSync('ogrinfo', ['-so', file, 'units'], { encoding: 'utf8' });
    expect(info).toMatch(/Feature Count: 2/);
    expect(info).toMatch(/Extent: \(0\.000000, 0\.000000\) - \(4\.000000, 5\.000000\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
