/**
 * Isochrone accuracy on a real city network: the OpenStreetMap Gothenburg extract from
 * geojson-path-finder's tests (ODbL; read from node_modules, never copied). Every node points can
 * be snapped to (the strongly connected network) is checked against the polygon of each band:
 * reached within it -> inside, else outside. The thresholds are what the nearest-road grid with
 * bisector contours measured (see shared/routing/README.md) less a small margin, and at least the
 * issue's 99 % / 97 %, so a coarser grid or a contour that drifts fails here (the grid without
 * road sites measured 96.1 % / 89.0 % outside over the main island).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importRoads } from '../../main/roads/import-roads.ts';
import { loadRoadGraph } from '../../main/roads/road-store.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { DEFAULT_MAX_GRID_CELLS, isochrones } from '../../shared/routing/isochrone.ts';
import { RoutingNetwork } from '../../shared/routing/network.ts';
import { geosValidity } from '../helpers/gdal.ts';
import { tempDir } from '../helpers/temp.ts';
import { isochroneAccuracy } from '../unit/routing-fixtures.ts';
import { GOTHENBURG } from './roads-compare.ts';

const dir = tempDir();
const ORIGINS = [[11.9746, 57.7089], [11.94, 57.72], [12.0, 57.69], [11.96, 57.7], [11.99, 57.73]] as const;

describe('isochrones on the Gothenburg OpenStreetMap roads', () => {
  it('puts reached nodes inside each band and keeps most unreached ones outside, on a bounded grid', async () => {
    const file = path.join(dir, 'gothenburg-iso.gpkg');
    await importRoads(file, GOTHENBURG);
    const store = ProjectStore.open(file);
    const { graph } = loadRoadGraph(store)!;
    store.close();
    const net = new RoutingNetwork(graph);
    const tally = { 5: [0, 0, 0, 0], 10: [0, 0, 0, 0] } as Record<number, number[]>;
    const drawn: Feature[] = [];
    for (const [lon, lat] of ORIGINS) {
      const r = isochrones(net, lon, lat, [5, 10]);
      drawn.push(...r.collection.features);
      expect(r.grid.nx * r.grid.ny).toBeLessThanOrEqual(DEFAULT_MAX_GRID_CELLS);
      const ws = net.search(net.snap(lon, lat)!, 600);
      for (const f of r.collection.features) {
        const a = isochroneAccuracy(graph, (n) => ws.timeOf(n), f.geometry, f.properties.minutes * 60, 1, (n) => net.drivable[n] === 1);
        const t = tally[f.properties.minutes]!;
        t[0]! += a.reached;
        t[1]! += a.reachedInside;
        t[2]! += a.unreached;
        t[3]! += a.unreachedOutside;
      }
    }
    const [r5, in5, u5, out5] = tally[5]!, [r10, in10, u10, out10] = tally[10]!;
    expect(in5! / r5!).toBeGreaterThanOrEqual(0.995); // 0.9968 measured
    expect(in10! / r10!).toBeGreaterThanOrEqual(0.999); // 0.9996
    expect(out5! / u5!).toBeGreaterThanOrEqual(0.98); // 0.9878
    expect(out10! / u10!).toBeGreaterThanOrEqual(0.975); // 0.9813
    // GEOS (through GDAL) finds every polygon valid: the bends inside cells cross no other edge
    const geojson = path.join(dir, 'gothenburg-bands.geojson');
    fs.writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: drawn }));
    expect(geosValidity(geojson)).toEqual(drawn.map(() => true));
  }, 120_000);

  it('never snaps a point to a one-way trap, a road no drive can both reach and leave', async () => {
    const file = path.join(dir, 'gothenburg-iso.gpkg');
    const store = ProjectStore.open(file);
    const { graph } = loadRoadGraph(store)!;
    store.close();
    const net = new RoutingNetwork(graph);
    expect(net.islands.oneWayTrappedNodes).toBeGreaterThan(100);
    let checked = 0;
    for (let n = 0; n < graph.nodeCount && checked < 300; n++) {
      if (net.drivable[n] || net.components.componentOf[n] !== 0) continue;
      checked++;
      const snap = net.snap(graph.lon[n]!, graph.lat[n]!)!;
      expect([net.drivable[snap.a], net.drivable[snap.b]]).toEqual([1, 1]);
      expect(snap.distanceM).toBeGreaterThan(0); // not onto the trap itself
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});
