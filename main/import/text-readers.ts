/**
 * GeoJSON, KML and GeoPackage layers. GeoJSON is lon/lat (RFC 7946) unless it carries an old-style
 * `crs` member; KML is always lon/lat; a GeoPackage layer names its SRS in gpkg_spatial_ref_sys.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { UserError } from '../../shared/errors.ts';
import { decodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import { missingSrsError, plausiblyLonLat, projectionFromEpsg, projectionFromText, type SourceProjection } from './projection.ts';
import { geometryKindOf, inferFields, transformGeometry, type GeometryKind, type LayerReader } from './reader.ts';

export function openGeoJson(file: string, srs?: string): LayerReader {
  const label = path.basename(file);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`"${label}" is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  const features = featuresOf(doc, label);
  features.forEach((f, i) => checkGeometry(f.geometry, `"${label}": feature ${i + 1}`));
  const named = (doc as { crs?: { properties?: { name?: string } } }).crs?.properties?.name;
  const code = srs ?? (named ? /EPSG:{1,2}(\d+)$/i.exec(named)?.[1] : undefined);
  let projection: SourceProjection = { name: 'EPSG:4326', transform: null };
  if (code) projection = projectionFromEpsg(code.includes(':') ? code : `EPSG:${code}`, label);
  else if (features.length > 0) {
    const bbox = bboxOf(features.map((f) => f.geometry));
    if (Number.isFinite(bbox[0]) && !plausiblyLonLat(bbox)) throw missingSrsError(label, bbox);
  }
  return fromFeatures(label, projection, 'utf-8', features);
}

export function openKml(file: string): LayerReader {
  const label = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');
  let fc: FeatureCollection;
  try {
    const dom = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
    if (!dom.getElementsByTagName('kml').length && !dom.getElementsByTagName('Placemark').length) throw new Error('no <kml> element');
    fc = kml(dom as unknown as Parameters<typeof kml>[0]) as FeatureCollection;
  } catch (error) {
    throw new UserError(`"${label}" is not a readable KML file (${(error as Error).message}).`, { cause: error });
  }
  return fromFeatures(label, { name: 'EPSG:4326', transform: null }, 'utf-8', fc.features);
}

function featuresOf(doc: unknown, label: string): Feature[] {
  const d = doc as { type?: string; features?: unknown; geometry?: unknown };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as Feature[];
  if (d?.type === 'Feature') return [d as Feature];
  if (typeof d?.type === 'string' && 'coordinates' in (d as object)) return [{ type: 'Feature', properties: {}, geometry: d as Geometry }];
  throw new UserError(`"${label}" is JSON but not GeoJSON: it has no features.`);
}

function fromFeatures(label: string, projection: SourceProjection, encoding: string, features: Feature[]): LayerReader {
  return {
    label,
    srs: projection.name,
    encoding,
    geometryKind: dominantKind(features.map((f) => f.geometry?.type)),
    count: features.length,
    fields: inferFields(features.map((f) => (f.properties ?? {}) as Record<string, unknown>)),
    async *features() {
      for (const f of features) {
        yield {
          geometry: f.geometry ? transformGeometry(f.geometry, projection.transform) : null,
          properties: { ...(f.id !== undefined && f.properties?.id === undefined ? { id: f.id } : {}), ...(f.properties ?? {}) },
        };
      }
    },
    close() {},
  };
}

function dominantKind(types: (string | undefined)[]): GeometryKind {
  const counts = new Map<GeometryKind, number>();
  for (const t of types) {
    const k = geometryKindOf(t);
    if (k !== 'none') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: GeometryKind = 'none';
  for (const [k, n] of counts) if (n > (counts.get(best) ?? 0)) best = k;
  return best;
}

/** Coordinate nesting depth of each GeoJSON geometry type (1 = a position). */
const COORDINATE_DEPTH: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };

/**
 * Check a GeoJSON geometry's structure before anything walks it: known type, coordinates nested
 * exactly as deep as the type says, positions of finite numbers. Walks with an explicit stack and
 * a depth fixed by the type, so hostile nesting cannot overflow the call stack.
 */
