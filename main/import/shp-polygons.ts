/**
 * Polygon records of a .shp read straight into packed typed arrays (compact.ts), reprojected in
 * place: no GeoJSON array per point. Rings are grouped into polygons exactly as the `shapefile`
 * package does (clockwise rings are shells; every other ring goes into the first shell that
 * contains it, else stands alone), and damaged records are skipped the same way (scan ahead to
 * the next record number, the package's fix for mbostock/shapefile#36), so both read paths yield
 * the same polygons. Attributes still come from the package's DBF reader (shapefile-reader.ts).
 */
import fs from 'node:fs';
import type { CompactPolygons } from './compact.ts';
import type { Transform } from './projection.ts';

const CHUNK = 8 << 20;

/** Sequential reader over a file with a growable window (records may exceed one chunk). */
class ByteWindow {
  private buf = Buffer.allocUnsafe(CHUNK);
  private start = 0;
  private end = 0;
  private filePos: number;
  constructor(
    private readonly fd: number,
    offset: number,
  ) {
    this.filePos = offset;
  }
  /** Make n bytes available at the cursor; false when the file ends first. */
  ensure(n: number): boolean {
    if (this.end - this.start >= n) return true;
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    if (n > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(n, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.end);
      this.buf = grown;
    }
    while (this.end < n) {
      const got = fs.readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.filePos);
      if (got === 0) return false;
      this.end += got;
      this.filePos += got;
    }
    return true;
  }
  available(): number {
    return this.end - this.start;
  }
  /** The bytes at the cursor (valid until the next ensure). */
  view(n: number): Buffer {
    return this.buf.subarray(this.start, this.start + n);
  }
  skip(n: number): void {
    this.start += n;
  }
}

export class ShpDamaged extends Error {}

/**
 * Yields each record's polygons (null for a null shape) in file order. `shapeType` is the
 * file's (5, 15 or 25); `transform` reprojects to lon/lat in place. The coordinates usually live
 * in a buffer reused for the next record: clean or copy them before asking for the next one.
 */
export function* readShpPolygons(file: string, shapeType: number, transform: Transform | null): Generator<CompactPolygons | null> {
  const fd = fs.openSync(file, 'r');
  try {
    const w = new ByteWindow(fd, 100);
    for (let index = 1; ; index++) {
      if (!w.ensure(12)) {
        // The package reads 12 bytes at a time: fewer left means the end of the records.
        return;
      }
      let head = w.view(12);
      let length = head.readInt32BE(4) * 2 - 4;
      let type = head.readInt32LE(8);
      while (length < 0 || (type !== 0 && type !== shapeType)) {
        // Damaged record: move on four bytes at a time to the header of record `index`.
        w.skip(4);
        if (!w.ensure(12)) return;
        head = w.view(12);
        if (head.readInt32BE(0) !== index) continue;
        length = head.readInt32BE(4) * 2 - 4;
        type = head.readInt32LE(8);
      }
      w.skip(12);
      const content = w.ensure(length) ? length : w.available();
      const record = w.view(content);
      const geometry = type === 0 ? null : parsePolygon(record, transform);
      w.skip(content);
      yield geometry;
    }
  } finally {
    fs.closeSync(fd);
  }
}

let scratch = new Float64Array(1 << 16);

