/**
 * Road network import end to end: GeoJSON and a projected shapefile (TIGER-like MTFCC classes)
 * into a project, the stored graph, the speed table, drive-time services and CLI, and bad input
 * refused in plain words with the project left exactly as it was.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, LineString } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { importRoads } from '../../main/roads/import-roads.ts';
import { loadRoadGraph } from '../../main/roads/road-store.ts';
import { projectIsochrones, quickestRepPlan, repUnitTravelTimes, unitsWithinMinutesOfRep } from '../../main/roads/drive-time-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { DijkstraWorkspace } from '../../shared/routing/dijkstra.ts';
import { isUserError } from '../../shared/errors.ts';
import { tessera } from '../helpers/cli.ts';
import { LAT0, LON0, STEP, townFeatures, townProject } from './roads-town.ts';
import { ogrFeatureCounts, validateGpkg } from '../helpers/gdal.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';

const dir = tempDir('tessera-roads-');
function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

let townJson = '';
let townShp = '';
let base = '';

beforeAll(() => {
  townJson = writeJson('town.geojson', { type: 'FeatureCollection', features: townFeatures() });
  // a TIGER-like shapefile in UTM zone 18N, so the importer's reprojection is exercised
  townShp = path.join(dir, 'town_shp', 'roads.shp');
  fs.mkdirSync(path.dirname(townShp));
  execFileSync('ogr2ogr', ['-t_srs', 'EPSG:26918', townShp, townJson], { stdio: 'ignore' });
  base = townProject(path.join(dir, 'base.gpkg'));
});

function copyOf(file: string, name: string): string {
  const target = path.join(dir, name);
  fs.copyFileSync(file, target);
  return target;
}

describe('road import', () => {
  it('imports GeoJSON lines with TIGER and OSM classes into a roads layer GDAL reads, and a stored graph', async () => {
    const file = copyOf(base, 'geojson.gpkg');
    const r = await importRoads(file, townJson);
    expect(r.lines).toBe(14);
    expect(r.drivenLines).toBe(13);
    expect(r.notDrivenByClass).toEqual({ footway: 1 });
    expect(r.nodes).toBe(49 - 7 + 7); // the footway's own vertices are crossings of the rows anyway
    // 7 rows x 6 pieces x 2 directions + 5 two-way columns x 6 x 2 + the one-way column once (the footway is not driven)
    expect(r.edges).toBe(7 * 6 * 2 + 5 * 6 * 2 + 6);
    expect(r.oneWayLines).toBe(1);
    expect(r.islands.islands).toBe(1);
    expect(r.warnings).toEqual([]);
    expect(ogrFeatureCounts(file).roads).toBe(14);
    expect(validateGpkg(file)).not.toMatch(/error/i);

    const store = ProjectStore.open(file, { readonly: true });
    const { graph, meta } = loadRoadGraph(store)!;
    expect(meta.speedsKmh.S1100).toBe(105);
    // one-way column 2 goes north only
    const node = (i: number, j: number) => {
      for (let n = 0; n < graph.nodeCount; n++) if (Math.abs(graph.lon[n]! - (LON0 + i * STEP)) < 1e-9 && Math.abs(graph.lat[n]! - (LAT0 + j * STEP)) < 1e-9) return n;
      throw new Error('no node');
    };
    const ws = new DijkstraWorkspace(graph);
    ws.run([node(2, 0)], [0]);
    const north = ws.timeOf(node(2, 1));
    ws.run([node(2, 1)], [0]);
    expect(ws.timeOf(node(2, 0))).toBeGreaterThan(north * 2); // southwards it must detour
    store.close();
  });

  it('imports a projected TIGER-style shapefile to the same network in lon/lat', async () => {
    const file = copyOf(base, 'shp.gpkg');
    const r = await importRoads(file, townShp);
    expect(r.srs).toMatch(/UTM|26918/);
    expect(r.lines).toBe(14);
    expect(r.drivenLines).toBe(13);
    const store = ProjectStore.open(file, { readonly: true });
    const { graph } = loadRoadGraph(store)!;
    store.close();
    expect(graph.nodeCount).toBe(49);
    const lons = [...graph.lon].sort((a, b) => a - b);
    expect(lons[0]).toBeCloseTo(LON0, 6);
  });

  it('replaces an earlier network and reports islands of network that do not connect', async () => {
    const file = copyOf(base, 'islands.gpkg');
    await importRoads(file, townJson);
    const islandLine: Feature<LineString> = {
      type: 'Feature',
      properties: { highway: 'service' },
      geometry: { type: 'LineString', coordinates: [[LON0 + 0.1, LAT0], [LON0 + 0.101, LAT0]] },
    };
    const r = await importRoads(file, writeJson('islands.geojson', { type: 'FeatureCollection', features: [...townFeatures(), islandLine] }));
    expect(r.lines).toBe(15);
    expect(r.islands.islands).toBe(2);
    expect(r.warnings[0]).toMatch(/2 separate pieces: 1 small piece is not joined to the main network \(2 of 51 road nodes/);
    expect(ogrFeatureCounts(file).roads).toBe(15);
  });
});

describe('OpenStreetMap .osm.pbf extract', () => {
  /** The town as OSM XML (rows highway=primary|residential, column 2 one-way, column 5 a footway, one area), converted by osmium. */
  function townPbf(): string {
    const node = (i: number, j: number) => j * 7 + i + 1;
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tessera-test">'];
    for (let j = 0; j < 7; j++) for (let i = 0; i < 7; i++) lines.push(`<node id="${node(i, j)}" version="1" lat="${LAT0 + j * STEP}" lon="${LON0 + i * STEP}"/>`);
    const way = (id: number, refs: number[], tags: Record<string, string>) =>
      lines.push(`<way id="${id}" version="1">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join('')}</way>`);
    for (let j = 0; j < 7; j++) way(100 + j, Array.from({ length: 7 }, (_, i) => node(i, j)), { highway: j === 3 ? 'primary' : 'residential', maxspeed: j === 3 ? '40 mph' : '' });
    for (let i = 0; i < 7; i++) way(200 + i, Array.from({ length: 7 }, (_, j) => node(i, j)), { highway: i === 5 ? 'footway' : 'residential', ...(i === 2 ? { oneway: 'yes' } : {}) });
    way(300, [node(0, 0), node(1, 0), node(1, 1), node(0, 1), node(0, 0)], { highway: 'pedestrian', area: 'yes' });
    way(301, [node(6, 6), 9999, node(6, 5)], { highway: 'service' }); // its middle node is outside the extract
    way(302, [node(0, 6), node(1, 6)], { building: 'yes' });
    lines.push('</osm>');
    const xml = path.join(dir, 'town.osm');
    fs.writeFileSync(xml, lines.join('\n').replace(/ maxspeed="" /g, ' '));
    const pbf = path.join(dir, 'town.osm.pbf');
    execFileSync('osmium', ['cat', '--overwrite', xml, '-o', pbf], { stdio: 'ignore' });
    return pbf;
  }

  it('imports highway ways with their tags, skipping areas, other ways and gaps in the extract', async () => {
    const file = copyOf(base, 'pbf.gpkg');
    const r = await importRoads(file, townPbf());
    expect(r.read).toBe(17);
    expect(r.skippedNotLines).toBe(3); // the area, the building, the service way cut in pieces of one node
    expect(r.lines).toBe(14);
    expect(r.drivenLines).toBe(13);
    expect(r.edges).toBe(7 * 6 * 2 + 5 * 6 * 2 + 6);
    expect(r.linesWithMaxspeed).toBe(1);
    expect(r.oneWayLines).toBe(1);
    const store = ProjectStore.open(file, { readonly: true });
    const row = store.db.prepare("SELECT maxspeed_kmh FROM roads WHERE road_class = 'primary'").get() as { maxspeed_kmh: number };
    store.close();
    expect(row.maxspeed_kmh).toBeCloseTo(64.4, 1);
    expect(ogrFeatureCounts(file).roads).toBe(14);
  });

  it('refuses a file that is not a .osm.pbf in plain words, leaving the project as it was', async () => {
    const file = copyOf(base, 'pbf-bad.gpkg');
    const before = fileHash(file);
    const fake = path.join(dir, 'fake.osm.pbf');
    fs.writeFileSync(fake, 'this is not protobuf at all, just text');
    await expect(importRoads(file, fake)).rejects.toThrow(/"fake.osm.pbf" could not be read as an OpenStreetMap .osm.pbf extract/);
    expect(fileHash(file)).toBe(before);
  });
});

