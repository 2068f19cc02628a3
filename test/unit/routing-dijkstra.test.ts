/** Routing core on hand-checkable graphs: one-way streets, unreachable nodes, limits, snapping, matrix. */
import { describe, expect, it } from 'vitest';
import { DijkstraWorkspace } from '../../shared/routing/dijkstra.ts';
import { components, strongComponents, csr, GraphBuilder, type RoadGraph } from '../../shared/routing/graph.ts';
import { haversineM } from '../../shared/routing/geo.ts';
import { travelTimeMatrix, networkTravelTimes, withFallback } from '../../shared/routing/matrix.ts';
import { RoutingNetwork } from '../../shared/routing/network.ts';
import { buildRoadGraph } from '../../shared/routing/build.ts';
import { DEFAULT_SPEEDS_KMH } from '../../shared/routing/speeds.ts';

/**
 *   0 --10s--> 1 --10s--> 2        (0->1 and 1->2 one-way)
 *   ^                     |
 *   +--------5s---- 3 <---+ 7s     (2->3 one-way, 3->0 one-way)
 *   4 (isolated)
 * Nodes 0.01 degrees apart on a line of latitude 0.
 */
function ring(): RoadGraph {
  const lon = Float64Array.from([0, 0.01, 0.02, 0.01, 0.05]);
  const lat = Float64Array.from([0, 0, 0, -0.01, 0]);
  return csr(5, lon, lat, Int32Array.from([0, 1, 2, 3]), Int32Array.from([1, 2, 3, 0]), Float32Array.from([10, 10, 7, 5]));
}

describe('bounded Dijkstra', () => {
  it('follows one-way edges only forwards', () => {
    const ws = new DijkstraWorkspace(ring());
    ws.run([0], [0]);
    expect([0, 1, 2, 3].map((n) => ws.timeOf(n))).toEqual([0, 10, 20, 27]);
    ws.run([1], [0]);
    // 1 -> 0 only the long way round: 1 -> 2 -> 3 -> 0
    expect(ws.timeOf(0)).toBe(22);
  });

  it('never reaches an unconnected node', () => {
    const ws = new DijkstraWorkspace(ring());
    ws.run([0], [0]);
    expect(ws.timeOf(4)).toBe(Infinity);
    expect(ws.settledCount).toBe(4);
  });

  it('stops at the limit and reuses its workspace between searches', () => {
    const ws = new DijkstraWorkspace(ring());
    ws.run([0], [0], 15);
    expect(ws.timeOf(1)).toBe(10);
    expect(ws.timeOf(2)).toBe(Infinity);
    ws.run([2], [0]);
    expect(ws.timeOf(0)).toBe(12);
    expect(ws.timeOf(1)).toBe(22);
  });

  it('starts from several seeds with their own start times', () => {
    const ws = new DijkstraWorkspace(ring());
    ws.run([0, 2], [100, 1]);
    expect(ws.timeOf(3)).toBe(8);
    expect(ws.timeOf(0)).toBe(13); // via 2 -> 3 -> 0 beats the seed's own 100
  });

  it('matches an exhaustive Bellman-Ford on a random graph', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 60;
    const from: number[] = [], to: number[] = [], w: number[] = [];
    for (let k = 0; k < 240; k++) {
      from.push(Math.floor(rnd() * n));
      to.push(Math.floor(rnd() * n));
      w.push(1 + Math.floor(rnd() * 50));
    }
    const g = csr(n, new Float64Array(n), new Float64Array(n), Int32Array.from(from), Int32Array.from(to), Float32Array.from(w));
    const d = new Array<number>(n).fill(Infinity);
    d[0] = 0;
    for (let it = 0; it < n; it++) for (let e = 0; e < from.length; e++) d[to[e]!] = Math.min(d[to[e]!]!, d[from[e]!]! + w[e]!);
    const ws = new DijkstraWorkspace(g);
    ws.run([0], [0]);
    expect(Array.from({ length: n }, (_, i) => ws.timeOf(i))).toEqual(d);
  });
});

