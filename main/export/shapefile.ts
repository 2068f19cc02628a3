/**
 * ESRI shapefile writer (.shp, .shx, .dbf, .prj, .cpg) for MultiPolygon and Point layers.
 * Hand-written because the npm writers get holes, .cpg or UTF-8 wrong and the formats are small:
 * - .shp/.shx: ESRI whitepaper (1998). Polygon records hold every ring of every part; exterior rings
 *   are clockwise and holes counter-clockwise, which is how readers tell them apart.
 * - .dbf: dBase III; text as UTF-8 (declared by the .cpg), cut at a character boundary to at
 *   most 254 bytes; numbers as right-aligned ASCII (`N`); empty cells are blanks (null).
 * - .prj: the ESRI WKT of WGS 84 (GDAL identifies it as EPSG:4326); .cpg: `UTF-8`.
 * Field names are the columns' `dbf` names (≤ 10 characters, see layers.ts and README.md).
 */
import type { MultiPolygon, Point } from 'geojson';
import type { Column, ExportLayer, ProgressFn } from './layers.ts';
import { orientPolygons } from './rings.ts';

export const WGS84_ESRI_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const SHAPE = { null: 0, point: 1, polygon: 5 } as const;

export interface ShapefileSet {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: string;
  cpg: string;
}

export function shapefileSet(layer: ExportLayer, progress?: ProgressFn): ShapefileSet {
  if (!layer.geometryType) throw new Error(`Layer ${layer.name} has no geometry.`);
  const { shp, shx } = writeShp(layer, progress);
  return { shp, shx, dbf: writeDbf(layer.columns, layer.rows.map((r) => r.values)), prj: WGS84_ESRI_PRJ, cpg: 'UTF-8' };
}

function writeShp(layer: ExportLayer, progress?: ProgressFn): { shp: Uint8Array; shx: Uint8Array } {
  const shapeType = layer.geometryType === 'POINT' ? SHAPE.point : SHAPE.polygon;
  const contents = layer.rows.map((row, i) => {
    if (progress && i % 1000 === 0) progress({ stage: `shapefile ${layer.name}`, done: i, total: layer.rows.length });
    if (!row.geometry) return nullShape();
    return row.geometry.type === 'Point' ? pointShape(row.geometry) : polygonShape(row.geometry);
  });
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = Buffer.alloc(shpLength);
  const shx = Buffer.alloc(100 + 8 * contents.length);
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  let offset = 100;
  contents.forEach((content, i) => {
    shp.writeInt32BE(i + 1, offset);
    shp.writeInt32BE(content.length / 2, offset + 4);
    content.copy(shp, offset + 8);
    shx.writeInt32BE(offset / 2, 100 + 8 * i);
    shx.writeInt32BE(content.length / 2, 100 + 8 * i + 4);
    const type = content.readInt32LE(0);
    if (type === SHAPE.point) {
      const x = content.readDoubleLE(4);
      const y = content.readDoubleLE(12);
      extend(bbox, x, y, x, y);
    } else if (type === SHAPE.polygon) {
      extend(bbox, content.readDoubleLE(4), content.readDoubleLE(12), content.readDoubleLE(20), content.readDoubleLE(28));
    }
    offset += 8 + content.length;
  });
  if (bbox[0] === Infinity) bbox.fill(0);
  writeHeader(shp, shpLength, shapeType, bbox);
  writeHeader(shx, shx.length, shapeType, bbox);
  return { shp, shx };
}

function extend(bbox: number[], minX: number, minY: number, maxX: number, maxY: number): void {
  bbox[0] = Math.min(bbox[0]!, minX);
  bbox[1] = Math.min(bbox[1]!, minY);
  bbox[2] = Math.max(bbox[2]!, maxX);
  bbox[3] = Math.max(bbox[3]!, maxY);
}

function writeHeader(buf: Buffer, byteLength: number, shapeType: number, bbox: number[]): void {
  buf.writeInt32BE(9994, 0);
  buf.writeInt32BE(byteLength / 2, 24);
  buf.writeInt32LE(1000, 28);
  buf.writeInt32LE(shapeType, 32);
  bbox.forEach((v, i) => buf.writeDoubleLE(v, 36 + 8 * i));
  // Z and M ranges (68..99) stay 0 for 2D shapes.
}

