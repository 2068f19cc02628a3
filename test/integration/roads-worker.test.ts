/** Road network jobs in a worker thread: progress, results and plain-language errors cross the thread boundary. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRoadsJob, type RoadsProgress } from '../../main/roads/roads-job.ts';
import { isUserError } from '../../shared/errors.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { LAT0, LON0, STEP, townFeatures, townProject } from './roads-town.ts';

const dir = tempDir('tessera-roads-worker-');

describe('road network worker', () => {
  it('imports roads, draws isochrones and computes the rep x unit matrix off the calling thread', async () => {
    const file = townProject(path.join(dir, 'town.gpkg'));
    const source = path.join(dir, 'town.geojson');
    fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: townFeatures() }));
    const progress: RoadsProgress[] = [];
    const report = await startRoadsJob({ kind: 'import', projectFile: file, source, options: {} }, (p) => progress.push(p)).result;
    expect(report.lines).toBe(14);
    expect(progress.map((p) => p.message).join('\n')).toMatch(/Reading road lines from town.geojson\nBuilding the routing graph from 14 lines/);

    const iso = await startRoadsJob({ kind: 'isochrones', projectFile: file, lon: LON0 + 3 * STEP, lat: LAT0 + 3 * STEP, minutes: [2, 4] }).result;
    expect(iso.collection.features.map((f) => f.properties.minutes)).toEqual([2, 4]);
    expect(iso.report.bands[1]!.areaKm2).toBeGreaterThan(iso.report.bands[0]!.areaKm2);

    const matrixProgress: RoadsProgress[] = [];
    const m = await startRoadsJob({ kind: 'matrix', projectFile: file }, (p) => matrixProgress.push(p)).result;
    expect(m.repIds).toEqual(['west', 'east']);
    expect(m.unitIds).toEqual(['u-west', 'u-east', 'u-far']);
    expect(m.minutes).toBeInstanceOf(Float32Array);
    expect(m.minutes[0]).toBeLessThan(m.minutes[1]!); // west rep: west block before east block
    expect(m.minutes[2]).toBeNaN();
    expect(m.farUnits).toEqual(['u-far']);
    expect(matrixProgress.at(-1)).toEqual({ message: 'Drive times from rep 2 of 2', percent: 100 });

    // the same matrix from two threads sharing the reps, and from one
    const split = await startRoadsJob({ kind: 'matrix', projectFile: file, threads: 2 }).result;
    const single = await startRoadsJob({ kind: 'matrix', projectFile: file, threads: 1 }).result;
    expect(split.repIds).toEqual(['west', 'east']);
    expect([...split.minutes]).toEqual([...single.minutes]);
    expect([...split.minutes]).toEqual([...m.minutes]);
  });

  it('passes a plain-language refusal back and leaves the project as it was', async () => {
    const file = townProject(path.join(dir, 'refuse.gpkg'));
    const before = fileHash(file);
    const polygons = path.join(dir, 'zones.geojson');
    fs.writeFileSync(polygons, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] }));
    const error = await startRoadsJob({ kind: 'import', projectFile: file, source: polygons, options: {} }).result.catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/"zones.geojson" holds polygons, not road lines/);
    expect(fileHash(file)).toBe(before);
    const noRoads = await startRoadsJob({ kind: 'matrix', projectFile: file }).result.catch((e: unknown) => e);
    expect((noRoads as Error).message).toMatch(/has no road network/);
  });
});
