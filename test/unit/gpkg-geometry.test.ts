import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { decodeGpkgGeometry, encodeGpkgGeometry, readGpkgEnvelope } from '../../main/store/gpkg-geometry.ts';

const square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
const hole = [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]];

describe('GeoPackage geometry blobs', () => {
  const cases: Geometry[] = [
    { type: 'Point', coordinates: [-71.41, 41.82] },
    { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0]] },
    { type: 'Polygon', coordinates: [square, hole] },
    { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[5, 5], [6, 7]]] },
    { type: 'MultiPolygon', coordinates: [[square, hole], [[[10, 10], [11, 10], [11, 11], [10, 10]]]] },
  ];
  it.each(cases)('round-trips a $type', (geometry) => {
    expect(decodeGpkgGeometry(encodeGpkgGeometry(geometry))).toEqual(geometry);
  });

  it('writes the GP header with SRS id and the XY envelope', () => {
    const blob = encodeGpkgGeometry({ type: 'Polygon', coordinates: [square] }, 4326);
    expect(blob.toString('latin1', 0, 2)).toBe('GP');
    expect(blob.readInt32LE(4)).toBe(4326);
    expect(readGpkgEnvelope(blob)).toEqual({ minX: 0, maxX: 2, minY: 0, maxY: 2 });
  });

  it('marks an empty geometry as empty and gives it no envelope', () => {
    const blob = encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [] });
    expect(blob.readUInt8(3) & 0b10000).toBeTruthy();
    expect(readGpkgEnvelope(blob)).toBeNull();
    expect(decodeGpkgGeometry(blob)).toBeNull();
  });

  it('reads big-endian WKB with Z values written by other tools, dropping Z', () => {
    const wkb = Buffer.alloc(1 + 4 + 24);
    wkb.writeUInt8(0, 0);
    wkb.writeUInt32BE(1001, 1); // ISO Point Z
    wkb.writeDoubleBE(7, 5);
    wkb.writeDoubleBE(8, 13);
    wkb.writeDoubleBE(9, 21);
    const header = Buffer.from([0x47, 0x50, 0, 0b0000_0000, 0, 0, 0x10, 0xe6]); // no envelope, big-endian srs 4326
    expect(decodeGpkgGeometry(Buffer.concat([header, wkb]))).toEqual({ type: 'Point', coordinates: [7, 8] });
  });

  it('refuses bytes that are not a GeoPackage geometry', () => {
    expect(() => decodeGpkgGeometry(Buffer.from('not a geometry'))).toThrow(/GeoPackage geometry/);
  });
});
