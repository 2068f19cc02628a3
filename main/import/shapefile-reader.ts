/**
 * ESRI shapefile sets, read with the `shapefile` package after checking the files agree with each
 * other (a damaged set otherwise reads as silently fewer features or garbage).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { UserError } from '../../shared/errors.ts';
import { decodeUtf8Natively } from './dbf-utf8.ts';
import { detectDbfEncoding } from './encoding.ts';
import { missingSrsError, plausiblyLonLat, prjName, projectionFromEpsg, projectionFromText, type SourceProjection } from './projection.ts';
import { geometryKindOf, transformGeometry, type FieldMeta, type LayerReader } from './reader.ts';
import type { CompactPolygons } from './compact.ts';
import { readShpPolygons } from './shp-polygons.ts';
import type { ShapefileSet } from './source.ts';

const SHAPE_TYPES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

export function openShapefile(files: ShapefileSet, srs?: string): LayerReader {
  const label = path.basename(files.shp);
  const base = label.replace(/\.shp$/i, '');
  if (!files.dbf) throw new UserError(`"${label}" has no .dbf attribute file next to it (${base}.dbf): the shapefile set is incomplete.`);
  if (!files.shx) throw new UserError(`"${label}" has no .shx index file next to it (${base}.shx): the shapefile set is incomplete.`);
  const shp = checkShp(files.shp);
  const shxCount = checkShx(files.shx, path.basename(files.shx), shp.size);
  const dbf = checkDbf(files.dbf, path.basename(files.dbf));
  if (shxCount !== dbf.count) {
    throw new UserError(
      `"${label}" and "${path.basename(files.dbf)}" disagree: the shapes index lists ${shxCount} records but the attribute table has ${dbf.count}. The set is damaged or mixes files from different layers.`,
    );
  }
  const kind = SHAPE_TYPES[shp.shapeType];
  if (kind === undefined) throw new UserError(`"${label}" has an unknown shape type (${shp.shapeType}); it is not a valid shapefile.`);
  if (kind === 'MultiPatch') throw new UserError(`"${label}" holds 3D MultiPatch shapes, which cannot be imported; convert them to polygons first.`);

  let projection: SourceProjection;
  if (srs) projection = projectionFromEpsg(srs, label);
  else if (files.prj && fs.statSync(files.prj).size > 0) {
    const wkt = fs.readFileSync(files.prj, 'utf8');
    projection = projectionFromText(wkt, prjName(wkt), path.basename(files.prj));
  } else if (shxCount === 0 || plausiblyLonLat(shp.bbox)) projection = { name: 'EPSG:4326 (assumed: no .prj)', transform: null };
  else throw missingSrsError(label, shp.bbox);

  const encoding = detectDbfEncoding(files.dbf, files.cpg);
  let source: shapefile.Source<GeoJSON.Feature> | null = null;
  let dbfSource: shapefile.Source<GeoJSON.GeoJsonProperties> | null = null;
  return {
    label,
    srs: projection.name,
    encoding: encoding.encoding,
    geometryKind: geometryKindOf(kind === 'Null' ? null : kind),
    count: shxCount,
    fields: dbf.fields,
    async *features() {
      try {
        // Streams, not paths: the package appends ".shp"/".dbf" to names in upper case.
        source = await shapefile.open(fs.createReadStream(files.shp), fs.createReadStream(files.dbf!), { encoding: encoding.encoding });
        decodeUtf8Natively(source, encoding.encoding);
      } catch (error) {
        throw new UserError(`"${label}" cannot be read: ${(error as Error).message}.`, { cause: error });
      }
      let n = 0;
      for (;;) {
        let result: { done: boolean; value: GeoJSON.Feature };
        try {
          result = await source.read();
        } catch (error) {
          throw new UserError(`"${label}" is damaged at record ${n + 1}: ${(error as Error).message}.`, { cause: error });
        }
        if (result.done) break;
        n++;
        const f = result.value;
        const geometry = f.geometry ? transformGeometry(f.geometry, projection.transform) : null;
        yield { geometry, properties: (f.properties ?? {}) as Record<string, unknown> };
      }
      if (n !== shxCount) {
        throw new UserError(`"${label}" is damaged: the index lists ${shxCount} shapes but only ${n} could be read.`);
      }
    },
    ...(kind === 'Polygon' || kind === 'PolygonZ' || kind === 'PolygonM'
      ? {
          async *polygons() {
            // Geometry straight from the .shp into typed arrays; attributes from the package.
            let attributes: shapefile.Source<GeoJSON.GeoJsonProperties>;
            try {
              attributes = await shapefile.openDbf(fs.createReadStream(files.dbf!), { encoding: encoding.encoding });
              decodeUtf8Natively(attributes, encoding.encoding);
            } catch (error) {
              throw new UserError(`"${label}" cannot be read: ${(error as Error).message}.`, { cause: error });
            }
            dbfSource = attributes;
            let n = 0;
            const records = readShpPolygons(files.shp, shp.shapeType, projection.transform);
            try {
              for (;;) {
                let geometry: IteratorResult<CompactPolygons | null>;
                let properties: { done: boolean; value: GeoJSON.GeoJsonProperties | undefined };
                try {
                  properties = await attributes.read();
                  geometry = records.next();
                } catch (error) {
                  throw new UserError(`"${label}" is damaged at record ${n + 1}: ${(error as Error).message}.`, { cause: error });
                }
                if (geometry.done) break;
                n++;
                yield { geometry: geometry.value, properties: properties.done ? {} : (properties.value ?? {}) };
              }
            } finally {
              records.return(undefined); // closes the .shp when the import stops early (cancel, error)
            }
            if (n !== shxCount) {
              throw new UserError(`"${label}" is damaged: the index lists ${shxCount} shapes but only ${n} could be read.`);
            }
          },
        }
      : {}),
    close() {
      void source?.cancel().catch(() => {});
      void dbfSource?.cancel().catch(() => {});
    },
  };
}

function checkShp(file: string): { size: number; shapeType: number; bbox: number[] } {
  const label = path.basename(file);
  const size = fs.statSync(file).size;
  if (size === 0) throw new UserError(`"${label}" is empty (0 bytes).`);
  if (size < 100) throw new UserError(`"${label}" is truncated: it is shorter than a shapefile header.`);
  const head = readHead(file, 100);
  if (head.readInt32BE(0) !== 9994) throw new UserError(`"${label}" is not a shapefile (wrong file signature).`);
  const declared = head.readInt32BE(24) * 2;
  if (size < declared) {
    throw new UserError(`"${label}" is truncated: its header says ${declared} bytes but the file has ${size}. Copy or unzip it again.`);
  }
  const bbox = [head.readDoubleLE(36), head.readDoubleLE(44), head.readDoubleLE(52), head.readDoubleLE(60)];
  return { size, shapeType: head.readInt32LE(32), bbox };
}

function checkShx(file: string, label: string, shpSize: number): number {
  const size = fs.statSync(file).size;
  if (size < 100) throw new UserError(`"${label}" is ${size === 0 ? 'empty (0 bytes)' : 'truncated'}; the shapefile set is damaged.`);
  if ((size - 100) % 8 !== 0) throw new UserError(`"${label}" is truncated (its size is not a whole number of index records).`);
  const count = (size - 100) / 8;
  if (count > 0) {
    const last = Buffer.alloc(8);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, last, 0, 8, size - 8);
    } finally {
      fs.closeSync(fd);
    }
    const end = last.readInt32BE(0) * 2 + 8 + last.readInt32BE(4) * 2;
    if (end > shpSize) {
      throw new UserError(
        `The .shp of "${label.replace(/\.shx$/i, '')}" is truncated: its last shape should end at byte ${end} but the file has ${shpSize} bytes. Copy or unzip it again.`,
      );
    }
  }
  return count;
}

function checkDbf(file: string, label: string): { count: number; fields: FieldMeta[] } {
  const size = fs.statSync(file).size;
  if (size === 0) throw new UserError(`"${label}" is empty (0 bytes).`);
  if (size < 32) throw new UserError(`"${label}" is truncated: it is shorter than a DBF header.`);
  const head = readHead(file, Math.min(size, 32 + 32 * 1024));
  const count = head.readUInt32LE(4);
  const headerLength = head.readUInt16LE(8);
  const recordLength = head.readUInt16LE(10);
  if (size < headerLength + count * recordLength) {
    throw new UserError(`"${label}" is truncated: it declares ${count} records but holds only part of them.`);
  }
  const fields: FieldMeta[] = [];
  for (let o = 32; o + 32 <= Math.min(headerLength, head.length) && head[o] !== 0x0d; o += 32) {
    const name = head.toString('latin1', o, o + 11).replace(/\0.*$/s, '');
    const type = String.fromCharCode(head[o + 11]!);
    fields.push({ name, type: 'NFBI+O'.includes(type) ? 'number' : 'text' });
  }
  return { count, fields };
}

function readHead(file: string, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
