/**
 * The plan-independent half of the metrics: unit values pre-aggregated (accounts summed into their
 * units once, so a move costs O(fields)), unit geometry, contiguity adjacency, drive targets grouped
 * by unit, rep homes and the drive-time provider. Built once per project load; plans and edits
 * only touch the engine state (engine.ts).
 */
import { UserError } from '../errors.ts';
import { adjacencyFromLists, withDistanceRule } from './adjacency.ts';
import {
  AREA_TYPES,
  areaTypeOf,
  circuityEstimate,
  driveSettings,
  type DriveTargets,
  type DriveTimeProvider,
  type DriveTimeSettings,
} from './drive-time.ts';
import { BUILTIN_FIELDS, type BalanceField, type MetricsInput, type MetricsOptions } from './types.ts';
import { unitGeometry, type Adjacency, type UnitGeometry } from './unit-geometry.ts';

export interface MetricsLayer {
  unitIds: readonly string[];
  unitIndex: ReadonlyMap<string, number>;
  /** Field names; column f of `values`. Built-ins first. */
  fields: readonly string[];
  fieldIndex: ReadonlyMap<string, number>;
  /** values[u * fields.length + f]: unit u's value of field f (null and text count as 0). */
  values: Float64Array;
  geometry: UnitGeometry;
  contiguity: Adjacency;
  /** Drive targets of unit u: targets `targetStart[u] .. targetStart[u+1]`. */
  targetStart: Uint32Array;
  targets: DriveTargets;
  targetWeight: Float64Array;
  /** Accounts whose unit is unknown: unassigned whatever the plan. */
  orphanAccounts: { count: number; potential: number };
  repIndex: ReadonlyMap<string, number>;
  drive: DriveTimeProvider;
  driveSettings: DriveTimeSettings;
  balance: BalanceField[];
}

const F_UNITS = 0;
const F_ACCOUNTS = 1;
const F_POTENTIAL = 2;

export function prepareLayer(input: MetricsInput, options: MetricsOptions = {}): MetricsLayer {
  const unitIds = input.units.map((u) => u.id);
  const count = unitIds.length;
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const unitFields = numericUnitFields(input);
  const fields = [...BUILTIN_FIELDS, ...unitFields.filter((f) => !(BUILTIN_FIELDS as readonly string[]).includes(f))];
  const fieldIndex = new Map(fields.map((f, i) => [f, i]));
  const F = fields.length;
  const values = new Float64Array(count * F);
  input.units.forEach((unit, u) => {
    values[u * F + F_UNITS] = 1;
    for (let f = BUILTIN_FIELDS.length; f < F; f++) {
      const v = unit.values[fields[f]!];
      values[u * F + f] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
    }
  });

  const geometry = input.topology ? unitGeometry(input.topology, unitIds) : emptyGeometry(count);
  let contiguity = input.adjacency ? adjacencyFromLists(input.adjacency) : geometry.adjacency;
  if (options.nearKm && options.nearKm > 0) contiguity = withDistanceRule(contiguity, geometry, options.nearKm);

  // Accounts grouped by unit (counting sort), summed into the unit values.
  const accountUnit = new Int32Array(input.accounts.length);
  const orphanAccounts = { count: 0, potential: 0 };
  const perUnit = new Uint32Array(count + 1);
  input.accounts.forEach((a, i) => {
    const u = a.unitId === null ? undefined : unitIndex.get(a.unitId);
    accountUnit[i] = u ?? -1;
    if (u === undefined) {
      orphanAccounts.count++;
      orphanAccounts.potential += a.potential;
      return;
    }
    perUnit[u + 1]!++;
    values[u * F + F_ACCOUNTS]! += 1;
    values[u * F + F_POTENTIAL]! += a.potential;
  });

  const settings = driveSettings(options.drive);
  const unitAreaType = new Uint8Array(count).fill(AREA_TYPES.indexOf('suburban'));
  const densityF = options.densityField === undefined ? undefined : requireField(fieldIndex, options.densityField);
  if (densityF !== undefined) {
    for (let u = 0; u < count; u++) {
      const area = geometry.areaKm2[u]!;
      const density = area > 0 ? values[u * F + densityF]! / area : 0;
      unitAreaType[u] = AREA_TYPES.indexOf(areaTypeOf(density, settings));
    }
  }

  const useAccounts = options.driveTargets === 'accounts' || ((options.driveTargets ?? 'auto') === 'auto' && input.accounts.length > 0);
  let targetStart: Uint32Array;
  let targets: DriveTargets;
  let targetWeight: Float64Array;
  if (useAccounts) {
    targetStart = new Uint32Array(count + 1);
    for (let u = 0; u < count; u++) targetStart[u + 1] = targetStart[u]! + perUnit[u + 1]!;
    const fill = targetStart.slice(0, count);
    const n = targetStart[count]!;
    targets = { count: n, lonLat: new Float64Array(n * 2), areaType: new Uint8Array(n) };
    targetWeight = new Float64Array(n);
    const totalPotential = input.accounts.reduce((s, a) => s + (a.potential > 0 ? a.potential : 0), 0);
    input.accounts.forEach((a, i) => {
      const u = accountUnit[i]!;
      if (u < 0) return;
      const k = fill[u]!++;
      targets.lonLat[2 * k] = a.location[0];
      targets.lonLat[2 * k + 1] = a.location[1];
      targets.areaType[k] = unitAreaType[u]!;
      // Weighted by potential; when no account has any, every account counts once.
      targetWeight[k] = totalPotential > 0 ? Math.max(0, a.potential) : 1;
    });
  } else {
    targetStart = Uint32Array.from({ length: count + 1 }, (_, u) => u);
    targets = { count, lonLat: unitPoints(input, unitIndex, geometry), areaType: unitAreaType };
    const weightF = options.unitWeightField === undefined ? undefined : requireField(fieldIndex, options.unitWeightField);
    targetWeight = Float64Array.from({ length: count }, (_, u) => (weightF === undefined ? 1 : Math.max(0, values[u * F + weightF]!)));
  }

  const repIndex = new Map(input.reps.map((r, i) => [r.id, i]));
  const origins = new Float64Array(input.reps.length * 2);
  input.reps.forEach((r, i) => {
    origins[2 * i] = r.location[0];
    origins[2 * i + 1] = r.location[1];
  });
  const drive = (options.driveProvider ?? circuityEstimate(settings))(origins, targets);

  const balance = (options.balance ?? (input.accounts.length > 0 ? ['accounts', 'potential'] : ['units'])).map((b) =>
    typeof b === 'string' ? { field: b, weight: 1 } : { field: b.field, weight: b.weight ?? 1 },
  );
  for (const b of balance) requireField(fieldIndex, b.field);

  return {
    unitIds,
    unitIndex,
    fields,
    fieldIndex,
    values,
    geometry,
    contiguity,
    targetStart,
    targets,
    targetWeight,
    orphanAccounts,
    repIndex,
    drive,
    driveSettings: settings,
    balance,
  };
}