function nullShape(): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(SHAPE.null, 0);
  return b;
}

function pointShape(p: Point): Buffer {
  const b = Buffer.alloc(20);
  b.writeInt32LE(SHAPE.point, 0);
  b.writeDoubleLE(p.coordinates[0]!, 4);
  b.writeDoubleLE(p.coordinates[1]!, 12);
  return b;
}

function polygonShape(g: MultiPolygon): Buffer {
  const rings = orientPolygons(g, false).flat().filter((r) => r.length >= 4);
  if (rings.length === 0) return nullShape();
  const numPoints = rings.reduce((s, r) => s + r.length, 0);
  const b = Buffer.alloc(44 + 4 * rings.length + 16 * numPoints);
  b.writeInt32LE(SHAPE.polygon, 0);
  b.writeInt32LE(rings.length, 36);
  b.writeInt32LE(numPoints, 40);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let part = 0;
  let o = 44 + 4 * rings.length;
  rings.forEach((ring, i) => {
    b.writeInt32LE(part, 44 + 4 * i);
    part += ring.length;
    for (const [x, y] of ring as [number, number][]) {
      b.writeDoubleLE(x, o);
      b.writeDoubleLE(y, o + 8);
      o += 16;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  });
  [minX, minY, maxX, maxY].forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  return b;
}

const MAX_TEXT_BYTES = 254;
const encoder = new TextEncoder();

interface DbfField {
  column: Column;
  type: 'C' | 'N';
  width: number;
  decimals: number;
}

/** A dBase III table; `values[row][column]` in column order. */
export function writeDbf(columns: readonly Column[], values: readonly (readonly (string | number | null)[])[]): Buffer {
  const texts = values.map((row) => columns.map((c, k) => formatCell(c, row[k] ?? null)));
  const fields: DbfField[] = columns.map((column, k) => {
    const widest = texts.reduce((w, row) => Math.max(w, Buffer.byteLength(row[k]!)), 0);
    if (column.type === 'text') return { column, type: 'C', width: Math.max(1, Math.min(MAX_TEXT_BYTES, widest)), decimals: 0 };
    const decimals = column.type === 'integer' ? 0 : (column.decimals ?? 6);
    return { column, type: 'N', width: Math.min(20, Math.max(widest, decimals + 3, column.type === 'integer' ? 9 : 12)), decimals };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const buf = Buffer.alloc(headerLength + recordLength * values.length + 1, 0x20);
  buf.fill(0, 0, headerLength);
  const now = new Date();
  buf.writeUInt8(0x03, 0);
  buf.writeUInt8(now.getUTCFullYear() - 1900, 1);
  buf.writeUInt8(now.getUTCMonth() + 1, 2);
  buf.writeUInt8(now.getUTCDate(), 3);
  buf.writeUInt32LE(values.length, 4);
  buf.writeUInt16LE(headerLength, 8);
  buf.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    buf.write(f.column.dbf.slice(0, 10), at, 'latin1');
    buf.write(f.type, at + 11, 'latin1');
    buf.writeUInt8(f.width, at + 16);
    buf.writeUInt8(f.decimals, at + 17);
  });
  buf.writeUInt8(0x0d, headerLength - 1);
  let o = headerLength;
  for (const row of texts) {
    buf.writeUInt8(0x20, o++); // not deleted
    fields.forEach((f, k) => {
      const bytes = encoder.encode(row[k]!);
      if (f.type === 'C') buf.set(bytes.subarray(0, f.width), o);
      else if (bytes.length <= f.width) buf.set(bytes, o + f.width - bytes.length);
      // A number wider than its field (over 20 digits) is left blank rather than written wrongly.
      o += f.width;
    });
  }
  buf.writeUInt8(0x1a, buf.length - 1);
  return buf;
}

function formatCell(column: Column, value: string | number | null): string {
  if (value === null) return '';
  if (column.type === 'text') return truncateUtf8(String(value), MAX_TEXT_BYTES);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '';
  return column.type === 'integer' ? String(Math.round(n)) : n.toFixed(column.decimals ?? 6);
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}
