/**
 * GeoPackage binary geometry (OGC 12-128r18 §2.1.3): a "GP" header with SRS id and an
 * [minx, maxx, miny, maxy] envelope, followed by little-endian ISO WKB. Hand-written because it
 * is small and sits on the import hot path (no per-vertex allocation beyond the output buffer).
 */
import type { Geometry, Position } from 'geojson';

const WKB = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6 } as const;
const HEADER_BYTES = 8 + 32; // magic, version, flags, srs_id + XY envelope

export interface Envelope {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Encode a GeoJSON geometry (2D; extra ordinates dropped) as a GeoPackage geometry blob. */
export function encodeGpkgGeometry(geometry: Geometry, srsId = 4326): Buffer {
  const env: Envelope = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const size = HEADER_BYTES + wkbSize(geometry);
  const buf = Buffer.allocUnsafe(size);
  let o = HEADER_BYTES;

  const point = (p: Position) => {
    const x = p[0]!;
    const y = p[1]!;
    if (x < env.minX) env.minX = x;
    if (x > env.maxX) env.maxX = x;
    if (y < env.minY) env.minY = y;
    if (y > env.maxY) env.maxY = y;
    buf.writeDoubleLE(x, o);
    buf.writeDoubleLE(y, o + 8);
    o += 16;
  };
  const head = (type: number) => {
    buf.writeUInt8(1, o);
    buf.writeUInt32LE(type, o + 1);
    o += 5;
  };
  const count = (n: number) => {
    buf.writeUInt32LE(n, o);
    o += 4;
  };
  const ring = (r: Position[]) => {
    count(r.length);
    r.forEach(point);
  };
  const polygon = (rings: Position[][]) => {
    head(WKB.Polygon);
    count(rings.length);
    rings.forEach(ring);
  };
  const write = (g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        head(WKB.Point);
        point(g.coordinates);
        return;
      case 'LineString':
        head(WKB.LineString);
        ring(g.coordinates);
        return;
      case 'Polygon':
        polygon(g.coordinates);
        return;
      case 'MultiPoint':
        head(WKB.MultiPoint);
        count(g.coordinates.length);
        for (const p of g.coordinates) {
          head(WKB.Point);
          point(p);
        }
        return;
      case 'MultiLineString':
        head(WKB.MultiLineString);
        count(g.coordinates.length);
        for (const l of g.coordinates) {
          head(WKB.LineString);
          ring(l);
        }
        return;
      case 'MultiPolygon':
        head(WKB.MultiPolygon);
        count(g.coordinates.length);
        g.coordinates.forEach(polygon);
        return;
      case 'GeometryCollection':
        throw new Error('Geometry collections cannot be stored in a feature table.');
    }
  };
  write(geometry);

  const empty = env.minX === Infinity;
  buf.write('GP', 0, 'latin1');
  buf.writeUInt8(0, 2); // version 1
  // flags: little-endian (bit 0), envelope type 1 = XY (bits 1-3), empty flag (bit 4)
  buf.writeUInt8(0b1 | (1 << 1) | (empty ? 1 << 4 : 0), 3);
  buf.writeInt32LE(srsId, 4);
  const nan = empty ? NaN : 0;
  buf.writeDoubleLE(empty ? nan : env.minX, 8);
  buf.writeDoubleLE(empty ? nan : env.maxX, 16);
  buf.writeDoubleLE(empty ? nan : env.minY, 24);
  buf.writeDoubleLE(empty ? nan : env.maxY, 32);
  return buf;
}

/**
 * A MultiPolygon held flat (the import's packed form): x,y pairs in one Float64Array, ring starts
 * in points and polygon starts in rings, each with a closing end entry.
 */
export interface FlatMultiPolygon {
  coords: Float64Array;
  rings: Int32Array;
  polygons: Int32Array;
}

/**
 * Encode a flat MultiPolygon as a GeoPackage geometry blob without building GeoJSON: the
 * coordinates are copied as bytes (WKB doubles are little-endian, as typed arrays are on every
 * platform Tessera ships for), so the write costs one memcpy per ring.
 */