/** One polygon record (content after the shape type) -> packed polygons (coords: see above). */
function parsePolygon(rec: Buffer, transform: Transform | null): CompactPolygons {
  if (rec.length < 40) throw new ShpDamaged('Offset is outside the bounds of the DataView');
  const partCount = rec.readInt32LE(32);
  const pointCount = rec.readInt32LE(36);
  if (partCount < 0 || pointCount < 0 || 40 + 4 * partCount + 16 * pointCount > rec.length) {
    throw new ShpDamaged('Offset is outside the bounds of the DataView');
  }
  const pointsAt = 40 + 4 * partCount;
  // Copy the points once into a reused buffer (the record's bytes may be unaligned for a
  // Float64Array view); the caller copies what it keeps, so an import allocates no typed array
  // per record here.
  if (scratch.length < pointCount * 2) scratch = new Float64Array(Math.max(pointCount * 2, scratch.length * 2));
  const points = scratch.subarray(0, pointCount * 2);
  new Uint8Array(points.buffer, 0, 16 * pointCount).set(rec.subarray(pointsAt, pointsAt + 16 * pointCount));
  const ringStart = new Int32Array(partCount);
  const ringEnd = new Int32Array(partCount);
  const clamp = (v: number) => (v < 0 ? Math.max(0, pointCount + v) : Math.min(v, pointCount));
  for (let j = 0; j < partCount; j++) {
    // Array.prototype.slice semantics, as the package slices its point array.
    ringStart[j] = clamp(rec.readInt32LE(40 + 4 * j));
    ringEnd[j] = j + 1 < partCount ? clamp(rec.readInt32LE(44 + 4 * j)) : pointCount;
    if (ringEnd[j]! < ringStart[j]!) ringEnd[j] = ringStart[j]!;
  }

  // Group: clockwise rings are shells, the others holes of the first shell containing them.
  const polygons: number[][] = [];
  const holes: number[] = [];
  for (let j = 0; j < partCount; j++) {
    if (ringClockwise(points, ringStart[j]!, ringEnd[j]!)) polygons.push([j]);
    else holes.push(j);
  }
  for (const h of holes) {
    const home = polygons.find((polygon) => ringContainsSome(points, ringStart[polygon[0]!]!, ringEnd[polygon[0]!]!, ringStart[h]!, ringEnd[h]!));
    if (home) home.push(h);
    else polygons.push([h]);
  }

  let total = 0;
  let ringCount = 0;
  for (const polygon of polygons) {
    for (const j of polygon) total += ringEnd[j]! - ringStart[j]!;
    ringCount += polygon.length;
  }
  const coords = total === pointCount && isContiguous(polygons, ringStart, ringEnd) ? points : new Float64Array(total * 2);
  const rings = new Int32Array(ringCount + 1);
  const polygonStarts = new Int32Array(polygons.length + 1);
  let o = 0;
  let r = 0;
  polygons.forEach((polygon, p) => {
    polygonStarts[p] = r;
    for (const j of polygon) {
      rings[r++] = o;
      if (coords !== points) coords.set(points.subarray(2 * ringStart[j]!, 2 * ringEnd[j]!), 2 * o);
      o += ringEnd[j]! - ringStart[j]!;
    }
  });
  rings[r] = o;
  polygonStarts[polygons.length] = r;
  if (transform) {
    for (let i = 0; i < coords.length; i += 2) {
      const [x, y] = transform(coords[i]!, coords[i + 1]!);
      coords[i] = x;
      coords[i + 1] = y;
    }
  }
  return { coords, rings, polygons: polygonStarts };
}

/** Rings already in file order, back to back (the common case): the point copy can be kept. */
function isContiguous(polygons: number[][], ringStart: Int32Array, ringEnd: Int32Array): boolean {
  let at = 0;
  for (const polygon of polygons) {
    for (const j of polygon) {
      if (ringStart[j] !== at) return false;
      at = ringEnd[j]!;
    }
  }
  return true;
}

function ringClockwise(c: Float64Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 4) return false;
  const x = (i: number) => c[2 * (s + i)]!;
  const y = (i: number) => c[2 * (s + i) + 1]!;
  let area = y(n - 1) * x(0) - x(n - 1) * y(0);
  for (let i = 1; i < n; i++) area += y(i - 1) * x(i) - x(i - 1) * y(i);
  return area >= 0;
}

function ringContainsSome(c: Float64Array, rs: number, re: number, hs: number, he: number): boolean {
  for (let i = hs; i < he; i++) {
    const k = ringContains(c, rs, re, c[2 * i]!, c[2 * i + 1]!);
    if (k !== 0) return k > 0;
  }
  return false;
}

function ringContains(c: Float64Array, s: number, e: number, x: number, y: number): number {
  let contains = -1;
  for (let i = s, j = e - 1; i < e; j = i++) {
    const xi = c[2 * i]!;
    const yi = c[2 * i + 1]!;
    const xj = c[2 * j]!;
    const yj = c[2 * j + 1]!;
    if (segmentContains(xi, yi, xj, yj, x, y)) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) contains = -contains;
  }
  return contains;
}

function segmentContains(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const x20 = x2 - x0;
  const y20 = y2 - y0;
  if (x20 === 0 && y20 === 0) return true;
  const x10 = x1 - x0;
  const y10 = y1 - y0;
  if (x10 === 0 && y10 === 0) return false;
  const t = (x20 * x10 + y20 * y10) / (x10 * x10 + y10 * y10);
  return t < 0 || t > 1 ? false : t === 0 || t === 1 ? true : t * x10 === x20 && t * y10 === y20;
}
