/**
 * Metrics engine benchmark at the scale: 33,000 hexagonal units over the contiguous US
 * (about 380 km² each, jittered shared vertices, a few lakes making holes and islands), turned
 * into a real TopoJSON topology by topojson-server; 1,000,000 accounts clustered around 300
 * "cities"; 500 Voronoi territories with a rep at each seed. Reports median single-move time,
 * full recompute time and a 5,000-unit lasso, each with and without reading the lazily refreshed
 * metrics (Reock, hull ratio, drive p90/max, islands) of the territories the edit touched.
 * Medians are wall-clock; on a shared, loaded machine also see the CPU-time and minimum figures.
 */
import os from 'node:os';
import type { Feature } from 'geojson';
import type { EditOp } from '../../shared/edit/edit-ops.ts';
import { Laea } from '../../shared/metrics/geodesy.ts';
import { MetricsEngine, prepareLayer, type MetricsInput } from '../../shared/metrics/index.ts';
import { random, rep, territory, toTopology, unitsOf } from '../unit/metrics-fixtures.ts';

const UNITS = 33_000;
const ACCOUNTS = 1_000_000;
const TERRITORIES = 500;

export function syntheticUs(seed: number): MetricsInput {
  const rnd = random(seed);
  const projection = new Laea(-96, 38);
  const widthKm = 4500;
  const heightKm = 2800;
  const hexArea = (widthKm * heightKm) / UNITS;
  const a = Math.sqrt((2 * hexArea) / (3 * Math.sqrt(3))); // hex side, km
  const w = Math.sqrt(3) * a; // pointy-top hex width
  const cols = Math.ceil(widthKm / w);
  const rows = Math.ceil((UNITS * 1.02) / cols); // a few hexes fall in lakes
  const vertexCache = new Map<string, [number, number]>();
  const jitter = a * 0.15;
  // Shared points are computed once per key so that neighbours hold bit-identical coordinates.
  const point = (key: string, x: number, y: number): [number, number] => {
    let p = vertexCache.get(key);
    if (!p) {
      p = projection.invert(x + (rnd() - 0.5) * jitter, y + (rnd() - 0.5) * jitter);
      vertexCache.set(key, p);
    }
    return p;
  };
  const centre = (r: number, c: number): [number, number] => [-widthKm / 2 + c * w + (r % 2) * (w / 2), -heightKm / 2 + r * 1.5 * a];
  const corner = (cx: number, cy: number, k: number): [number, number] => [cx + a * Math.cos((Math.PI / 3) * k + Math.PI / 6), cy + a * Math.sin((Math.PI / 3) * k + Math.PI / 6)];
  const keyOf = (x: number, y: number) => `${Math.round(x * 10)},${Math.round(y * 10)}`;
  const features: Feature[] = [];
  const centres: [number, number][] = [];
  const lakeCentres = Array.from({ length: 12 }, () => [(rnd() - 0.5) * widthKm, (rnd() - 0.5) * heightKm] as const);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols && features.length < UNITS; c++) {
      const [cx, cy] = centre(r, c);
      if (lakeCentres.some(([lx, ly]) => Math.hypot(cx - lx, cy - ly) < 40)) continue;
      const ring: [number, number][] = [];
      for (let k = 0; k < 6; k++) {
        const [x1, y1] = corner(cx, cy, k);
        const [x2, y2] = corner(cx, cy, k + 1);
        ring.push(point(keyOf(x1, y1), x1, y1));
        // Two extra points per edge make the outlines less regular, as real units are.
        for (const f of [1 / 3, 2 / 3]) {
          const x = x1 + (x2 - x1) * f;
          const y = y1 + (y2 - y1) * f;
          ring.push(point(keyOf(x, y), x, y));
        }
      }
      ring.push(ring[0]!);
      features.push({ type: 'Feature', id: `h${features.length}`, properties: { population: 0 }, geometry: { type: 'Polygon', coordinates: [ring] } });
      centres.push([cx, cy]);
    }
  }
  features.length = Math.min(features.length, UNITS);
  centres.length = features.length;

  // Accounts around cities with Zipf-like sizes; each lands in the nearest hex centre.
  const grid = new Map<string, number[]>();
  const cell = 3 * a;
  centres.forEach(([x, y], i) => {
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    (grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
  });
  const nearest = (x: number, y: number): number => {
    let best = -1;
    let bestD = Infinity;
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const i of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          const d = (centres[i]![0] - x) ** 2 + (centres[i]![1] - y) ** 2;
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
    return best;
  };
  const cities = Array.from({ length: 300 }, (_, i) => ({ x: (rnd() - 0.5) * widthKm * 0.95, y: (rnd() - 0.5) * heightKm * 0.95, weight: 1 / (i + 1), spread: 20 + rnd() * 80 }));
  const totalWeight = cities.reduce((s, c) => s + c.weight, 0);
  const accounts: MetricsInput['accounts'][number][] = [];
  const population = new Float64Array(features.length);
  while (accounts.length < ACCOUNTS) {
    let pick = rnd() * totalWeight;
    let city = cities[0]!;
    for (const c of cities) if ((pick -= c.weight) <= 0) { city = c; break; }
    const rural = rnd() < 0.2;
    const gauss = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const gauss2 = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const x = rural ? (rnd() - 0.5) * widthKm : city.x + gauss * city.spread;
    const y = rural ? (rnd() - 0.5) * heightKm : city.y + gauss2 * city.spread;
    const u = nearest(x, y);
    if (u < 0) continue;
    const [lon, lat] = projection.invert(x, y);
    population[u]! += 300;
    accounts.push({ location: [lon, lat], potential: Math.round(1000 + rnd() * rnd() * 200_000), unitId: `h${u}` });
  }
  features.forEach((f, i) => (f.properties!.population = population[i]! + Math.round(rnd() * 2000)));

  // 500 Voronoi territories around random seed units, a rep at each seed.
  const seeds = Array.from({ length: TERRITORIES }, () => Math.floor(rnd() * features.length));
  const reps = seeds.map((s, i) => {
    const [lon, lat] = projection.invert(...centres[s]!);
    return rep(`r${i}`, lon, lat);
  });
  const territories = seeds.map((_, i) => territory(`t${i}`, `r${i}`));
  const assignments = new Map<string, string>();
  centres.forEach(([x, y], u) => {
    let best = 0;
    let bestD = Infinity;
    seeds.forEach((s, i) => {
      const d = (centres[s]![0] - x) ** 2 + (centres[s]![1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    assignments.set(`h${u}`, `t${best}`);
  });
  return { units: unitsOf(features), topology: toTopology(features), accounts, reps, territories, assignments };
}

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function quantile(xs: number[], q: number): number {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const now = () => Number(process.hrtime.bigint()) / 1000; // µs
/** Process CPU time, µs: on a shared, loaded machine wall time also counts other processes' slices. */
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

export default async function bench(): Promise<Record<string, unknown>> {
  let t0 = now();
  const input = syntheticUs(42);
  const buildMs = (now() - t0) / 1000;
  t0 = now();
  const layer = prepareLayer(input, { densityField: 'population', balance: ['accounts', 'potential', 'population'] });
  const prepareMs = (now() - t0) / 1000;
  const engine = new MetricsEngine(layer, input);
  engine.report();

  const recompute: number[] = [];
  const recomputeCpu: number[] = [];
  const recomputeRead: number[] = [];
  for (let i = 0; i < 15; i++) {
    t0 = now();
    const c0 = cpu();
    engine.recompute();
    recomputeCpu.push((cpu() - c0) / 1000);
    recompute.push((now() - t0) / 1000);
    t0 = now();
    engine.report();
    recomputeRead.push((now() - t0) / 1000);
  }

  // Single moves of boundary units into a neighbouring territory, as a brush stroke does.
  const rnd = random(7);
  const adj = layer.geometry.adjacency;
  const assignments = new Map(input.assignments);
  const moves: number[] = [];
  const movesRead: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const u = Math.floor(rnd() * layer.unitIds.length);
    const from = assignments.get(layer.unitIds[u]!)!;
    let to: string | undefined;
    for (let k = adj.start[u]!; k < adj.start[u + 1]!; k++) {
      const t = assignments.get(layer.unitIds[adj.unit[k]!]!)!;
      if (t !== from) to = t;
    }
    if (!to) continue;
    const ops: EditOp[] = [{ op: 'assign', unitIds: [layer.unitIds[u]!], from: [from], to }];
    t0 = now();
    engine.apply(ops);
    const t1 = now();
    engine.territory(from);
    engine.territory(to);
    const t2 = now();
    moves.push(t1 - t0);
    movesRead.push(t2 - t0);
    assignments.set(layer.unitIds[u]!, to);
  }

  // Lassos: 5,000 units around a random unit (breadth-first), all into one territory.
  const lasso: number[] = [];
  const lassoCpu: number[] = [];
  const lassoRead: number[] = [];
  const touchedCounts: number[] = [];
  for (let i = 0; i < 15; i++) {
    const seed = Math.floor(rnd() * layer.unitIds.length);
    const picked = new Set<number>([seed]);
    const queue = [seed];
    for (let q = 0; q < queue.length && picked.size < 5000; q++) {
      const v = queue[q]!;
      for (let k = adj.start[v]!; k < adj.start[v + 1]! && picked.size < 5000; k++) {
        const w = adj.unit[k]!;
        if (!picked.has(w)) {
          picked.add(w);
          queue.push(w);
        }
      }
    }
    const unitIds = [...picked].map((u) => layer.unitIds[u]!);
    const to = input.territories[Math.floor(rnd() * TERRITORIES)]!.id;
    const touched = new Set(unitIds.map((id) => assignments.get(id)!));
    touched.add(to);
    touchedCounts.push(touched.size);
    const ops: EditOp[] = [{ op: 'assign', unitIds, from: unitIds.map((id) => assignments.get(id) ?? null), to }];
    t0 = now();
    const c0 = cpu();
    engine.apply(ops);
    lassoCpu.push((cpu() - c0) / 1000);
    const t1 = now();
    for (const t of touched) engine.territory(t);
    const t2 = now();
    lasso.push((t1 - t0) / 1000);
    lassoRead.push((t2 - t0) / 1000);
    for (const id of unitIds) assignments.set(id, to);
  }

  return {
    units: layer.unitIds.length,
    accounts: input.accounts.length,
    territories: TERRITORIES,
    arcs: input.topology!.arcs.length,
    syntheticLayerBuildMs: Math.round(buildMs),
    prepareLayerMs: Math.round(prepareMs),
    singleMoveMedianUs: round(median(moves)),
    singleMoveP99Us: round(quantile(moves, 0.99)),
    singleMoveWithLazyReadMedianUs: round(median(movesRead)),
    fullRecomputeMedianMs: round(median(recompute)),
    fullRecomputeMinMs: round(Math.min(...recompute)),
    fullRecomputeMedianCpuMs: round(median(recomputeCpu)),
    fullReportReadAfterRecomputeMedianMs: round(median(recomputeRead)),
    lasso5000MedianMs: round(median(lasso)),
    lasso5000MinMs: round(Math.min(...lasso)),
    lasso5000MedianCpuMs: round(median(lassoCpu)),
    lasso5000TouchedTerritoriesMedian: median(touchedCounts),
    lasso5000WithTouchedReadMedianMs: round(median(lassoRead)),
    targets: { singleMoveMedianUs: 20, fullRecomputeMs: 50, lasso5000Ms: 16 },
    loadAverage1m: os.loadavg()[0],
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
