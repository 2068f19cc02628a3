/**
 * The tables every exporter writes, built once from a project scenario: one model (columns with a
 * long name and a ≤ 10-character shapefile name, typed cells, optional geometry) so every format
 * writes the same fields in the same order. Coordinates are [lon, lat] EPSG:4326.
 */
import type { Geometry, MultiPolygon, Point } from 'geojson';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { createMetricsEngine } from '../../shared/metrics/index.ts';
import type { MetricsReport } from '../../shared/metrics/types.ts';
import type { Scenario } from '../../shared/model/project.ts';
import { resolveScenario } from './scenario.ts';
import { defaultMetricsOptions, loadMetricsInput } from '../services/metrics-input.ts';
import { decodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { regions } from '../store/regions.ts';
import { cleanMultiPolygon } from './rings.ts';

export const EXPORT_WHATS = ['territories', 'units', 'accounts', 'metrics'] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];

export type CellValue = string | number | null;

export interface Column {
  /** Name in GeoJSON, GeoPackage, KML, CSV and XLSX. */
  name: string;
  /** Shapefile (DBF) field name, at most 10 ASCII characters, unique in its table. */
  dbf: string;
  type: 'text' | 'integer' | 'real';
  /** Decimal places for real columns in DBF and XLSX number formats. */
  decimals?: number;
}

export interface ExportLayer {
  name: ExportWhat;
  title: string;
  geometryType: 'MULTIPOLYGON' | 'POINT' | null;
  columns: Column[];
  rows: ExportRow[];
}

export interface ExportRow {
  geometry: MultiPolygon | Point | null;
  values: CellValue[];
  /** Fill colour (#rrggbb) for map formats that style features (KML). */
  color?: string;
}

export type ProgressFn = (progress: { stage: string; done: number; total: number }) => void;

/** Everything the layers are made of, loaded from the store once. */
export class ExportSource {
  readonly scenario: Scenario;
  private report: MetricsReport | null = null;
  private readonly repNames: Map<string, string>;
  private readonly territoryById: Map<string, { name: string; repId: string | null; color: string; regionId?: string | null }>;
  /** Region names by id (the optional second level; shared by the territories layer and the metrics table). */
  private readonly regionNames: Map<string, string>;
  private readonly assignments: Map<string, string>;

  constructor(
    readonly store: ProjectStore,
    scenarioNameOrId?: string,
  ) {
    this.scenario = resolveScenario(store, scenarioNameOrId);
    this.repNames = new Map(store.reps().map((r) => [r.id, r.name]));
    this.territoryById = new Map(store.territories(this.scenario.id).map((t) => [t.id, t]));
    this.regionNames = new Map(regions(store, this.scenario.id).map((r) => [r.id, r.name]));
    this.assignments = store.assignments(this.scenario.id);
  }

  layer(what: ExportWhat, progress?: ProgressFn): ExportLayer {
    switch (what) {
      case 'territories':
        return this.territoriesLayer(progress);
      case 'units':
        return this.unitsLayer(progress);
      case 'accounts':
        return this.accountsLayer(progress);
      case 'metrics':
        return this.metricsLayer();
    }
  }

  metrics(): MetricsReport {
    if (!this.report) {
      const input = loadMetricsInput(this.store, this.scenario.id);
      this.report = createMetricsEngine(input, defaultMetricsOptions(input.fields)).report();
    }
    return this.report;
  }

  private territoryColumns(territoryId: string | null): CellValue[] {
    const t = territoryId === null ? undefined : this.territoryById.get(territoryId);
    if (!t) return [null, null, null, null];
    return [territoryId, t.name, t.repId, t.repId ? (this.repNames.get(t.repId) ?? null) : null];
  }

  /** The territory's region name, or null when it is in none. */
  private regionOf(territoryId: string): string | null {
    const regionId = this.territoryById.get(territoryId)?.regionId;
    return regionId ? (this.regionNames.get(regionId) ?? null) : null;
  }

  private static readonly TERRITORY_COLUMNS: Column[] = [
    { name: 'territory_id', dbf: 'terr_id', type: 'text' },
    { name: 'territory', dbf: 'territory', type: 'text' },
    { name: 'rep_id', dbf: 'rep_id', type: 'text' },
    { name: 'rep', dbf: 'rep', type: 'text' },
  ];

