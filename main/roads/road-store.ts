/**
 * The road network in the project file: the `roads` GeoPackage feature table (the lines, so QGIS
 * and GDAL see them), the road-class speed table in tessera_settings, and the routing graph in
 * tessera_road_graph as little-endian typed-array BLOBs that load without any parsing.
 */
import type { MultiLineString } from 'geojson';
import type { RoadGraph } from '../../shared/routing/graph.ts';
import type { RoadLine } from '../../shared/routing/build.ts';
import { DEFAULT_SPEEDS_KMH, type OneWay, type SpeedTable } from '../../shared/routing/speeds.ts';
import { updateContentsExtent } from '../store/gpkg-core.ts';
import { decodeGpkgGeometry, encodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import type { ProjectStore } from '../store/project-store.ts';

export const SPEEDS_SETTING = 'roads.speedsKmh';

/** Road lines read from a source file, before they are stored. */
export interface RoadSourceRead {
  label: string;
  layer: string;
  srs: string;
  /** Features read, and those skipped because they are not lines or have no geometry. */
  read: number;
  skippedNotLines: number;
  roads: StoredRoad[];
}


export interface StoredRoad extends RoadLine {
  name: string | null;
}

/** What was built, stored next to the graph. */
export interface RoadGraphMeta {
  source: string;
  builtAt: string;
  lines: number;
  drivenLines: number;
  roadKm: number;
  /** Vertex join tolerance, degrees. */
  snapDegrees: number;
  speedsKmh: SpeedTable;
}

/** The project's speed table: the defaults with the user's changes on top. */
export function speedTable(store: ProjectStore): SpeedTable {
  return { ...DEFAULT_SPEEDS_KMH, ...(store.getSetting<SpeedTable>(SPEEDS_SETTING) ?? {}) };
}

/** Replace the road lines (call inside a transaction). */
export function replaceRoads(store: ProjectStore, roads: Iterable<StoredRoad>): number {
  store.db.exec('DELETE FROM roads');
  const insert = store.db.prepare('INSERT INTO roads (geom, road_class, name, maxspeed_kmh, oneway) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  for (const r of roads) {
    const geometry: MultiLineString = { type: 'MultiLineString', coordinates: r.parts };
    insert.run(encodeGpkgGeometry(geometry), r.roadClass, r.name, r.maxspeedKmh, r.oneway);
    n++;
  }
  updateContentsExtent(store.db, 'roads');
  return n;
}

/** The road lines as stored. */
export function* storedRoads(store: ProjectStore): Generator<StoredRoad> {
  const rows = store.db.prepare('SELECT geom, road_class, name, maxspeed_kmh, oneway FROM roads ORDER BY fid').iterate() as IterableIterator<{
    geom: Buffer | null;
    road_class: string;
    name: string | null;
    maxspeed_kmh: number | null;
    oneway: number;
  }>;
  for (const row of rows) {
    const g = row.geom ? decodeGpkgGeometry(row.geom) : null;
    if (!g) continue;
    const parts = g.type === 'MultiLineString' ? g.coordinates : g.type === 'LineString' ? [g.coordinates] : null;
    if (!parts) continue;
    yield { parts, roadClass: row.road_class, name: row.name, maxspeedKmh: row.maxspeed_kmh, oneway: row.oneway as OneWay };
  }
}

const bytes = (a: Float64Array | Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Store the routing graph (call inside a transaction). */
export function saveRoadGraph(store: ProjectStore, graph: RoadGraph, meta: RoadGraphMeta): void {
  store.db
    .prepare(
      `INSERT OR REPLACE INTO tessera_road_graph (id, node_count, edge_count, lon, lat, offsets, targets, seconds, meta)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(graph.nodeCount, graph.edgeCount, bytes(graph.lon), bytes(graph.lat), bytes(graph.offsets), bytes(graph.targets), bytes(graph.seconds), JSON.stringify(meta));
}

export function clearRoadGraph(store: ProjectStore): void {
  store.db.exec('DELETE FROM tessera_road_graph');
}

/** The stored routing graph, or null when the project has no road network. */
export function loadRoadGraph(store: ProjectStore): { graph: RoadGraph; meta: RoadGraphMeta } | null {
  const row = store.db.prepare('SELECT * FROM tessera_road_graph WHERE id = 1').get() as
    | { node_count: number; edge_count: number; lon: Buffer; lat: Buffer; offsets: Buffer; targets: Buffer; seconds: Buffer; meta: string }
    | undefined;
  if (!row) return null;
  // copy: a BLOB's bytes need not be aligned for a typed array view
  const copy = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const graph: RoadGraph = {
    nodeCount: row.node_count,
    edgeCount: row.edge_count,
    lon: new Float64Array(copy(row.lon)),
    lat: new Float64Array(copy(row.lat)),
    offsets: new Int32Array(copy(row.offsets)),
    targets: new Int32Array(copy(row.targets)),
    seconds: new Float32Array(copy(row.seconds)),
  };
  if (graph.lon.length !== graph.nodeCount || graph.offsets.length !== graph.nodeCount + 1 || graph.targets.length !== graph.edgeCount) {
    throw new Error('The stored road graph is damaged (array sizes disagree).');
  }
  return { graph, meta: JSON.parse(row.meta) as RoadGraphMeta };
}
