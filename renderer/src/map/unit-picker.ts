/**
 * Which unit lies under a map point, answered on the CPU: a grid over the units' bounding boxes
 * (built once per decoded geometry) narrows the candidates, then an exact point-in-polygon test.
 * The map uses it for clicks and hover instead of deck.gl's GPU picking, whose pixel read-back
 * waits for the GPU to finish the frame — seconds per pick with software rendering (the studio
 * bench measured 4-15 s of `readPixels` for one click at 33,000 units).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../../shared/geo/point-in-polygon.ts';
import type { UnitFeature, UnitGeometry } from './unit-geometry.ts';

export interface UnitPicker {
  /** The unit containing [lon, lat], or null over no unit. */
  unitAt(lonLat: readonly [number, number]): UnitFeature | null;
}

/** About this many units per grid cell on average. */
const UNITS_PER_CELL = 4;

const pickers = new WeakMap<UnitGeometry, UnitPicker>();

export function unitPicker(geometry: UnitGeometry): UnitPicker {
  let picker = pickers.get(geometry);
  if (!picker) pickers.set(geometry, (picker = buildPicker(geometry.features)));
  return picker;
}

function buildPicker(features: readonly UnitFeature[]): UnitPicker {
  const n = features.length;
  const boxes = new Float64Array(n * 4);
  let [w, s, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
  features.forEach((f, i) => {
    let [bw, bs, be, bn] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const rings of polygonsOf(f)) {
      for (const p of rings[0] ?? []) {
        if (p[0]! < bw) bw = p[0]!;
        if (p[0]! > be) be = p[0]!;
        if (p[1]! < bs) bs = p[1]!;
        if (p[1]! > bn) bn = p[1]!;
      }
    }
    boxes.set([bw, bs, be, bn], i * 4);
    if (bw <= be) [w, s, e, no] = [Math.min(w, bw), Math.min(s, bs), Math.max(e, be), Math.max(no, bn)];
  });
  if (!(w <= e)) return { unitAt: () => null };
  const side = Math.max(1, Math.round(Math.sqrt(n / UNITS_PER_CELL)));
  const cellW = (e - w) / side || 1;
  const cellH = (no - s) / side || 1;
  const col = (lon: number) => Math.min(side - 1, Math.max(0, Math.floor((lon - w) / cellW)));
  const row = (lat: number) => Math.min(side - 1, Math.max(0, Math.floor((lat - s) / cellH)));
  const cells: number[][] = Array.from({ length: side * side }, () => []);
  for (let i = 0; i < n; i++) {
    const b = i * 4;
    if (!(boxes[b]! <= boxes[b + 2]!)) continue;
    for (let r = row(boxes[b + 1]!); r <= row(boxes[b + 3]!); r++) {
      for (let c = col(boxes[b]!); c <= col(boxes[b + 2]!); c++) cells[r * side + c]!.push(i);
    }
  }
  return {
    unitAt: ([lon, lat]) => {
      if (lon < w || lon > e || lat < s || lat > no) return null;
      for (const i of cells[row(lat) * side + col(lon)]!) {
        const b = i * 4;
        if (lon < boxes[b]! || lon > boxes[b + 2]! || lat < boxes[b + 1]! || lat > boxes[b + 3]!) continue;
        if (pointInPolygon([lon, lat], features[i]!.geometry as Polygon | MultiPolygon)) return features[i]!;
      }
      return null;
    },
  };
}

function polygonsOf(f: UnitFeature): Position[][][] {
  const g = f.geometry;
  if (g?.type === 'Polygon') return [g.coordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates;
  return [];
}
