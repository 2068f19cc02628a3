/**
 * Where a project's units are: the lon/lat box of their main groups, which the map opens on (and
 * its Fit button returns to) and a print of the whole plan shows. Units are grouped by touching 5°
 * grid cells of their anchor points; a group with under 10 % of the units (Alaska, Hawaii, Puerto
 * Rico next to the lower 48) is left out rather than shrinking the map to a dot.
 */
import type { Position } from 'geojson';
import { unitAnchors } from './unit-anchors.ts';
import type { UnitGeometry } from './unit-geometry.ts';

export type LonLatBox = [[number, number], [number, number]];

const boxes = new WeakMap<UnitGeometry, LonLatBox | null>();

/** The box of every vertex of the units in the main groups; null for a project without units. */
export function unitsBox(geometry: UnitGeometry): LonLatBox | null {
  if (boxes.has(geometry)) return boxes.get(geometry)!;
  const anchors = unitAnchors(geometry);
  const kept = new Set(mainGroups(anchors.filter((a) => Number.isFinite(a.at[0])).map((a) => a.at)));
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  geometry.features.forEach((f, i) => {
    if (!kept.has(anchors[i]!.at)) return;
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const polygon of polygons as Position[][][]) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          if (x! < west) west = x!;
          if (x! > east) east = x!;
          if (y! < south) south = y!;
          if (y! > north) north = y!;
        }
      }
    }
  });
  const box: LonLatBox | null = west <= east ? [[west, south], [east, north]] : null;
  boxes.set(geometry, box);
  return box;
}

const CELL_DEG = 5;
const MIN_GROUP_SHARE = 0.1;

/** The points of every group (touching occupied 5° cells) holding at least 10 % of all points. */
export function mainGroups(points: [number, number][]): [number, number][] {
  const cellOf = (p: [number, number]) => `${Math.floor(p[0] / CELL_DEG)},${Math.floor(p[1] / CELL_DEG)}`;
  const cells = new Map<string, [number, number][]>();
  for (const p of points) {
    const key = cellOf(p);
    let members = cells.get(key);
    if (!members) cells.set(key, (members = []));
    members.push(p);
  }
  const seen = new Set<string>();
  const kept: [number, number][] = [];
  for (const start of cells.keys()) {
    if (seen.has(start)) continue;
    const group: [number, number][] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const key = queue.pop()!;
      group.push(...cells.get(key)!);
      const [cx, cy] = key.split(',').map(Number) as [number, number];
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const next = `${cx + dx},${cy + dy}`;
          if (cells.has(next) && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
    }
    if (group.length >= points.length * MIN_GROUP_SHARE) kept.push(...group);
  }
  return kept.length ? kept : points;
}