function checkGeometry(geometry: unknown, where: string, collectionDepth = 0): void {
  if (geometry === null || geometry === undefined) return; // a null shape, reported per feature later
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) throw new UserError(`${where} is a GeometryCollection without a "geometries" list.`);
    if (collectionDepth > 4) throw new UserError(`${where} nests geometry collections too deeply.`);
    for (const part of g.geometries) checkGeometry(part, where, collectionDepth + 1);
    return;
  }
  const depth = typeof g.type === 'string' ? COORDINATE_DEPTH[g.type] : undefined;
  if (depth === undefined) throw new UserError(`${where} has an unknown geometry type ${JSON.stringify(g.type)}.`);
  const stack: [unknown, number][] = [[g.coordinates, depth]];
  while (stack.length > 0) {
    const [value, level] = stack.pop()!;
    if (!Array.isArray(value)) throw new UserError(`${where}: its ${g.type} coordinates are not nested as GeoJSON requires.`);
    if (level > 1) {
      for (const child of value) stack.push([child, level - 1]);
    } else if (value.length < 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      // Shallow preview: the offending value may itself be nested arbitrarily deep.
      const preview = value.slice(0, 3).map((v) => (Array.isArray(v) ? '[…]' : JSON.stringify(v) ?? String(v)));
      throw new UserError(`${where} has a position that is not a pair of numbers: [${preview.join(', ')}${value.length > 3 ? ', …' : ''}].`);
    }
  }
}

function bboxOf(geometries: (Geometry | null)[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < b[0]!) b[0] = x;
      if (y < b[1]!) b[1] = y;
      if (x > b[2]!) b[2] = x;
      if (y > b[3]!) b[3] = y;
    } else (c as unknown[]).forEach(visit);
  };
  for (const g of geometries) if (g && g.type !== 'GeometryCollection') visit(g.coordinates);
  return b;
}

export function openGpkgLayer(file: string, table: string, srs?: string): LayerReader {
  const label = path.basename(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const meta = db
      .prepare(
        `SELECT g.column_name AS col, g.geometry_type_name AS type, g.srs_id AS srsId, s.organization AS org,
                s.organization_coordsys_id AS code, s.definition AS def, s.srs_name AS srsName
         FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?`,
      )
      .get(table) as { col: string; type: string; srsId: number; org: string | null; code: number | null; def: string | null; srsName: string | null } | undefined;
    if (!meta) throw new UserError(`"${label}" has no feature table "${table}".`);
    let projection: SourceProjection;
    if (srs) projection = projectionFromEpsg(srs, label);
    else if (meta.org?.toUpperCase() === 'EPSG' && meta.code !== null) {
      projection = meta.code === 4326 || meta.code === 4269 ? { name: `EPSG:${meta.code}`, transform: null } : projectionFromEpsgOrWkt(meta.code, meta.def, label);
    } else if (meta.def && meta.def !== 'undefined') projection = projectionFromText(meta.def, meta.srsName ?? 'custom', label);
    else projection = { name: 'EPSG:4326 (assumed: undefined SRS)', transform: null };
    const columns = (db.prepare(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).all() as { name: string; type: string; pk: number }[]).filter(
      (c) => c.name !== meta.col && !(c.pk && /^int/i.test(c.type)),
    );
    const fields = columns.map((c) => ({ name: c.name, type: /int|real|double|float|numeric/i.test(c.type) ? ('number' as const) : ('text' as const) }));
    const count = (db.prepare(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`).get() as { n: number }).n;
    const select = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`);
    return {
      label: `${label} (${table})`,
      srs: projection.name,
      encoding: 'utf-8',
      geometryKind: geometryKindOf(meta.type === 'GEOMETRY' ? null : meta.type) === 'none' ? sniffKind(db, table, meta.col) : geometryKindOf(meta.type),
      count,
      fields,
      async *features() {
        for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
          const blob = row[meta.col];
          const properties: Record<string, unknown> = {};
          for (const c of columns) properties[c.name] = row[c.name];
          let geometry: Geometry | null = null;
          if (blob instanceof Uint8Array) {
            try {
              geometry = decodeGpkgGeometry(blob);
            } catch (error) {
              throw new UserError(`"${label}" has a damaged geometry in table "${table}" (${(error as Error).message}).`, { cause: error });
            }
          }
          yield { geometry: geometry ? transformGeometry(geometry, projection.transform) : null, properties };
        }
      },
      close() {
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function projectionFromEpsgOrWkt(code: number, def: string | null, label: string): SourceProjection {
  try {
    return projectionFromEpsg(`EPSG:${code}`, label);
  } catch (error) {
    if (def) return projectionFromText(def, `EPSG:${code}`, label);
    throw error;
  }
}

function sniffKind(db: Database.Database, table: string, col: string): GeometryKind {
  const row = db.prepare(`SELECT "${col}" AS g FROM "${table.replace(/"/g, '""')}" WHERE "${col}" IS NOT NULL LIMIT 1`).get() as { g: Uint8Array } | undefined;
  return row ? geometryKindOf(decodeGpkgGeometry(row.g)?.type) : 'none';
}
