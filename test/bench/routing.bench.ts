/**
 * Routing benchmark (`npx tsx scripts/bench.ts routing`): on a generated ~1,000,000-edge road grid,
 * the 60-minute isochrone search and polygon (median ms, targets 60 and 30), the 50 reps x 33,000
 * units matrix (s, target 10), isochrone accuracy against the network times (targets 99% / 97%),
 * the graph's BLOB round trip through a project; and on the real Gothenburg OpenStreetMap network,
 * import time and route times compared with geojson-path-finder in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importRoads } from '../../main/roads/import-roads.ts';
import { startRoadsJob } from '../../main/roads/roads-job.ts';
import { loadRoadGraph, saveRoadGraph } from '../../main/roads/road-store.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { isochrones } from '../../shared/routing/isochrone.ts';
import { travelTimeMatrix } from '../../shared/routing/matrix.ts';
import { RoutingNetwork } from '../../shared/routing/network.ts';
import { compareWithPathFinder, GOTHENBURG } from '../integration/roads-compare.ts';
import { isochroneAccuracy, mulberry32, perturbedGrid } from '../unit/routing-fixtures.ts';

const N = 512; // nodes per side: 262,144 nodes, ~1,005,000 directed edges
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export default async function routingBench(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-routing-bench-'));
  try {
    let t = performance.now();
    const graph = perturbedGrid({ n: N, spacingM: 500, seed: 1 });
    const generateMs = performance.now() - t;

    // the graph's round trip through a project file (what "loads instantly" means)
    const file = path.join(dir, 'grid.gpkg');
    const store = ProjectStore.open(file, { create: true });
    t = performance.now();
    store.transaction(() =>
      saveRoadGraph(store, graph, { source: 'bench', builtAt: '', lines: 0, drivenLines: 0, roadKm: 0, snapDegrees: 1e-7, speedsKmh: {} }),
    );
    const saveMs = performance.now() - t;
    t = performance.now();
    const loaded = loadRoadGraph(store)!.graph;
    const loadMs = performance.now() - t;
    store.close();
    t = performance.now();
    const net = new RoutingNetwork(loaded);
    const networkMs = performance.now() - t;

    // isochrones from nodes in the middle half of the grid
    const rnd = mulberry32(11);
    const origins: [number, number][] = [];
    for (let k = 0; k < 13; k++) {
      const i = Math.floor(N / 4 + rnd() * (N / 2));
      const j = Math.floor(N / 4 + rnd() * (N / 2));
      origins.push([graph.lon[j * N + i]! + 0.0011, graph.lat[j * N + i]! + 0.0007]);
    }
    const search: number[] = [];
    const polygon: number[] = [];
    const polygon3: number[] = [];
    const reached: number[] = [];
    const acc = { reached: 0, reachedInside: 0, unreached: 0, unreachedOutside: 0 };
    const acc3 = { reached: 0, reachedInside: 0, unreached: 0, unreachedOutside: 0 };
    for (const [k, [lon, lat]] of origins.entries()) {
      const r = isochrones(net, lon, lat, [60]);
      if (k < 2) continue; // warm-up
      search.push(r.searchMs);
      polygon.push(r.polygonMs);
      reached.push(r.reachedNodes);
      const r3 = isochrones(net, lon, lat, [15, 30, 60]);
      polygon3.push(r3.polygonMs);
      if (k < 7) {
        const ws = net.search(net.snap(lon, lat)!, 3600);
        const a = isochroneAccuracy(loaded, (n) => ws.timeOf(n), r.collection.features[0]!.geometry, 3600);
        for (const key of Object.keys(acc) as (keyof typeof acc)[]) acc[key] += a[key];
        for (const f of r3.collection.features.slice(0, 2)) {
          const b = isochroneAccuracy(loaded, (n) => ws.timeOf(n), f.geometry, f.properties.minutes * 60, 4);
          for (const key of Object.keys(acc3) as (keyof typeof acc3)[]) acc3[key] += b[key];
        }
      }
    }

    // 50 reps x 33,000 units at random points over the grid
    const box = { lon0: graph.lon[0]!, lat0: graph.lat[0]!, lon1: graph.lon[N * N - 1]!, lat1: graph.lat[N * N - 1]! };
    const points = (n: number) => {
      const a = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        a[2 * k] = box.lon0 + rnd() * (box.lon1 - box.lon0);
        a[2 * k + 1] = box.lat0 + rnd() * (box.lat1 - box.lat0);
      }
      return a;
    };
    const reps = points(50);
    const units = points(33_000);
    t = performance.now();
    const m = travelTimeMatrix(net, reps, units);
    const matrixS = (performance.now() - t) / 1000;
    let nan = 0;
    for (const v of m.minutes) if (Number.isNaN(v)) nan++;

    // the production path: the same reps and units in the project, the matrix in worker threads
    const ps = ProjectStore.open(file);
    ps.transaction(() => {
      ps.insertReps(Array.from({ length: 50 }, (_, k) => ({ id: `r${k}`, name: `Rep ${k}`, home: '', location: [reps[2 * k]!, reps[2 * k + 1]!] as [number, number] })));
      const d = 0.0005;
      ps.insertUnits(
        Array.from({ length: 33_000 }, (_, k) => {
          const x = units[2 * k]!, y = units[2 * k + 1]!;
          return { id: `u${k}`, name: `u${k}`, values: {}, geometry: { type: 'Polygon' as const, coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] } };
        }),
      );
    });
    ps.close();
    const threaded: Record<string, number> = {};
    for (const threads of [1, 2]) {
      t = performance.now();
      const r = await startRoadsJob({ kind: 'matrix', projectFile: file, threads }).result;
      threaded[`threads${threads}Seconds`] = round((performance.now() - t) / 1000, 2);
      if (r.minutes.length !== 50 * 33_000) throw new Error('matrix size');
    }

    // Gothenburg (OpenStreetMap, ODbL, from geojson-path-finder's tests)
    t = performance.now();
    const g = await importRoads(path.join(dir, 'gothenburg.gpkg'), GOTHENBURG);
    const importS = (performance.now() - t) / 1000;
    const gs = ProjectStore.open(path.join(dir, 'gothenburg.gpkg'), { readonly: true });
    const gGraph = loadRoadGraph(gs)!.graph;
    gs.close();
    const cmp = await compareWithPathFinder(gGraph, 100, 7, 10);
    // isochrone accuracy on the real network, from five points around the city centre, counted
    // over the nodes points are snapped to (`drivable`: the strongly connected network; the
    // issue's targets) and, to show what that leaves out, over every node of the main island
    // (one-way traps included: no drive ever reaches them, and the polygon does not try to keep
    // them out, since a target beside them is snapped to a road around them)
    const gNet = new RoutingNetwork(gGraph);
    type Tally = { reached: number; reachedInside: number; unreached: number; unreachedOutside: number; trapped: number; trappedOutside: number; polygonMs: number[] };
    const gAcc: Record<string, Tally> = {};
    // default (adaptive cell within DEFAULT_MAX_GRID_CELLS), and a 4x larger cell budget to show what more cells buy
    for (const [variant, options] of [['', {}], ['cells1200k-', { maxCells: 1_200_000 }]] as const)
    for (const [lon, lat] of [[11.9746, 57.7089], [11.94, 57.72], [12.0, 57.69], [11.96, 57.7], [11.99, 57.73]] as const) {
      const r = isochrones(gNet, lon, lat, [5, 10, 15], options);
      const ws = gNet.search(gNet.snap(lon, lat)!, 900);
      for (const f of r.collection.features) {
        const seconds = f.properties.minutes * 60;
        const a = isochroneAccuracy(gGraph, (n) => ws.timeOf(n), f.geometry, seconds, 1, (n) => gNet.drivable[n] === 1);
        const main = gNet.components.componentOf;
        const trapped = isochroneAccuracy(gGraph, (n) => ws.timeOf(n), f.geometry, seconds, 1, (n) => main[n] === 0 && gNet.drivable[n] === 0);
        const e = (gAcc[`${variant}${f.properties.minutes}min`] ??= { reached: 0, reachedInside: 0, unreached: 0, unreachedOutside: 0, trapped: 0, trappedOutside: 0, polygonMs: [] });
        e.reached += a.reached;
        e.reachedInside += a.reachedInside;
        e.unreached += a.unreached;
        e.unreachedOutside += a.unreachedOutside;
        e.trapped += trapped.unreached;
        e.trappedOutside += trapped.unreachedOutside;
        e.polygonMs.push(r.polygonMs);
      }
    }
    const pct = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 2) : null);
    const gothenburgIsochrones = Object.fromEntries(
      Object.entries(gAcc).map(([k, v]) => [
        k,
        {
          reachedInsidePct: pct(v.reachedInside, v.reached),
          unreachedOutsidePct: pct(v.unreachedOutside, v.unreached),
          unreachedNodes: v.unreached,
          oneWayTrappedUnreachedOutsidePct: pct(v.trappedOutside, v.trapped),
          polygonMedianMs: median(v.polygonMs),
        },
      ]),
    );

    return {
      graph: {
        nodes: graph.nodeCount,
        directedEdges: graph.edgeCount,
        twoWayPiecesApprox: Math.round(graph.edgeCount / 2),
        generateMs: round(generateMs, 0),
        blobSaveMs: round(saveMs, 0),
        blobLoadMs: round(loadMs, 0),
        networkIndexMs: round(networkMs, 0),
      },
      isochrone60: {
        runs: search.length,
        reachedNodesMedian: median(reached),
        searchMedianMs: median(search),
        searchTargetMs: 60,
        polygonMedianMs: median(polygon),
        polygonTargetMs: 30,
        polygon15_30_60MedianMs: median(polygon3),
      },
      accuracy60: {
        reachedInsidePct: round((100 * acc.reachedInside) / acc.reached, 2),
        reachedInsideTargetPct: 99,
        unreachedOutsidePct: round((100 * acc.unreachedOutside) / acc.unreached, 2),
        unreachedOutsideTargetPct: 97,
        nodesTested: acc.reached + acc.unreached,
      },
      accuracy15and30: {
        reachedInsidePct: round((100 * acc3.reachedInside) / acc3.reached, 2),
        unreachedOutsidePct: round((100 * acc3.unreachedOutside) / acc3.unreached, 2),
      },
      matrix50x33000: {
        seconds: round(matrixS, 2),
        targetSeconds: 10,
        unreachableOrFarPairs: nan,
        farTargets: m.farTargets.length,
        // from the project file in worker threads, including loading the graph and unit points in each
        workerJob: threaded,
      },
      gothenburg: {
        importSeconds: round(importS, 2),
        lines: g.lines,
        nodes: g.nodes,
        directedEdges: g.edges,
        islands: g.islands.islands,
        vsGeojsonPathFinder: cmp,
        oneWayTrappedNodes: gNet.islands.oneWayTrappedNodes,
        isochroneAccuracyFiveOrigins: gothenburgIsochrones,
      },
      load: os.loadavg().map((x) => round(x, 2)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
