/**
 * Route times of Tessera's routing against geojson-path-finder on the same OpenStreetMap network
 * (the Gothenburg extract shipped in that package's tests; ODbL, used in tests only, never copied).
 * geojson-path-finder is given Tessera's own speed and one-way rules as its weight function, so
 * both route on identical edge costs; differences are the search, not the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { DijkstraWorkspace } from '../../shared/routing/dijkstra.ts';
import type { RoadGraph } from '../../shared/routing/graph.ts';
import { haversineM } from '../../shared/routing/geo.ts';
import { components } from '../../shared/routing/graph.ts';
import { DEFAULT_SPEEDS_KMH, lineSpeedKmh, roadAttributes } from '../../shared/routing/speeds.ts';
import { mulberry32 } from '../unit/routing-fixtures.ts';

const require = createRequire(import.meta.url);
export const GOTHENBURG = path.join(path.dirname(require.resolve('geojson-path-finder/package.json')), 'test/large-network.json');

interface PathFinderLike {
  findPath(a: Feature<Point>, b: Feature<Point>): { weight: number } | undefined;
  graph: { vertices: Record<string, Record<string, number>> };
}

export interface Comparison {
  pairs: number;
  /** Both found a route / neither did / only one did. */
  bothRouted: number;
  neitherRouted: number;
  onlyOne: number;
  /** Pairs whose times agree within 0.1%. */
  agree: number;
  /** Pairs where Tessera's time exceeds geojson-path-finder's by more than 0.1% (should be 0). */
  tesseraSlower: number;
  /** Pairs where Tessera found a faster route, and of those, how many were checked edge by edge in geojson-path-finder's own (uncompacted) graph and held. */
  tesseraFaster: number;
  fasterVerified: number;
  fasterChecked: number;
  maxRelativeDifference: number;
  pathFinderBuildMs: number;
  /** Median per route, ms. */
  pathFinderMedianMs: number;
  tesseraMedianMs: number;
}

/** Compare route times between random node pairs of the main piece of network. */
export async function compareWithPathFinder(graph: RoadGraph, pairs: number, seed = 7, verify = 5): Promise<Comparison> {
  const mod = (await import('geojson-path-finder')) as unknown as { default: unknown };
  const PathFinder = ((mod.default as { default?: unknown }).default ?? mod.default) as new (fc: unknown, o: unknown) => PathFinderLike;
  const fc = JSON.parse(fs.readFileSync(GOTHENBURG, 'utf8')) as FeatureCollection;
  fc.features = fc.features.filter((f) => f.geometry?.type === 'LineString');
  let t = performance.now();
  const pf = new PathFinder(fc as FeatureCollection<LineString>, {
    tolerance: 1e-7,
    weight: (a: number[], b: number[], props: Record<string, unknown>) => {
      const attrs = roadAttributes(props);
      const kmh = lineSpeedKmh(attrs, DEFAULT_SPEEDS_KMH);
      if (!(kmh > 0)) return undefined;
      const s = haversineM(a[0]!, a[1]!, b[0]!, b[1]!) / (kmh / 3.6);
      return { forward: attrs.oneway >= 0 ? s : 0, backward: attrs.oneway <= 0 ? s : 0 };
    },
  });
  const pathFinderBuildMs = performance.now() - t;

  const comp = components(graph);
  const main: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) if (comp.componentOf[n] === 0) main.push(n);
  const rnd = mulberry32(seed);
  const ws = new DijkstraWorkspace(graph);
  const point = (n: number): Feature<Point> => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [graph.lon[n]!, graph.lat[n]!] } });
  const pfKey = pathFinderKeys(pf, graph);
  const reverse = reverseEdges(graph);
  const r: Comparison = {
    pairs,
    bothRouted: 0,
    neitherRouted: 0,
    onlyOne: 0,
    agree: 0,
    tesseraSlower: 0,
    tesseraFaster: 0,
    fasterVerified: 0,
    fasterChecked: 0,
    maxRelativeDifference: 0,
    pathFinderBuildMs,
    pathFinderMedianMs: 0,
    tesseraMedianMs: 0,
  };
  const pfMs: number[] = [];
  const myMs: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const a = main[Math.floor(rnd() * main.length)]!;
    const b = main[Math.floor(rnd() * main.length)]!;
    t = performance.now();
    const p = pf.findPath(point(a), point(b));
    pfMs.push(performance.now() - t);
    t = performance.now();
    ws.run([a], [0]);
    const mine = ws.timeOf(b);
    myMs.push(performance.now() - t);
    if (!p && mine === Infinity) r.neitherRouted++;
    else if (!p || mine === Infinity) r.onlyOne++;
    else {
      r.bothRouted++;
      const rel = (mine - p.weight) / Math.max(1, p.weight);
      r.maxRelativeDifference = Math.max(r.maxRelativeDifference, Math.abs(rel));
      if (Math.abs(rel) <= 1e-3) r.agree++;
      else if (rel > 0) r.tesseraSlower++;
      else {
        r.tesseraFaster++;
        if (r.fasterChecked < verify) {
          r.fasterChecked++;
          if (pathHoldsInPathFinderGraph(graph, ws, reverse, a, b, pf, pfKey)) r.fasterVerified++;
        }
      }
    }
  }
  r.pathFinderMedianMs = median(pfMs);
  r.tesseraMedianMs = median(myMs);
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? Math.round(s[Math.floor(s.length / 2)]! * 100) / 100 : 0;
}

