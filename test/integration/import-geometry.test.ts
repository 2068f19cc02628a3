/**
 * Geometry checks at import: null shapes reported, rings closed and oriented (RFC 7946), degenerate
 * parts dropped and reported, multipolygons with holes kept, antimeridian crossings made continuous,
 * split units merged; and the shared-arc topology gives neighbours and gap-free dissolves.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Position } from 'geojson';
import { neighbors } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { signedArea } from '../../main/import/geometry.ts';
import { hasCrossingEdges } from '../../main/import/validity.ts';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, ogr2ogr } from './import-support.ts';

const dir = tempDir('tessera-import-geometry-');

const square = (x: number, y: number, s: number, clockwise = false): Position[] => {
  const ring = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  return clockwise ? ring.reverse() : ring;
};

const feature = (id: string, geometry: unknown) => ({ type: 'Feature', properties: { UNIT: id, POP: 1 }, geometry });

const FEATURES = [
  feature('open-ring', { type: 'Polygon', coordinates: [square(0, 0, 1).slice(0, 4)] }),
  feature('repeats', { type: 'Polygon', coordinates: [[[1, 0], [2, 0], [2, 0], [2, 1], [1, 1], [1, 1], [1, 0]]] }),
  feature('clockwise-with-hole', { type: 'Polygon', coordinates: [square(2, 0, 3, true), square(3, 1, 1, false)] }),
  feature('degenerate-hole', { type: 'Polygon', coordinates: [square(5, 0, 1), [[5.5, 0.5], [5.6, 0.6], [5.5, 0.5]]] }),
  feature('null', null),
  feature('multi', { type: 'MultiPolygon', coordinates: [[square(10, 0, 1)], [square(12, 0, 1), square(12.25, 0.25, 0.5)]] }),
  feature('split', { type: 'Polygon', coordinates: [square(20, 0, 1)] }),
  feature('split', { type: 'Polygon', coordinates: [square(22, 0, 1)] }),
  feature('fiji', { type: 'Polygon', coordinates: [[[179, -17], [-179.5, -17], [-179.5, -16], [179, -16], [179, -17]]] }),
  feature('flat', { type: 'Polygon', coordinates: [[[30, 0], [31, 0], [32, 0], [30, 0]]] }),
  feature('line', { type: 'LineString', coordinates: [[40, 0], [41, 1]] }),
];

describe('geometry repair and reporting', () => {
  it('reports, repairs and normalises per feature', async () => {
    const source = path.join(dir, 'shapes.geojson');
    fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: FEATURES }));
    const file = path.join(dir, 'shapes.gpkg');
    const report = await runImport(file, source, { as: 'units', idField: 'UNIT' });
    expect(report.read).toBe(11);
    expect(report.merged).toBe(1);
    expect(report.written).toBe(7);
    expect(report.skipped).toEqual([
      { index: 5, id: 'null', reason: 'no geometry (null shape)' },
      { index: 10, id: 'flat', reason: 'no usable polygon left (empty or degenerate)' },
      { index: 11, id: 'line', reason: 'LineString geometry where a polygon was expected' },
    ]);
    expect(report.repaired).toEqual([
      { index: 1, id: 'open-ring', reason: 'closed an open ring' },
      { index: 2, id: 'repeats', reason: 'removed repeated points' },
      { index: 4, id: 'degenerate-hole', reason: 'dropped a degenerate hole' },
      { index: 9, id: 'fiji', reason: 'crosses the antimeridian: longitudes continued past 180°' },
    ]);
    expect(report.bbox).toEqual([0, -17, 180.5, 3]);

    const store = ProjectStore.open(file);
    try {
      const geometry = (id: string) => store.unitGeometry(id) as MultiPolygon;
      for (const unit of store.units()) {
        for (const polygon of geometry(unit.id).coordinates) {
          polygon.forEach((ring, i) => {
            expect(ring[0]).toEqual(ring.at(-1));
            expect(Math.sign(signedArea(ring))).toBe(i === 0 ? 1 : -1);
          });
        }
      }
      expect(geometry('clockwise-with-hole').coordinates[0]).toHaveLength(2);
      expect(geometry('degenerate-hole').coordinates[0]).toHaveLength(1);
      expect(geometry('multi').coordinates.map((p) => p.length)).toEqual([1, 2]);
      expect(geometry('split').coordinates).toHaveLength(2);
      expect(geometry('fiji').coordinates[0]![0]!.map((p) => p[0])).toEqual([179, 180.5, 180.5, 179, 179]);
      expect(unitGeometriesById(store.topology('units')!).size).toBe(7);
    } finally {
      store.close();
    }
  });

  it('a shapefile with a null shape: reported and skipped', async () => {
    const source = path.join(dir, 'with-null.geojson');
    fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: FEATURES.slice(0, 6) }));
    const folder = path.join(dir, 'with-null');
    ogr2ogr('-nlt', 'POLYGON', '-nln', 'shapes', folder, source);
    const report = await runImport(path.join(dir, 'with-null.gpkg'), path.join(folder, 'shapes.shp'));
    expect(report.read).toBe(6);
    expect(report.written).toBe(5);
    expect(report.skipped).toEqual([{ index: 5, id: 'null', reason: 'no geometry (null shape)' }]);
  });
});

describe('invalid polygons', () => {
  it('bowties, holes cutting their shell and overlapping parts are re-noded and reported', async () => {
    const source = path.join(dir, 'invalid.geojson');
    const features = [
      feature('bowtie', { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }),
      feature('hole-cuts-shell', { type: 'Polygon', coordinates: [square(10, 0, 2), square(11, 0.5, 2, true)] }),
      feature('overlapping-parts', { type: 'MultiPolygon', coordinates: [[square(20, 0, 2)], [square(21, 1, 2)]] }),
      feature('valid-touching-hole', { type: 'Polygon', coordinates: [square(30, 0, 2), [[30, 0], [31, 1], [31, 0.5], [30, 0]]] }),
    ];
    fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
    const file = path.join(dir, 'invalid.gpkg');
    const report = await runImport(file, source, { idField: 'UNIT' });
    expect(report.written).toBe(4);
    expect(report.repaired.map((r) => [r.id, r.reason])).toEqual([
      ['bowtie', 'self-intersecting: edges re-noded into valid polygons'],
      ['hole-cuts-shell', 'self-intersecting: edges re-noded into valid polygons'],
      ['overlapping-parts', 'self-intersecting: edges re-noded into valid polygons'],
    ]);
    const store = ProjectStore.open(file);
    try {
      for (const unit of store.units()) expect(hasCrossingEdges((store.unitGeometry(unit.id) as MultiPolygon).coordinates)).toBe(false);
      // The bowtie becomes its two triangles; the overlapping squares one L-shaped polygon.
      expect((store.unitGeometry('bowtie') as MultiPolygon).coordinates).toHaveLength(2);
      expect((store.unitGeometry('overlapping-parts') as MultiPolygon).coordinates).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});

describe('shared-arc topology', () => {
  it('gives neighbours and dissolves units without slivers', async () => {
    const file = path.join(dir, 'de.gpkg');
    await runImport(file, DE_GEOJSON);
    const store = ProjectStore.open(file);
    try {
      const topology = store.topology('units')!;
      const geometries = unitGeometriesById(topology);
      const ids = [...geometries.keys()];
      const adjacency = neighbors([...geometries.values()] as Parameters<typeof neighbors>[0]);
      const withNeighbours = adjacency.filter((list) => list.length > 0).length;
      expect(withNeighbours / ids.length).toBeGreaterThan(0.95);
      // Dissolving every unit of the state: no inner slivers survive, only a few outer pieces.
      const all = new Map(ids.map((id) => [id, 'state']));
      const outline = dissolveTerritories(topology, geometries, all, ['state']).get('state')!;
      const holes = outline.coordinates.reduce((s, p) => s + p.length - 1, 0);
      expect(holes).toBeLessThanOrEqual(2);
      expect(outline.coordinates.length).toBeLessThan(10);
      // Display-simplified: far fewer points than the full-resolution units.
      const points = topology.arcs.reduce((s, a) => s + a.length, 0);
      expect(points).toBeLessThan(100_000);
      expect(JSON.stringify(topology).length).toBeLessThan(1_000_000);
    } finally {
      store.close();
    }
  });
});
