/** Isochrones: accuracy against the network times, valid rings, holes, nested bands; contouring on its own. */
import { describe, expect, it } from 'vitest';
import { contourPolygons, type ValueGrid } from '../../shared/routing/contour.ts';
import { csr } from '../../shared/routing/graph.ts';
import { isochrones } from '../../shared/routing/isochrone.ts';
import { RoutingNetwork } from '../../shared/routing/network.ts';
import { isochroneAccuracy, perturbedGrid, polygonTester, ringProblems } from './routing-fixtures.ts';

describe('marching squares contours', () => {
  function grid(n: number, f: (i: number, j: number) => number): ValueGrid {
    const values = new Float32Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = f(i, j);
    return { nx: n, ny: n, values, x0: 0, y0: 0, dx: 1, dy: 1 };
  }

  it('draws a disc as one counter-clockwise ring', () => {
    const mp = contourPolygons(grid(21, (i, j) => Math.hypot(i - 10, j - 10)), 5);
    expect(mp.coordinates).toHaveLength(1);
    expect(mp.coordinates[0]).toHaveLength(1);
    expect(ringProblems(mp)).toEqual([]);
    const inside = polygonTester(mp);
    expect(inside(10, 10)).toBe(true);
    expect(inside(10, 14.5)).toBe(true);
    expect(inside(10, 15.6)).toBe(false);
  });

  it('draws an annulus as a shell with a clockwise hole, and an island inside the hole as a second polygon', () => {
    const mp = contourPolygons(
      grid(41, (i, j) => {
        const r = Math.hypot(i - 20, j - 20);
        return r < 3 ? 0 : r < 8 ? 100 : r < 15 ? 0 : 100;
      }),
      50,
    );
    expect(ringProblems(mp)).toEqual([]);
    expect(mp.coordinates.map((p) => p.length).sort()).toEqual([1, 2]);
    const inside = polygonTester(mp);
    expect(inside(20, 20)).toBe(true); // island
    expect(inside(20, 25)).toBe(false); // hole
    expect(inside(20, 31)).toBe(true); // shell
  });

  it('keeps saddle cells as valid rings', () => {
    const mp = contourPolygons(grid(12, (i, j) => ((i + j) % 2 === 0 ? 0 : 100)), 50);
    expect(ringProblems(mp)).toEqual([]);
    expect(mp.coordinates.length).toBeGreaterThan(0);
  });
});

