/**
 * A real road network: the OpenStreetMap Gothenburg extract from geojson-path-finder's tests
 * (ODbL; read from node_modules, never copied), imported through `tessera roads import`'s service,
 * with route times compared to geojson-path-finder's on the same network and costs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRoads } from '../../main/roads/import-roads.ts';
import { loadRoadGraph } from '../../main/roads/road-store.ts';
import { projectIsochrones } from '../../main/roads/drive-time-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tempDir } from '../helpers/temp.ts';
import { ogrFeatureCounts } from '../helpers/gdal.ts';
import { ringProblems } from '../unit/routing-fixtures.ts';
import { compareWithPathFinder, GOTHENBURG } from './roads-compare.ts';

const dir = tempDir();
const file = path.join(dir, 'gothenburg.gpkg');

describe('Gothenburg OpenStreetMap roads', () => {
  it('imports the lines, classes, speed limits and one-way streets, and reports the islands', async () => {
    const r = await importRoads(file, GOTHENBURG);
    expect(r.read).toBe(20227);
    expect(r.skippedNotLines).toBe(107); // pedestrian areas drawn as polygons
    expect(r.lines).toBe(20120);
    expect(r.notDrivenByClass.footway).toBeGreaterThan(5000);
    expect(r.classes.find((c) => c.roadClass === 'motorway')?.speedKmh).toBe(110);
    expect(r.oneWayLines).toBeGreaterThan(3000);
    expect(r.linesWithMaxspeed).toBeGreaterThan(1800);
    expect(r.islands.islands).toBeGreaterThan(1);
    expect(r.warnings.join(' ')).toMatch(/separate pieces.*estimate is used/);
    expect(r.warnings.join(' ')).toMatch(/road nodes \([0-9.]+%\) lie on one-way roads that no drive can both reach and leave/);
    expect(ogrFeatureCounts(file).roads).toBe(20120);
  }, 60_000);

  it('routes the same times as geojson-path-finder, or faster where its compacted search misses the best route', async () => {
    const store = ProjectStore.open(file, { readonly: true });
    const { graph } = loadRoadGraph(store)!;
    store.close();
    const c = await compareWithPathFinder(graph, 40, 7, 3);
    expect(c.onlyOne).toBe(0);
    // a pair neither routes sits behind one-way streets with no way out (same answer from both)
    expect(c.bothRouted + c.neitherRouted).toBe(40);
    expect(c.bothRouted).toBeGreaterThan(34);
    expect(c.tesseraSlower).toBe(0);
    expect(c.agree / c.bothRouted).toBeGreaterThan(0.7);
    // every faster route checked is made only of edges of geojson-path-finder's own graph, at its costs
    expect(c.fasterVerified).toBe(c.fasterChecked);
  }, 60_000);

  it('draws valid drive-time polygons over the city', () => {
    const store = ProjectStore.open(file, { readonly: true });
    const { result, report } = projectIsochrones(store, 11.9746, 57.7089, [5, 10]);
    store.close();
    expect(report.bands[0]!.areaKm2).toBeGreaterThan(5);
    expect(report.bands[1]!.areaKm2).toBeGreaterThan(report.bands[0]!.areaKm2);
    for (const f of result.collection.features) expect(ringProblems(f.geometry)).toEqual([]);
  });
});
