/**
 * Reock and convex-hull ratio of a territory, computed on demand. The territory's points are its
 * units' hull vertices, projected with Lambert azimuthal equal-area about the territory's
 * area-weighted centre (so areas are true and shapes nearly so). Only points on the territory's
 * boundary can be hull vertices: units entirely surrounded by the same territory are skipped, and
 * of the others only the hull vertices with another territory (or nothing) on a side are taken
 * (`hullSides`), about half of them.
 */
import { Laea, fromVector, toUnitVector } from './geodesy.ts';
import { convexHullInto, minimumEnclosingCircle, polygonArea } from './planar.ts';
import type { UnitGeometry } from './unit-geometry.ts';

export class TerritoryShapes {
  private readonly centroidXYZ: Float64Array;
  private readonly hullXYZ: Float64Array;
  private readonly outer: number[] = [];
  private points = new Float64Array(1024);
  private hull = new Float64Array(1024);

  constructor(private readonly geometry: UnitGeometry) {
    const { count, centroid, hull } = geometry;
    this.centroidXYZ = new Float64Array(count * 3);
    for (let u = 0; u < count; u++) toUnitVector(centroid[2 * u]!, centroid[2 * u + 1]!, this.centroidXYZ, 3 * u);
    this.hullXYZ = new Float64Array((hull.length / 2) * 3);
    for (let i = 0; i < hull.length / 2; i++) toUnitVector(hull[2 * i]!, hull[2 * i + 1]!, this.hullXYZ, 3 * i);
  }

  /**
   * Reock (area / minimum-bounding-circle area) and hull ratio (area / convex-hull area) of slot t,
   * whose members are the linked list first, next[first], ...; `areaKm2` is its spherical area.
   * Both clamped to 1 (spherical area against planar hull areas can exceed it by rounding); NaN
   * when the territory has fewer than three hull points.
   */
  compactness(t: number, first: number, next: Int32Array, territoryOf: Int32Array, areaKm2: number): { reock: number; hullRatio: number } {
    const g = this.geometry;
    const { start, unit } = g.adjacency;
    const outer = this.outer;
    outer.length = 0;
    let x = 0;
    let y = 0;
    let z = 0;
    let count = 0;
    for (let u = first; u >= 0; u = next[u]!) {
      const w = g.areaKm2[u]!;
      if (!(w > 0)) continue;
      x += w * this.centroidXYZ[3 * u]!;
      y += w * this.centroidXYZ[3 * u + 1]!;
      z += w * this.centroidXYZ[3 * u + 2]!;
      let boundary = g.edgeStart[u + 1]! > g.edgeStart[u]!;
      for (let i = start[u]!; i < start[u + 1]! && !boundary; i++) boundary = territoryOf[unit[i]!] !== t;
      if (!boundary) continue;
      outer.push(u);
      count += g.hullStart[u + 1]! - g.hullStart[u]!;
    }
    if (count < 3 || !(areaKm2 > 0)) return { reock: Number.NaN, hullRatio: Number.NaN };
    const [lon0, lat0] = fromVector(x, y, z);
    const projection = new Laea(lon0, lat0);
    if (this.points.length < count * 2) {
      this.points = new Float64Array(count * 4);
      this.hull = new Float64Array(count * 4);
    }
    const buf = this.points;
    const sides = g.hullSides;
    let k = 0;
    for (const u of outer) {
      for (let i = g.hullStart[u]!; i < g.hullStart[u + 1]!; i++) {
        // A vertex with this territory on both sides is inside it: not a hull vertex.
        const a = sides[2 * i]!;
        const b = sides[2 * i + 1]!;
        if (a >= 0 && b >= 0 && territoryOf[a] === t && territoryOf[b] === t) continue;
        projection.projectVector(this.hullXYZ, 3 * i, buf, k);
        k += 2;
      }
    }
    const vertices = convexHullInto(buf, k / 2, this.hull);
    const hullArea = polygonArea(this.hull, vertices);
    const circle = minimumEnclosingCircle(this.hull, vertices);
    return {
      reock: circle.r > 0 ? Math.min(1, areaKm2 / (Math.PI * circle.r * circle.r)) : Number.NaN,
      hullRatio: hullArea > 0 ? Math.min(1, areaKm2 / hullArea) : Number.NaN,
    };
  }
}