  private unitsLayer(progress?: ProgressFn): ExportLayer {
    const fields = this.store.fields('units');
    const reserved = new Set(['unit_id', 'name', ...ExportSource.TERRITORY_COLUMNS.map((c) => c.dbf)]);
    const fieldColumns = fields.map((f): Column => ({
      name: f.name,
      dbf: shortName(f.name, reserved),
      type: f.kind === 'number' ? 'real' : 'text',
      decimals: 3,
    }));
    const rows = this.store.db
      .prepare(`SELECT geom, unit_id, name${fields.map((f) => `, "${f.name}"`).join('')} FROM units ORDER BY fid`)
      .all() as Record<string, unknown>[];
    const out: ExportRow[] = rows.map((row, i) => {
      if (progress && i % 1000 === 0) progress({ stage: 'units', done: i, total: rows.length });
      const unitId = String(row.unit_id);
      const territoryId = this.assignments.get(unitId) ?? null;
      return {
        geometry: asMultiPolygon(row.geom instanceof Uint8Array ? decodeGpkgGeometry(row.geom) : null),
        values: [
          unitId,
          ...this.territoryColumns(territoryId),
          row.name === null || row.name === undefined ? null : String(row.name),
          ...fields.map((f) => cell(row[f.name])),
        ],
        color: territoryId ? this.territoryById.get(territoryId)?.color : undefined,
      };
    });
    return {
      name: 'units',
      title: 'Units with territory and rep',
      geometryType: 'MULTIPOLYGON',
      columns: [
        { name: 'unit_id', dbf: 'unit_id', type: 'text' },
        ...ExportSource.TERRITORY_COLUMNS,
        { name: 'name', dbf: 'name', type: 'text' },
        ...fieldColumns,
      ],
      rows: out,
    };
  }

  private accountsLayer(progress?: ProgressFn): ExportLayer {
    const rows = this.store.db
      .prepare('SELECT geom, account_id, name, potential, zip, unit_id FROM accounts ORDER BY fid')
      .all() as { geom: Buffer | null; account_id: string; name: string | null; potential: number | null; zip: string | null; unit_id: string | null }[];
    return {
      name: 'accounts',
      title: 'Accounts with territory and rep',
      geometryType: 'POINT',
      columns: [
        { name: 'account_id', dbf: 'acct_id', type: 'text' },
        ...ExportSource.TERRITORY_COLUMNS,
        { name: 'name', dbf: 'name', type: 'text' },
        { name: 'potential', dbf: 'potential', type: 'real', decimals: 2 },
        { name: 'zip', dbf: 'zip', type: 'text' },
        { name: 'unit_id', dbf: 'unit_id', type: 'text' },
      ],
      rows: rows.map((r, i) => {
        if (progress && i % 1000 === 0) progress({ stage: 'accounts', done: i, total: rows.length });
        const territoryId = r.unit_id === null ? null : (this.assignments.get(r.unit_id) ?? null);
        const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
        return {
          geometry: g?.type === 'Point' ? g : null,
          values: [r.account_id, ...this.territoryColumns(territoryId), r.name, r.potential, r.zip, r.unit_id],
          color: territoryId ? this.territoryById.get(territoryId)?.color : undefined,
        };
      }),
    };
  }

  /** Dissolved outlines (kept current in the project on every edit) with their metrics. */
  private territoriesLayer(progress?: ProgressFn): ExportLayer {
    const report = this.metrics();
    progress?.({ stage: 'territories', done: 0, total: report.territories.length });
    const stored = new Map(
      (
        this.store.db.prepare('SELECT territory_id, geom FROM territories WHERE scenario_id = ?').all(this.scenario.id) as {
          territory_id: string;
          geom: Buffer | null;
        }[]
      ).map((r) => [r.territory_id, r.geom ? asMultiPolygon(decodeGpkgGeometry(r.geom)) : null]),
    );
    const missing = report.territories.filter((t) => t.units > 0 && !stored.get(t.id)).map((t) => t.id);
    const topology = missing.length ? this.store.topology('units') : null;
    if (topology) {
      for (const [id, outline] of dissolveTerritories(topology, unitGeometriesById(topology), this.assignments, missing)) stored.set(id, asMultiPolygon(outline));
    }
    const numericTotals = this.store.fields('units').filter((f) => f.kind === 'number');
    const reserved = new Set(['terr_id', 'territory', 'rep_id', 'rep', 'region', 'color', 'units', 'accounts', 'potential', 'dev_pct', 'dev_pot', 'dev_accts', 'area_km2', 'pieces', 'polsby', 'drive_mean', 'drive_p90']);
    return {
      name: 'territories',
      title: 'Territories (dissolved outlines) with metrics',
      geometryType: 'MULTIPOLYGON',
      columns: [
        ...ExportSource.TERRITORY_COLUMNS,
        { name: 'region', dbf: 'region', type: 'text' },
        { name: 'color', dbf: 'color', type: 'text' },
        { name: 'units', dbf: 'units', type: 'integer' },
        { name: 'accounts', dbf: 'accounts', type: 'integer' },
        { name: 'potential', dbf: 'potential', type: 'real', decimals: 2 },
        { name: 'deviation_pct', dbf: 'dev_pct', type: 'real', decimals: 2 },
        { name: 'potential_deviation_pct', dbf: 'dev_pot', type: 'real', decimals: 2 },
        { name: 'accounts_deviation_pct', dbf: 'dev_accts', type: 'real', decimals: 2 },
        { name: 'area_km2', dbf: 'area_km2', type: 'real', decimals: 1 },
        { name: 'pieces', dbf: 'pieces', type: 'integer' },
        { name: 'polsby_popper', dbf: 'polsby', type: 'real', decimals: 4 },
        { name: 'drive_mean_min', dbf: 'drive_mean', type: 'real', decimals: 1 },
        { name: 'drive_p90_min', dbf: 'drive_p90', type: 'real', decimals: 1 },
        ...numericTotals.map((f): Column => ({ name: f.name, dbf: shortName(f.name, reserved), type: 'real', decimals: 3 })),
      ],
      rows: report.territories.map((t) => ({
        geometry: stored.get(t.id) ?? null,
        values: [
          ...this.territoryColumns(t.id),
          this.regionOf(t.id),
          this.territoryById.get(t.id)?.color ?? null,
          t.units,
          t.accounts,
          t.potential,
          t.compositeDeviationPct,
          t.deviationPct.potential ?? null,
          t.deviationPct.accounts ?? null,
          t.areaKm2,
          t.pieces,
          t.polsbyPopper,
          t.driveMin.mean,
          t.driveMin.p90,
          ...numericTotals.map((f) => t.totals[f.name] ?? null),
        ],
        color: this.territoryById.get(t.id)?.color,
      })),
    };
  }

