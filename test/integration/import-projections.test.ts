/**
 * Real shapefiles in other coordinate systems, made with ogr2ogr from the Census RI ZCTAs:
 * after our reprojection the extent matches GDAL's own reprojection of the same file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run-import.ts';
import { isUserError } from '../../shared/errors.ts';
import { tempDir } from '../helpers/temp.ts';
import { expectExtentClose, ogr2ogr, ogrSummary, ogrToLonLat, RI_GEOJSON } from './import-support.ts';

const dir = tempDir('tessera-import-srs-');

const CASES = [
  { srs: 'EPSG:2249', what: 'NAD83 Massachusetts State Plane, US survey feet (Lambert conformal conic)' },
  { srs: 'EPSG:26719', what: 'NAD27 UTM zone 19N (datum shift)' },
  { srs: 'EPSG:4267', what: 'NAD27 geographic (datum shift without projection)' },
  { srs: 'EPSG:3857', what: 'Web Mercator' },
  { srs: 'EPSG:32619', what: 'WGS 84 UTM zone 19N' },
  { srs: 'EPSG:3035', what: 'ETRS89 LAEA Europe (far outside its area, still exact maths)' },
  // Datums with a shift are only comparable inside their area: outside it PROJ falls back to a
  // ballpark (no shift), so OSGB36/ED50 cannot be judged on Rhode Island data.
];

describe('reprojection from the .prj', () => {
  it.each(CASES)('$srs ($what)', async ({ srs }) => {
    const folder = path.join(dir, srs.replace(':', '_'));
    ogr2ogr('-t_srs', srs, '-nln', 'ri', folder, RI_GEOJSON);
    const shp = path.join(folder, 'ri.shp');
    const gdal = ogrSummary(ogrToLonLat(shp, path.join(dir, `${srs.replace(':', '_')}.geojson`)));
    const report = await runImport(path.join(dir, `${srs.replace(':', '_')}.gpkg`), shp);
    expect(report.written).toBe(gdal.count);
    // GDAL prints 6 decimals; the datum shifts are the same Helmert parameters GDAL picks.
    expectExtentClose(report.bbox, gdal.extent, 2e-6);
  });

  it('a projected shapefile without .prj asks for --srs, and imports with it', async () => {
    const folder = path.join(dir, 'noprj');
    ogr2ogr('-t_srs', 'EPSG:2249', '-nln', 'ri', folder, RI_GEOJSON);
    fs.rmSync(path.join(folder, 'ri.prj'));
    const project = path.join(dir, 'noprj.gpkg');
    const error = await runImport(project, path.join(folder, 'ri.shp')).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/"ri\.shp" has no \.prj file .* are not longitude\/latitude\. Give the coordinate system with --srs EPSG:NNNN/);
    expect(fs.existsSync(project)).toBe(false);

    const report = await runImport(project, path.join(folder, 'ri.shp'), { srs: 'EPSG:2249' });
    expect(report.srs).toBe('EPSG:2249');
    expectExtentClose(report.bbox, ogrSummary(RI_GEOJSON).extent, 2e-6);
  });

  it('a lon/lat shapefile without .prj is accepted as lon/lat', async () => {
    const folder = path.join(dir, 'noprj-lonlat');
    ogr2ogr('-nln', 'ri', folder, RI_GEOJSON);
    fs.rmSync(path.join(folder, 'ri.prj'));
    const report = await runImport(path.join(dir, 'noprj-lonlat.gpkg'), path.join(folder, 'ri.shp'));
    expect(report.srs).toMatch(/assumed/);
    expectExtentClose(report.bbox, ogrSummary(RI_GEOJSON).extent, 1e-6);
  });

  it('an unknown --srs code is a plain error', async () => {
    const error = await runImport(path.join(dir, 'bad-srs.gpkg'), RI_GEOJSON, { srs: 'EPSG:999999' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('EPSG:999999 is not a coordinate system Tessera knows.');
  });
});