describe('graph building from road lines', () => {
  it('joins lines at shared vertices and respects one-way lines', () => {
    const b = buildRoadGraph(
      [
        { parts: [[[0, 0], [0.01, 0]]], roadClass: 'residential', maxspeedKmh: null, oneway: 0 },
        { parts: [[[0.01, 0], [0.02, 0]]], roadClass: 'primary', maxspeedKmh: 36, oneway: 1 },
        { parts: [[[0.02, 0], [0.03, 0]]], roadClass: 'footway', maxspeedKmh: null, oneway: 0 },
      ],
      DEFAULT_SPEEDS_KMH,
    );
    expect(b.graph.nodeCount).toBe(3);
    expect(b.graph.edgeCount).toBe(3); // 2 for the two-way street, 1 for the one-way; the footway is not driven
    expect(b.skippedByClass).toEqual({ footway: 1 });
    const ws = new DijkstraWorkspace(b.graph);
    ws.run([0], [0]);
    const m = haversineM(0, 0, 0.01, 0);
    expect(ws.timeOf(1)).toBeCloseTo(m / (30 / 3.6), 2);
    expect(ws.timeOf(2)).toBeCloseTo(m / (30 / 3.6) + m / (36 / 3.6), 2); // maxspeed beats the class speed
    ws.run([2], [0]);
    expect(ws.timeOf(1)).toBe(Infinity);
  });

  it('reports islands of network', () => {
    const g = new GraphBuilder();
    for (const [a, b] of [[0, 1], [1, 2], [5, 6]] as const) g.piece(g.node(a * 0.01, 0), g.node(b * 0.01, 0), 1, 1);
    const c = components(g.build());
    expect(c.sizes).toEqual([3, 2]);
  });

  it('finds the strongly connected pieces: one-way dead ends and streets that cannot be entered stand alone', () => {
    // a two-way triangle 0-1-2; a one-way street 2 -> 3 -> 4 (a dead end), one 5 -> 0 (never entered)
    const g = new GraphBuilder();
    const p = (i: number) => g.node(i * 0.01, (i % 2) * 0.01);
    for (const [a, b] of [[0, 1], [1, 2], [2, 0]] as const) g.piece(p(a), p(b), 1, 1);
    for (const [a, b] of [[2, 3], [3, 4], [5, 0]] as const) g.piece(p(a), p(b), 1, -1);
    const graph = g.build();
    const c = strongComponents(graph);
    expect(c.sizes).toEqual([3, 1, 1, 1]);
    const main = c.componentOf[0];
    expect([1, 2].map((i) => c.componentOf[i])).toEqual([main, main]);
    expect(new Set([3, 4, 5].map((i) => c.componentOf[i])).size).toBe(3);
    expect(components(graph).sizes).toEqual([6]);
  });
});

describe('snapping and the travel-time matrix', () => {
  // a straight two-way street from 0 to 0.1 degrees lon along the equator at 36 km/h (10 m/s)
  const street = () =>
    buildRoadGraph(
      [{ parts: [Array.from({ length: 11 }, (_, i) => [i * 0.01, 0])], roadClass: 'x', maxspeedKmh: null, oneway: 0 }],
      { x: 36 },
    ).graph;

  it('snaps a point to the nearest piece and counts the off-road leg', () => {
    const net = new RoutingNetwork(street(), { offRoadKmh: 18 });
    const s = net.snap(0.015, 0.001)!;
    expect(s.distanceM).toBeCloseTo(haversineM(0, 0, 0, 0.001), 0);
    expect(s.fraction).toBeCloseTo(0.5, 6);
    const m = travelTimeMatrix(net, Float64Array.from([0.015, 0.001]), Float64Array.from([0.055, 0]));
    const expected = (haversineM(0, 0, 0, 0.001) / 5 + haversineM(0.015, 0, 0.055, 0) / 10) / 60;
    expect(m.minutes[0]).toBeCloseTo(expected, 3);
  });

  it('routes along the piece both points snap to', () => {
    const net = new RoutingNetwork(street());
    const m = travelTimeMatrix(net, Float64Array.from([0.0512, 0]), Float64Array.from([0.0518, 0, 0.0502, 0]));
    expect(m.minutes[0]).toBeCloseTo(haversineM(0.0512, 0, 0.0518, 0) / 10 / 60, 4);
    expect(m.minutes[1]).toBeCloseTo(haversineM(0.0512, 0, 0.0502, 0) / 10 / 60, 4);
  });

  it('answers NaN for points far from any road and for unreachable ones, and falls back to the estimate there', () => {
    const g = new GraphBuilder();
    g.piece(g.node(0, 0), g.node(0.01, 0), 60, 60);
    g.piece(g.node(1, 0), g.node(1.01, 0), 60, 60); // an island 110 km away, as big as the main piece
    const net = new RoutingNetwork(g.build());
    const m = travelTimeMatrix(net, Float64Array.from([0, 0]), Float64Array.from([0.01, 0, 1.005, 0, 0.5, 0.5]));
    expect(m.minutes[0]).toBeCloseTo(1, 5);
    expect(m.minutes[1]).toBeNaN();
    expect(m.minutes[2]).toBeNaN();
    expect(m.farTargets).toEqual([2]);
    const estimate = () => ({ label: 'estimate', minutes: () => 99, fill: (_o: number, s: number, e: number, out: Float64Array) => out.fill(99, s, e) });
    const p = withFallback(networkTravelTimes(net), estimate)(Float64Array.from([0, 0]), { count: 3, lonLat: Float64Array.from([0.01, 0, 1.005, 0, 0.5, 0.5]) });
    expect([0, 1, 2].map((t) => p.minutes(0, t))).toEqual([expect.closeTo(1, 5), 99, 99]);
    expect(p.label).toMatch(/Road network.*estimate/);
    const out = new Float64Array(3);
    p.fill(0, 0, 3, out);
    expect([...out]).toEqual([expect.closeTo(1, 5), 99, 99]);
  });
});