function pathFinderKeys(pf: PathFinderLike, graph: RoadGraph): (n: number) => string | undefined {
  const q = new Map<string, string>();
  for (const k of Object.keys(pf.graph.vertices)) {
    const [x, y] = k.split(',').map(Number);
    q.set(`${Math.round(x! * 1e7)},${Math.round(y! * 1e7)}`, k);
  }
  return (n) => q.get(`${Math.round(graph.lon[n]! * 1e7)},${Math.round(graph.lat[n]! * 1e7)}`);
}

function reverseEdges(g: RoadGraph): { offsets: Int32Array; sources: Int32Array; edges: Int32Array } {
  const offsets = new Int32Array(g.nodeCount + 1);
  for (let e = 0; e < g.edgeCount; e++) offsets[g.targets[e]! + 1]!++;
  for (let n = 0; n < g.nodeCount; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, g.nodeCount);
  const sources = new Int32Array(g.edgeCount);
  const edges = new Int32Array(g.edgeCount);
  for (let u = 0; u < g.nodeCount; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const slot = fill[g.targets[e]!]!++;
      sources[slot] = u;
      edges[slot] = e;
    }
  }
  return { offsets, sources, edges };
}

/** Walk Tessera's route back from b and check every step is an edge of geojson-path-finder's raw graph with the same cost. */
function pathHoldsInPathFinderGraph(
  g: RoadGraph,
  ws: DijkstraWorkspace,
  rev: ReturnType<typeof reverseEdges>,
  a: number,
  b: number,
  pf: PathFinderLike,
  key: (n: number) => string | undefined,
): boolean {
  let cur = b;
  for (let guard = 0; cur !== a && guard < g.nodeCount; guard++) {
    let prev = -1;
    let w = 0;
    for (let k = rev.offsets[cur]!; k < rev.offsets[cur + 1]!; k++) {
      const u = rev.sources[k]!;
      const s = g.seconds[rev.edges[k]!]!;
      if (Math.abs(ws.timeOf(u) + s - ws.timeOf(cur)) < 1e-3) {
        prev = u;
        w = s;
        break;
      }
    }
    if (prev < 0) return false;
    const pw = pf.graph.vertices[key(prev) ?? '']?.[key(cur) ?? ''];
    if (pw === undefined || Math.abs(pw - w) > 1e-3 * Math.max(1, w)) return false;
    cur = prev;
  }
  return cur === a;
}
