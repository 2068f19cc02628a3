/**
 * What the vector exports draw, loaded from a project scenario once: the unit topology, the
 * assignments, territories with colour and rep, the metrics report (the engine `tessera metrics`
 * uses) and the bundled land outline for the grey base map.
 */
import { createRequire } from 'node:module';
import type { MultiPolygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { UserError } from '../../../shared/errors.ts';
import type { MetricsReport, TerritoryMetrics } from '../../../shared/metrics/types.ts';
import type { MapInput } from '../../../shared/print/map-model.ts';
import type { LegendEntry } from '../../../shared/print/page-parts.ts';
import type { ExportSource } from '../layers.ts';

export interface VectorTerritory {
  id: string;
  name: string;
  color: string;
  rep: string | null;
  metrics: TerritoryMetrics;
}

export interface VectorPlan {
  project: string;
  scenario: string;
  input: MapInput;
  /** Territories with at least one unit, in the plan's order. */
  territories: VectorTerritory[];
  report: MetricsReport;
}

/** Figures of one vector export, for the result and the bench. */
export interface VectorResult {
  pages: number;
  territories: number;
  vertices: { drawn: number; source: number };
}

let landCache: MultiPolygon[] | null = null;
/** Natural Earth land (world-atlas 1:50m), the same base the app's map draws. */
function land(): MultiPolygon[] {
  if (!landCache) {
    const topology = createRequire(import.meta.url)('world-atlas/land-50m.json') as Topology;
    const object = topology.objects.land as GeometryCollection;
    landCache = object.geometries
      .map((g) => (feature(topology, g) as GeoJSON.Feature).geometry)
      .map((g): MultiPolygon | null => (g.type === 'MultiPolygon' ? g : g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : null))
      .filter((g): g is MultiPolygon => g !== null);
  }
  return landCache;
}

export function loadVectorPlan(source: ExportSource): VectorPlan {
  const { store, scenario } = source;
  const topology = store.topology('units');
  if (!topology) throw new UserError(`Project "${store.name}" has no unit shapes yet, so there is no map to draw. Import units first.`);
  const report = source.metrics();
  const reps = new Map(store.reps().map((r) => [r.id, r.name]));
  const stored = store.territories(scenario.id);
  const metricsById = new Map(report.territories.map((t) => [t.id, t]));
  const territories = stored
    .map((t) => ({ id: t.id, name: t.name, color: t.color, rep: t.repId ? (reps.get(t.repId) ?? null) : null, metrics: metricsById.get(t.id)! }))
    .filter((t) => t.metrics && t.metrics.units > 0);
  if (!territories.length) {
    throw new UserError(`Scenario "${scenario.name}" has no territories with units yet, so there is no plan to draw. Assign units to territories first.`);
  }
  return {
    project: store.name,
    scenario: scenario.name,
    input: { topology, assignments: store.assignments(scenario.id), territories, land: land() },
    territories,
    report,
  };
}

/** Legend entries, largest potential first (what "+k more" leaves out matters least). */
export function legendEntries(plan: VectorPlan): LegendEntry[] {
  return [...plan.territories]
    .sort((a, b) => b.metrics.potential - a.metrics.potential)
    .map((t) => ({ name: t.name, color: t.color, detail: t.rep ?? undefined }));
}