describe('bad road input leaves the project exactly as it was', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'a layer of polygons',
      () => writeJson('zones.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] }),
      /"zones.geojson" holds polygons, not road lines/,
    ],
    [
      'a layer of points',
      () => writeJson('stops.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] }),
      /"stops.geojson" holds points, not road lines/,
    ],
    ['a table', () => (fs.writeFileSync(path.join(dir, 'roads.csv'), 'a,b\n1,2\n'), path.join(dir, 'roads.csv')), /"roads.csv" is a table, not road lines/],
    [
      'lines that are all footways',
      () => writeJson('paths.geojson', { type: 'FeatureCollection', features: townFeatures().map((f) => ({ ...f, properties: { highway: 'footway' } })) }),
      /None of the 14 lines in "paths.geojson" is a road that can be driven \(their classes: footway \(14\)\)/,
    ],
    ['a file that is not there', () => path.join(dir, 'missing.geojson'), /does not exist/],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, async () => {
      const file = copyOf(base, `bad-${what.replace(/\W+/g, '-')}.gpkg`);
      await importRoads(file, townJson);
      const before = fileHash(file);
      const source = make();
      const error = await importRoads(file, source).catch((e: unknown) => e);
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(fileHash(file)).toBe(before);
    });
  }

  it('does not leave a new project behind when the import fails', async () => {
    const file = path.join(dir, 'never.gpkg');
    await expect(importRoads(file, path.join(dir, 'zones.geojson'))).rejects.toThrow(/not road lines/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('drive-time services on the imported network', () => {
  let file = '';
  beforeAll(async () => {
    file = copyOf(base, 'services.gpkg');
    await importRoads(file, townJson);
  });

  it('gives each unit to the quickest rep and checks "within N minutes"; far units get NaN for the estimate to fill', () => {
    const store = ProjectStore.open(file, { readonly: true });
    const t = repUnitTravelTimes(store);
    expect(t.matrix.farTargets).toEqual([2]);
    expect(t.provider.minutes(0, 2)).toBeNaN();
    const plan = quickestRepPlan(store, 2);
    store.close();
    expect(Object.fromEntries(plan.repOfUnit)).toEqual({ 'u-west': 'west', 'u-east': 'east' });
    expect(plan.unreachedUnits).toEqual(['u-far']);
    const west = plan.check.find((c) => c.repId === 'west')!;
    expect(west.units).toBe(1);
    expect(west.within + west.beyond).toBe(1);
  });

  it('uses the fallback estimate where the network cannot answer', () => {
    const store = ProjectStore.open(file, { readonly: true });
    const estimate = () => ({ label: 'estimate', minutes: () => 77, fill: (_o: number, s: number, e: number, out: Float64Array) => out.fill(77, s, e) });
    const t = repUnitTravelTimes(store, { fallback: estimate });
    const plan = quickestRepPlan(store, 2, { fallback: estimate });
    store.close();
    expect(t.provider.minutes(0, 2)).toBe(77);
    expect(t.provider.minutes(0, 0)).toBeLessThan(10);
    expect(t.provider.label).toMatch(/Road network.*cannot answer: estimate/);
    expect(plan.repOfUnit.get('u-far')).toBe('west');
  });

  it('lists the units within N minutes of a rep', () => {
    const store = ProjectStore.open(file, { readonly: true });
    const near = unitsWithinMinutesOfRep(store, 'west', 3); // west block 2.5 min, east block 3.2 min
    const all = unitsWithinMinutesOfRep(store, 'west', 30);
    expect(() => unitsWithinMinutesOfRep(store, 'nobody', 5)).toThrow(/has no rep "nobody". Its reps: west, east/);
    store.close();
    expect(near.within.map((u) => u.unitId)).toEqual(['u-west']);
    expect(all.within.map((u) => u.unitId)).toEqual(['u-west', 'u-east']);
    expect(all.within[0]!.minutes).toBeLessThan(all.within[1]!.minutes);
    expect(all.noAnswer).toEqual(['u-far']);
  });

  it('refuses a start point far from every road, and a project without roads, in plain words', () => {
    const store = ProjectStore.open(file, { readonly: true });
    expect(() => projectIsochrones(store, LON0 + 1, LAT0 + 1, [10])).toThrow(/more than 3.0 km from every road of the network.*estimate is used/);
    store.close();
    const bare = ProjectStore.open(base, { readonly: true });
    expect(() => projectIsochrones(bare, LON0, LAT0, [10])).toThrow(/has no road network, so drive times can only be estimated/);
    bare.close();
  });
});

describe('tessera roads / drive-time command line', () => {
  it('imports, writes isochrones, edits a class speed and rebuilds the graph', () => {
    const file = copyOf(base, 'cli.gpkg');
    const imported = tessera('roads', 'import', file, townJson, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout).lines).toBe(14);

    const out = path.join(dir, 'iso.geojson');
    const iso = tessera('drive-time', file, '--from', `${LON0 + 3 * STEP},${LAT0 + 3 * STEP}`, '--minutes', '1,2', '--out', out, '--json');
    expect(iso.status).toBe(0);
    expect(JSON.parse(iso.stdout).bands.map((b: { minutes: number }) => b.minutes)).toEqual([1, 2]);
    const fc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');

    const speeds = tessera('roads', 'speeds', file, '--set', 'S1400=20', '--set', 'footway=5');
    expect(speeds.status).toBe(0);
    expect(speeds.stdout).toMatch(/S1400\s+20/);
    expect(speeds.stdout).toMatch(/Routing graph rebuilt/);
    const store = ProjectStore.open(file, { readonly: true });
    expect(loadRoadGraph(store)!.meta.speedsKmh.S1400).toBe(20);
    expect(loadRoadGraph(store)!.graph.edgeCount).toBe(7 * 6 * 2 + 6 * 6 * 2 + 6); // the footway now driven
    store.close();

    const within = tessera('drive-time', file, '--rep', 'east', '--within', '3');
    expect(within.status).toBe(0);
    expect(within.stdout).toMatch(/^1 units within 3 minutes of rep east's home \(road network\):\n {2}u-east /);
    expect(within.stdout).toMatch(/1 units are far from any road/);

    const before = fileHash(file);
    const bad = tessera('drive-time', file, '--from', 'north', '--out', out);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--from "north" is not a point/);
    expect(fileHash(file)).toBe(before);
  }, 60_000);
});
