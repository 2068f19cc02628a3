/**
 * Every real Census ZCTA file in shared/data/zcta imports with the feature count and lon/lat
 * extent that GDAL reports for it, and leaves a project GDAL reads back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../main/store/gpkg-geometry.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { runImport } from '../../main/import/run-import.ts';
import { unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { tempDir } from '../helpers/temp.ts';
import { expectExtentClose, ogrSummary, ZCTA_DIR } from './import-support.ts';

const dir = tempDir('tessera-import-zcta-');
const sources = fs.readdirSync(ZCTA_DIR).filter((f) => /\.(json|zip)$/.test(f)).sort();

describe('import of the Census ZCTA files', () => {
  it('finds the eight files', () => {
    expect(sources).toHaveLength(8);
  });

  it.each(sources)('%s: same count and extent as GDAL', async (file) => {
    const source = path.join(ZCTA_DIR, file);
    const gdal = ogrSummary(file.endsWith('.zip') ? `/vsizip/${source}` : source);
    const project = path.join(dir, `${file}.gpkg`);
    const report = await runImport(project, source);

    expect(report.as).toBe('units');
    expect(report.read).toBe(gdal.count);
    expect(report.written).toBe(gdal.count);
    expect(report.skipped).toEqual([]);
    expectExtentClose(report.bbox, gdal.extent, 1e-6);
    expect(report.encoding).toBe('utf-8');
    expect(report.idField).toBe('GEOID10');
    expect(report.metrics).toEqual(['ALAND10', 'AWATER10']);
    expect(report.createdScenario).toBe(true);

    // What was stored: GDAL counts the units, their envelope matches, ids keep leading zeros.
    expect(ogrSummary(project, 'units').count).toBe(gdal.count);
    const store = ProjectStore.open(project);
    try {
      const units = store.units();
      expect(units).toHaveLength(gdal.count);
      const env = units.map((u) => envelopeOf(store.unitGeometry(u.id)!));
      expectExtentClose(
        [Math.min(...env.map((e) => e.minX)), Math.min(...env.map((e) => e.minY)), Math.max(...env.map((e) => e.maxX)), Math.max(...env.map((e) => e.maxY))],
        gdal.extent,
        1e-6,
      );
      expect(units.every((u) => /^\d{7}$/.test(u.id))).toBe(true);
      expect(store.scenarios()).toEqual([{ id: 'plan-1', name: 'Plan 1' }]);
      expect(store.fields().find((f) => f.name === 'ALAND10')?.kind).toBe('number');
      // Topology: object "units", one geometry per unit, id = unit id.
      const topology = store.topology('units')!;
      const byId = unitGeometriesById(topology);
      expect(byId.size).toBe(gdal.count);
      expect([...byId.keys()].sort()).toEqual(units.map((u) => u.id).sort());
    } finally {
      store.close();
    }
  });
});