  /** The per-territory metrics table (no geometry): the territories layer's figures plus every total. */
  private metricsLayer(): ExportLayer {
    const report = this.metrics();
    const balance = report.plan.balanceFields.map((b) => b.field);
    const totals = [...new Set(report.territories.flatMap((t) => Object.keys(t.totals)))].filter((f) => !['units', 'accounts', 'potential'].includes(f));
    const reserved = new Set<string>();
    const col = (name: string, type: Column['type'], decimals?: number): Column => ({ name, dbf: shortName(name, reserved), type, decimals });
    return {
      name: 'metrics',
      title: `Territory metrics (${this.scenario.name})`,
      geometryType: null,
      columns: [
        col('territory_id', 'text'),
        col('territory', 'text'),
        col('rep_id', 'text'),
        col('rep', 'text'),
        col('region', 'text'),
        col('units', 'integer'),
        col('accounts', 'integer'),
        col('potential', 'real', 2),
        ...totals.map((f) => col(f, 'real', 2)),
        ...balance.map((f) => col(`${f}_deviation_pct`, 'real', 2)),
        col('composite_deviation_pct', 'real', 2),
        col('area_km2', 'real', 1),
        col('perimeter_km', 'real', 1),
        col('pieces', 'integer'),
        col('island_units', 'integer'),
        col('polsby_popper', 'real', 4),
        col('reock', 'real', 4),
        col('convex_hull_ratio', 'real', 4),
        col('drive_mean_min', 'real', 1),
        col('drive_p90_min', 'real', 1),
        col('drive_max_min', 'real', 1),
      ],
      rows: report.territories.map((t) => ({
        geometry: null,
        values: [
          ...this.territoryColumns(t.id),
          this.regionOf(t.id),
          t.units,
          t.accounts,
          t.potential,
          ...totals.map((f) => t.totals[f] ?? null),
          ...balance.map((f) => t.deviationPct[f] ?? null),
          t.compositeDeviationPct,
          t.areaKm2,
          t.perimeterKm,
          t.pieces,
          t.islandUnits,
          t.polsbyPopper,
          t.reock,
          t.convexHullRatio,
          t.driveMin.mean,
          t.driveMin.p90,
          t.driveMin.max,
        ],
      })),
    };
  }
}

function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Polygons as clean MultiPolygons (see cleanMultiPolygon), anything else as no geometry. */
function asMultiPolygon(g: Geometry | null): MultiPolygon | null {
  if (!g) return null;
  if (g.type === 'MultiPolygon') return cleanMultiPolygon(g);
  if (g.type === 'Polygon') return cleanMultiPolygon({ type: 'MultiPolygon', coordinates: [g.coordinates] });
  return null;
}

/**
 * A DBF field name (≤ 10 ASCII characters) for a long name: non-alphanumerics become `_`, then
 * truncated; a clash with a name already taken gets a numeric suffix (`populati_1`).
 */
export function shortName(name: string, taken: Set<string>): string {
  const base = (name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '') || 'field').slice(0, 10);
  let candidate = base;
  for (let i = 1; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 10 - String(i).length - 1)}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
