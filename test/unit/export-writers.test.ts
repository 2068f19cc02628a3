/**
 * Named edge cases of the export building blocks: DBF text cut on a UTF-8 character boundary,
 * DBF field names, ring orientation and cleaning, formula neutralisation, ZIP normalisation.
 */
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../main/export/cell-safety.ts';
import { csvLine } from '../../main/export/csv.ts';
import { shortName } from '../../main/export/layers.ts';
import { cleanMultiPolygon, orientPolygons, ringArea2 } from '../../main/export/rings.ts';
import { truncateUtf8, writeDbf } from '../../main/export/shapefile.ts';
import { normalizeZip } from '../../main/route/zip-points.ts';

describe('DBF writer', () => {
  it('cuts text at 254 bytes without splitting a character, and sizes fields in bytes', () => {
    const long = 'é'.repeat(200); // 400 bytes
    expect(Buffer.byteLength(truncateUtf8(long, 254))).toBe(254);
    expect(truncateUtf8('ab€', 4)).toBe('ab'); // € is 3 bytes
    const dbf = writeDbf([{ name: 'name', dbf: 'name', type: 'text' }, { name: 'n', dbf: 'n', type: 'integer' }], [['Zoë', 7], [null, null]]);
    expect(dbf.readUInt32LE(4)).toBe(2);
    expect(dbf.readUInt8(32 + 16)).toBe(4); // 'Zoë' is 4 UTF-8 bytes
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    expect(dbf.subarray(headerLength + 1, headerLength + 5).toString('utf8')).toBe('Zoë');
    // The null number is blanks; the file ends with the EOF marker.
    expect(dbf.subarray(headerLength + recordLength + 5, headerLength + 2 * recordLength).toString('latin1').trim()).toBe('');
    expect(dbf[dbf.length - 1]).toBe(0x1a);
  });

  it('field names: at most 10 characters, unique, ASCII', () => {
    const taken = new Set<string>(['population']);
    expect(shortName('population_2020', taken)).toBe('populati_1');
    expect(shortName('population_2021', taken)).toBe('populati_2');
    expect(shortName('Fläche km²', taken)).toBe('Flache_km2');
    expect([...taken].every((n) => n.length <= 10)).toBe(true);
  });
});

describe('rings', () => {
  const ccwSquare = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
  const ccwHole = [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]];

  it('orients exteriors and holes for GeoJSON (ccw/cw) and shapefiles (cw/ccw)', () => {
    expect(ringArea2(ccwSquare)).toBeGreaterThan(0);
    const polygon = { type: 'MultiPolygon' as const, coordinates: [[ccwSquare, ccwHole]] };
    const [geojson] = orientPolygons(polygon, true);
    expect(geojson!.map((r) => Math.sign(ringArea2(r)))).toEqual([1, -1]);
    const [shp] = orientPolygons(polygon, false);
    expect(shp!.map((r) => Math.sign(ringArea2(r)))).toEqual([-1, 1]);
  });

  it('cleaning closes rings, drops repeated points and degenerate rings', () => {
    const unclosed = [[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]];
    const sliver = [[5, 5], [6, 6], [5, 5]];
    const cleaned = cleanMultiPolygon({ type: 'MultiPolygon', coordinates: [[unclosed, [[0.2, 0.2], [0.3, 0.3], [0.2, 0.2]]], [sliver]] });
    expect(cleaned).toEqual({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]] });
    expect(cleanMultiPolygon({ type: 'MultiPolygon', coordinates: [[sliver]] })).toBeNull();
  });
});

describe('spreadsheet cells', () => {
  it('neutralises formula starts in text, never plain numbers', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+1 555')).toBe("'+1 555");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('\rx')).toBe("'\rx");
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('02903')).toBe('02903');
    expect(csvLine(['02903', -500, null, 'a "b"', '=x'])).toBe('"02903",-500,,"a ""b""","\'=x"\r\n');
  });
});

describe('ZIP normalisation', () => {
  it.each([
    ['02903', '02903'],
    ['2903', '02903'],
    ['601', '00601'],
    ['02903-1234', '02903'],
    ['2903-1234', '02903'],
    ['029031234', '02903'],
    ['29031234', '02903'],
    ['2903.0', '02903'],
    [' 02903 ', '02903'],
  ])('%s -> %s', (input, zip) => expect(normalizeZip(input)).toBe(zip));

  it.each(['', 'abc', '12', '123456', '02903-12', 'K1A 0B1'])('%j is not a ZIP', (input) => expect(normalizeZip(input)).toBeNull());
});