describe('isochrones on a generated road grid', () => {
  const graph = perturbedGrid({ n: 160, spacingM: 300, seed: 5 });
  const net = new RoutingNetwork(graph);
  const centre = 80 * 160 + 80;
  const from: [number, number] = [graph.lon[centre]! + 0.0004, graph.lat[centre]! + 0.0002];

  it('puts at least 99% of nodes reached within each band inside its polygon and 97% of the others outside', () => {
    const r = isochrones(net, from[0], from[1], [5, 10, 20]);
    expect(r.collection.features.map((f) => f.properties.minutes)).toEqual([5, 10, 20]);
    for (const f of r.collection.features) {
      expect(ringProblems(f.geometry)).toEqual([]);
      const snap = net.snap(from[0], from[1])!;
      const ws = net.search(snap);
      const a = isochroneAccuracy(graph, (n) => ws.timeOf(n), f.geometry, f.properties.minutes * 60);
      expect(a.reached).toBeGreaterThan(100);
      expect(a.reachedInside / a.reached).toBeGreaterThanOrEqual(0.99);
      expect(a.unreachedOutside / a.unreached).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('nests the bands: a point inside a smaller band is inside every larger one', () => {
    const r = isochrones(net, from[0], from[1], [20, 5, 10]);
    const testers = r.collection.features.map((f) => polygonTester(f.geometry));
    for (let k = 0; k < 2000; k++) {
      const x = from[0] + (Math.sin(k * 12.9898) * 0.5) * 0.4;
      const y = from[1] + (Math.sin(k * 78.233) * 0.5) * 0.3;
      const inside = testers.map((t) => t(x, y));
      if (inside[0]) expect(inside[1]).toBe(true);
      if (inside[1]) expect(inside[2]).toBe(true);
    }
  });

  it('leaves a hole where a pocket of streets cannot be reached', () => {
    // a 21 x 21 street grid (444 m blocks) whose middle 5 x 5 nodes are joined to nothing; off-road spread 400 m
    const n = 21;
    const lon = new Float64Array(n * n);
    const lat = new Float64Array(n * n);
    const from: number[] = [], to: number[] = [], secs: number[] = [];
    const pocket = (i: number, j: number) => i >= 8 && i <= 12 && j >= 8 && j <= 12;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        lon[j * n + i] = i * 0.004;
        lat[j * n + i] = j * 0.004;
        for (const [di, dj] of [[1, 0], [0, 1]] as const) {
          const i2 = i + di, j2 = j + dj;
          if (i2 >= n || j2 >= n || pocket(i, j) !== pocket(i2, j2)) continue;
          from.push(j * n + i, j2 * n + i2);
          to.push(j2 * n + i2, j * n + i);
          secs.push(30, 30);
        }
      }
    }
    const g = csr(n * n, lon, lat, Int32Array.from(from), Int32Array.from(to), Float32Array.from(secs));
    const holeNet = new RoutingNetwork(g, { maxSnapM: 400, minIslandShare: 0.5 });
    const r = isochrones(holeNet, 0.0001, 0.0001, [60]);
    const mp = r.collection.features[0]!.geometry;
    expect(ringProblems(mp)).toEqual([]);
    expect(mp.coordinates).toHaveLength(1);
    expect(mp.coordinates[0]!.length).toBe(2);
    const inside = polygonTester(mp);
    expect(inside(0.04, 0.04)).toBe(false);
    expect(inside(0.016, 0.016)).toBe(true);
    expect(inside(0.016, 0.04)).toBe(true);
  });

  it('refuses a start point far from every road in plain words', () => {
    expect(() => isochrones(net, from[0] + 5, from[1], [10])).toThrow(/km from every road.*estimate/);
  });
});

describe('isochrones between roads closer than a grid cell', () => {
  it('puts the band edge between a reached street and an unreached one 9 m away, on 30 m cells', () => {
    // street A along the equator, 21 nodes 111 m apart, 10 s per piece; street B 9 m north of it,
    // joined to A only at the east end by a 2,000 s piece (so B is far beyond the 5-minute band)
    const n = 21;
    const lon = new Float64Array(2 * n);
    const lat = new Float64Array(2 * n);
    const from: number[] = [], to: number[] = [], secs: number[] = [];
    const link = (a: number, b: number, s: number) => {
      from.push(a, b);
      to.push(b, a);
      secs.push(s, s);
    };
    for (let i = 0; i < n; i++) {
      lon[i] = lon[n + i] = i * 0.001;
      lat[i] = 0;
      lat[n + i] = 0.00008;
      if (i > 0) {
        link(i - 1, i, 10);
        link(n + i - 1, n + i, 10);
      }
    }
    link(n - 1, 2 * n - 1, 2000);
    const g = csr(2 * n, lon, lat, Int32Array.from(from), Int32Array.from(to), Float32Array.from(secs));
    const net = new RoutingNetwork(g);
    expect(net.drivable.every((d) => d === 1)).toBe(true);
    const r = isochrones(net, 0.0001, -0.0001, [5], { minCellM: 30, cellsAcross: 16 });
    expect(r.grid.dy * 111_195).toBeGreaterThan(25); // a cell far wider than the 9 m between the streets
    const mp = r.collection.features[0]!.geometry;
    expect(ringProblems(mp)).toEqual([]);
    const inside = polygonTester(mp);
    for (let i = 0; i < n; i++) {
      expect(inside(lon[i]!, lat[i]!)).toBe(true);
      expect(inside(lon[n + i]!, lat[n + i]!)).toBe(false);
    }
  });
});

describe('isochrone from a point off the road', () => {
  it('includes the start point and its off-road leg', () => {
    const graph = perturbedGrid({ n: 40, spacingM: 300, seed: 9 });
    const net = new RoutingNetwork(graph, { maxSnapM: 2000 });
    // 1.5 km south of the grid's south edge: 4.5 minutes off-road at 20 km/h before the first road
    const lon = graph.lon[20]!;
    const lat = graph.lat[20]! - 1500 / 111_195;
    const r = isochrones(net, lon, lat, [10]);
    const inside = polygonTester(r.collection.features[0]!.geometry);
    expect(r.snapDistanceM).toBeGreaterThan(1400);
    expect(inside(lon, lat)).toBe(true);
    expect(inside(lon, lat + 700 / 111_195)).toBe(true);
    expect(ringProblems(r.collection.features[0]!.geometry)).toEqual([]);
  });
});

describe('isochrone along a long road', () => {
  it('covers the whole of a 20 km road reached early, not only the spread around its ends', () => {
    // a 20 km straight road at 100 km/h (12 minutes), then nothing
    const lat = 45;
    const lon = Float64Array.from([0, 20_000 / (111_195 * Math.cos((lat * Math.PI) / 180))]);
    const g = csr(2, lon, Float64Array.from([lat, lat]), Int32Array.from([0, 1]), Int32Array.from([1, 0]), Float32Array.from([720, 720]));
    const net = new RoutingNetwork(g, { maxSnapM: 1000 });
    const r = isochrones(net, 0, lat, [60]);
    const inside = polygonTester(r.collection.features[0]!.geometry);
    for (let f = 0; f <= 1; f += 0.05) expect(inside(f * lon[1]!, lat)).toBe(true);
    expect(inside(lon[1]! / 2, lat + 0.02)).toBe(false); // 2.2 km off the road, beyond the 1 km spread
  });
});