export function encodeGpkgFlatMultiPolygon(g: FlatMultiPolygon, srsId = 4326): Buffer {
  const polygonCount = g.polygons.length - 1;
  const ringCount = g.rings.length - 1;
  const points = g.rings[ringCount]! - g.rings[0]!;
  const size = HEADER_BYTES + 9 + polygonCount * 9 + ringCount * 4 + points * 16;
  const buf = Buffer.allocUnsafe(size);
  const bytes = new Uint8Array(g.coords.buffer, g.coords.byteOffset, g.coords.byteLength);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let o = HEADER_BYTES;
  buf[o] = 1;
  buf.writeUInt32LE(WKB.MultiPolygon, o + 1);
  buf.writeUInt32LE(polygonCount, o + 5);
  o += 9;
  for (let p = 0; p < polygonCount; p++) {
    const r0 = g.polygons[p]!;
    const r1 = g.polygons[p + 1]!;
    buf[o] = 1;
    buf.writeUInt32LE(WKB.Polygon, o + 1);
    buf.writeUInt32LE(r1 - r0, o + 5);
    o += 9;
    for (let r = r0; r < r1; r++) {
      const i0 = g.rings[r]!;
      const i1 = g.rings[r + 1]!;
      buf.writeUInt32LE(i1 - i0, o);
      o += 4;
      buf.set(bytes.subarray(i0 * 16, i1 * 16), o);
      o += (i1 - i0) * 16;
      for (let i = i0; i < i1; i++) {
        const x = g.coords[2 * i]!;
        const y = g.coords[2 * i + 1]!;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const empty = minX === Infinity;
  buf.write('GP', 0, 'latin1');
  buf.writeUInt8(0, 2);
  buf.writeUInt8(0b1 | (1 << 1) | (empty ? 1 << 4 : 0), 3);
  buf.writeInt32LE(srsId, 4);
  buf.writeDoubleLE(empty ? NaN : minX, 8);
  buf.writeDoubleLE(empty ? NaN : maxX, 16);
  buf.writeDoubleLE(empty ? NaN : minY, 24);
  buf.writeDoubleLE(empty ? NaN : maxY, 32);
  return buf;
}

function wkbSize(g: Geometry): number {
  const ring = (r: Position[]) => 4 + 16 * r.length;
  const polygon = (p: Position[][]) => 9 + p.reduce((s, r) => s + ring(r), 0);
  switch (g.type) {
    case 'Point':
      return 21;
    case 'LineString':
      return 5 + ring(g.coordinates);
    case 'Polygon':
      return polygon(g.coordinates);
    case 'MultiPoint':
      return 9 + 21 * g.coordinates.length;
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((s, l) => s + 5 + ring(l), 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((s, p) => s + polygon(p), 0);
    case 'GeometryCollection':
      throw new Error('Geometry collections cannot be stored in a feature table.');
  }
}

/** Read the envelope from a blob's header, or null for an empty geometry or no envelope. */
export function readGpkgEnvelope(blob: Uint8Array): Envelope | null {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 8 || buf.toString('latin1', 0, 2) !== 'GP') throw new Error('Not a GeoPackage geometry blob.');
  const flags = buf.readUInt8(3);
  if (flags & (1 << 4)) return null;
  const envelopeType = (flags >> 1) & 0b111;
  if (envelopeType === 0) {
    const geometry = decodeGpkgGeometry(blob);
    return geometry ? envelopeOf(geometry) : null;
  }
  const le = (flags & 1) === 1;
  const read = (i: number) => (le ? buf.readDoubleLE(8 + 8 * i) : buf.readDoubleBE(8 + 8 * i));
  return { minX: read(0), maxX: read(1), minY: read(2), maxY: read(3) };
}

const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8] as const;

/** Decode a GeoPackage geometry blob to GeoJSON (2D), or null for an empty geometry. */
export function decodeGpkgGeometry(blob: Uint8Array): Geometry | null {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 8 || buf.toString('latin1', 0, 2) !== 'GP') throw new Error('Not a GeoPackage geometry blob.');
  const flags = buf.readUInt8(3);
  if (flags & (1 << 4)) return null;
  const envelopeDoubles = ENVELOPE_DOUBLES[(flags >> 1) & 0b111];
  if (envelopeDoubles === undefined) throw new Error('Invalid GeoPackage envelope type.');
  let o = 8 + 8 * envelopeDoubles;

  const readGeometry = (): Geometry => {
    const le = buf.readUInt8(o) === 1;
    const rawType = le ? buf.readUInt32LE(o + 1) : buf.readUInt32BE(o + 1);
    o += 5;
    // ISO WKB: 1000s add Z, 2000s add M, 3000s add ZM; EWKB flags in the high bits.
    const base = rawType & 0xffff;
    const isoDims = Math.floor(base / 1000);
    const type = base % 1000;
    const hasZ = isoDims === 1 || isoDims === 3 || (rawType & 0x80000000) !== 0;
    const hasM = isoDims === 2 || isoDims === 3 || (rawType & 0x40000000) !== 0;
    const stride = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
    const u32 = () => {
      const v = le ? buf.readUInt32LE(o) : buf.readUInt32BE(o);
      o += 4;
      return v;
    };
    const pos = (): Position => {
      const x = le ? buf.readDoubleLE(o) : buf.readDoubleBE(o);
      const y = le ? buf.readDoubleLE(o + 8) : buf.readDoubleBE(o + 8);
      o += 8 * stride;
      return [x, y];
    };
    const line = () => Array.from({ length: u32() }, pos);
    const rings = () => Array.from({ length: u32() }, line);
    const parts = <T>(read: () => T) => Array.from({ length: u32() }, read);
    switch (type) {
      case WKB.Point:
        return { type: 'Point', coordinates: pos() };
      case WKB.LineString:
        return { type: 'LineString', coordinates: line() };
      case WKB.Polygon:
        return { type: 'Polygon', coordinates: rings() };
      case WKB.MultiPoint:
        return { type: 'MultiPoint', coordinates: parts(() => (readGeometry() as GeoJSON.Point).coordinates) };
      case WKB.MultiLineString:
        return { type: 'MultiLineString', coordinates: parts(() => (readGeometry() as GeoJSON.LineString).coordinates) };
      case WKB.MultiPolygon:
        return { type: 'MultiPolygon', coordinates: parts(() => (readGeometry() as GeoJSON.Polygon).coordinates) };
      default:
        throw new Error(`Unsupported WKB geometry type ${rawType}.`);
    }
  };
  return readGeometry();
}

export function envelopeOf(geometry: Geometry): Envelope {
  const env: Envelope = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      env.minX = Math.min(env.minX, x);
      env.maxX = Math.max(env.maxX, x);
      env.minY = Math.min(env.minY, y);
      env.maxY = Math.max(env.maxY, y);
    } else (c as unknown[]).forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') throw new Error('Geometry collections cannot be stored in a feature table.');
  visit(geometry.coordinates);
  return env;
}
