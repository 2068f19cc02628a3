/**
 * The one interface every source format feeds (mapshaper-style): a layer reader yields features
 * with lon/lat geometry and raw attributes, and tells what it detected on the way.
 */
import type { Geometry, Position } from 'geojson';
import type { SourceFeature } from './types.ts';
import type { CompactPolygons } from './compact.ts';
import type { Transform } from './projection.ts';

export type GeometryKind = 'polygon' | 'point' | 'line' | 'none';

export interface FieldMeta {
  name: string;
  type: 'number' | 'text';
}

export interface LayerReader {
  /** File name shown in messages. */
  label: string;
  srs: string;
  encoding: string;
  geometryKind: GeometryKind;
  /** Expected feature count when the format knows it up front (for progress), else null. */
  count: number | null;
  fields: FieldMeta[];
  features(): AsyncIterable<SourceFeature>;
  /**
   * Polygon layers that can be read straight into packed typed arrays (shapefiles) offer this
   * besides features(): same features, same order, lon/lat, no GeoJSON arrays per point.
   */
  polygons?(): AsyncIterable<PackedFeature>;
  close(): void;
}

/** A feature whose polygons are packed (null for a null shape). */
export interface PackedFeature {
  geometry: CompactPolygons | null;
  properties: Record<string, unknown>;
}

export function geometryKindOf(type: string | undefined | null): GeometryKind {
  if (!type) return 'none';
  if (/polygon/i.test(type)) return 'polygon';
  if (/point/i.test(type)) return 'point';
  if (/line|curve/i.test(type)) return 'line';
  return 'none';
}

/** Reproject a geometry in place. */
export function transformGeometry(geometry: Geometry, transform: Transform | null): Geometry {
  if (!transform) return geometry;
  const visit = (c: unknown[]): void => {
    if (typeof c[0] === 'number') {
      const p = c as Position;
      const [x, y] = transform(p[0]!, p[1]!);
      p[0] = x;
      p[1] = y;
      p.length = 2;
    } else (c as unknown[][]).forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => transformGeometry(g, transform));
  else visit(geometry.coordinates as unknown[]);
  return geometry;
}

/** Infer field types from values: numbers only (or empty) = number. */
export function inferFields(rows: Iterable<Record<string, unknown>>): FieldMeta[] {
  const types = new Map<string, 'number' | 'text' | 'empty'>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      const prev = types.get(k) ?? 'empty';
      if (v === null || v === undefined || v === '') {
        if (!types.has(k)) types.set(k, 'empty');
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        if (prev === 'empty') types.set(k, 'number');
      } else types.set(k, 'text');
    }
  }
  return [...types].map(([name, t]) => ({ name, type: t === 'number' ? 'number' : 'text' }));
}