function requireField(fieldIndex: ReadonlyMap<string, number>, name: string): number {
  const f = fieldIndex.get(name);
  if (f === undefined) {
    throw new UserError(
      `"${name}" is not a numeric field of the units layer. Available: ${[...fieldIndex.keys()].join(', ')}.`,
    );
  }
  return f;
}

/** Unit fields that hold a number in some unit and text in none. */
function numericUnitFields(input: MetricsInput): string[] {
  const names = new Set<string>();
  const numbers = new Set<string>();
  const text = new Set<string>();
  for (const unit of input.units) {
    for (const [name, v] of Object.entries(unit.values)) {
      names.add(name);
      if (typeof v === 'number') numbers.add(name);
      else if (typeof v === 'string') text.add(name);
    }
  }
  return [...names].filter((name) => numbers.has(name) && !text.has(name));
}

/**
 * Each unit's drive point: the potential-weighted mean of its accounts' locations when it has
 * accounts with potential, else its area centroid (lon/lat, computed through 3D vectors).
 */
function unitPoints(input: MetricsInput, unitIndex: ReadonlyMap<string, number>, geometry: UnitGeometry): Float64Array {
  const count = geometry.count;
  const sum = new Float64Array(count * 3);
  const w = new Float64Array(count);
  const RAD = Math.PI / 180;
  for (const a of input.accounts) {
    const u = a.unitId === null ? undefined : unitIndex.get(a.unitId);
    if (u === undefined || !(a.potential > 0)) continue;
    const [lon, lat] = a.location;
    sum[3 * u]! += a.potential * Math.cos(lat * RAD) * Math.cos(lon * RAD);
    sum[3 * u + 1]! += a.potential * Math.cos(lat * RAD) * Math.sin(lon * RAD);
    sum[3 * u + 2]! += a.potential * Math.sin(lat * RAD);
    w[u]! += a.potential;
  }
  const out = geometry.centroid.slice();
  for (let u = 0; u < count; u++) {
    if (w[u]! > 0) {
      out[2 * u] = Math.atan2(sum[3 * u + 1]!, sum[3 * u]!) / RAD;
      out[2 * u + 1] = Math.atan2(sum[3 * u + 2]!, Math.hypot(sum[3 * u]!, sum[3 * u + 1]!)) / RAD;
    }
  }
  return out;
}

function emptyGeometry(count: number): UnitGeometry {
  return {
    count,
    areaKm2: new Float64Array(count),
    perimeterKm: new Float64Array(count),
    centroid: new Float64Array(count * 2).fill(Number.NaN),
    hullStart: new Uint32Array(count + 1),
    hull: new Float64Array(0),
    hullSides: new Int32Array(0),
    adjacency: { start: new Uint32Array(count + 1), unit: new Int32Array(0), sharedKm: new Float64Array(0) },
    edgeStart: new Uint32Array(count + 1),
    edge: new Float64Array(0),
  };
}
