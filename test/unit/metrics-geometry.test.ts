/**
 * The geometry and statistics helpers under the metrics, against brute force or closed forms:
 * convex hull, minimum enclosing circle, weighted quantile, spherical area, LAEA round trip.
 */
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, Laea, haversineKm, ringAreaKm2, toUnitVector } from '../../shared/metrics/geodesy.ts';
import { convexHull, minimumEnclosingCircle, polygonArea } from '../../shared/metrics/planar.ts';
import { weightedQuantile } from '../../shared/metrics/quantile.ts';
import { balanceStats } from '../../shared/metrics/balance.ts';
import { AREA_TYPES, DEFAULT_DRIVE_TIME_SETTINGS, circuityEstimate } from '../../shared/metrics/drive-time.ts';
import { random } from './metrics-fixtures.ts';

describe('convex hull and minimum enclosing circle', () => {
  it('contain every point, on random sets of 3 to 2,000 points', () => {
    const rnd = random(11);
    for (let trial = 0; trial < 100; trial++) {
      const n = 3 + Math.floor(rnd() * 2000);
      const points = Float64Array.from({ length: n * 2 }, () => Math.round(rnd() * 1000) / 10);
      const hull = convexHull(points);
      const m = hull.length / 2;
      const circle = minimumEnclosingCircle(hull);
      let outsideCircle = 0;
      let outsideHull = 0;
      for (let i = 0; i < n; i++) {
        const x = points[2 * i]!;
        const y = points[2 * i + 1]!;
        if (Math.hypot(x - circle.x, y - circle.y) > circle.r * (1 + 1e-9) + 1e-9) outsideCircle++;
        for (let k = 0; k < m && m >= 3; k++) {
          const ax = hull[2 * k]!;
          const ay = hull[2 * k + 1]!;
          const bx = hull[(2 * k + 2) % (2 * m)]!;
          const by = hull[(2 * k + 3) % (2 * m)]!;
          if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < -1e-9) outsideHull++;
        }
      }
      expect({ trial, outsideCircle, outsideHull }).toEqual({ trial, outsideCircle: 0, outsideHull: 0 });
      // The circle is minimal: some hull vertex lies on it.
      const onCircle = Array.from({ length: m }, (_, k) => Math.hypot(hull[2 * k]! - circle.x, hull[2 * k + 1]! - circle.y));
      expect(Math.max(...onCircle)).toBeCloseTo(circle.r, 9);
    }
  });

  it('square: hull is the square, circle through the corners', () => {
    const points = Float64Array.from([0, 0, 2, 0, 2, 2, 0, 2, 1, 1, 1, 0]);
    expect(polygonArea(convexHull(points))).toBeCloseTo(4, 12);
    const c = minimumEnclosingCircle(convexHull(points));
    expect([c.x, c.y, c.r]).toEqual([1, 1, Math.SQRT2].map((v) => expect.closeTo(v, 12)));
  });
});

describe('weighted quantile', () => {
  const brute = (values: number[], weights: number[], q: number) => {
    const order = values.map((v, i) => [v, weights[i]!] as const).sort((a, b) => a[0] - b[0]);
    const total = weights.reduce((a, b) => a + b, 0) || values.length;
    const w = weights.some((x) => x > 0) ? (i: number) => order[i]![1] : () => 1;
    let cumulative = 0;
    for (let i = 0; i < order.length; i++) {
      cumulative += w(i);
      if (cumulative >= q * total) return order[i]![0];
    }
    return order.at(-1)![0];
  };

  it('equals sorting, small and large sets, with ties and zero weights', () => {
    const rnd = random(5);
    for (const n of [1, 2, 5, 100, 257, 3000, 20000]) {
      for (let trial = 0; trial < 5; trial++) {
        const values = Array.from({ length: n }, () => Math.round(rnd() * 500) / 4);
        const weights = Array.from({ length: n }, () => (rnd() < 0.2 ? 0 : Math.round(rnd() * 1000)));
        for (const q of [0.1, 0.5, 0.9]) {
          const got = weightedQuantile(Float64Array.from(values), Float64Array.from(weights), n, q, Math.max(...values));
          expect(got).toBe(brute(values, weights, q));
        }
      }
    }
  });
});

describe('spherical measures', () => {
  it('a 1° cell at the equator has the area of its spherical zone slice', () => {
    const ring = Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1, 0, 0]);
    // Exact for parallels as edges: R² Δλ (sin φ2 - sin φ1); great-circle edges differ by < 1e-4.
    const zone = EARTH_RADIUS_KM ** 2 * (Math.PI / 180) * Math.sin(Math.PI / 180);
    expect(Math.abs(ringAreaKm2(ring)) / zone).toBeCloseTo(1, 4);
  });

  it('LAEA preserves area and round-trips points', () => {
    const p = new Laea(-100, 40);
    const out = new Float64Array(2);
    p.project(-90, 45, out, 0);
    const [lon, lat] = p.invert(out[0]!, out[1]!);
    expect(lon).toBeCloseTo(-90, 9);
    expect(lat).toBeCloseTo(45, 9);
    // Distance from the centre is exact along azimuths to first order: compare with haversine.
    expect(Math.hypot(out[0]!, out[1]!) / haversineKm(-100, 40, -90, 45)).toBeCloseTo(1, 2);
  });

  it('projecting a unit vector gives the same point as projecting lon/lat', () => {
    const p = new Laea(170, -40);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    const v = new Float64Array(3);
    for (const [lon, lat] of [[175, -41], [-178, -37], [160, -50]] as const) {
      p.project(lon, lat, a, 0);
      toUnitVector(lon, lat, v, 0);
      p.projectVector(v, 0, b, 0);
      expect(b[0]).toBeCloseTo(a[0]!, 9);
      expect(b[1]).toBeCloseTo(a[1]!, 9);
    }
  });
});

describe('balance statistics', () => {
  it('one territory holding everything has Gini (n-1)/n and infinite max/min', () => {
    const s = balanceStats([0, 0, 0, 12], [3, 3, 3, 3]);
    expect(s.gini).toBeCloseTo(3 / 4, 12);
    expect(s.maxOverMin).toBe(Infinity);
    expect(s.maxAbsDeviationPct).toBeCloseTo(300, 12);
    expect(s.rangeOverMean).toBeCloseTo(4, 12);
  });

  it('equal totals: every figure is neutral', () => {
    expect(balanceStats([5, 5, 5], [5, 5, 5])).toEqual({
      mean: 5,
      maxAbsDeviationPct: 0,
      rangeOverMean: 0,
      maxOverMin: 1,
      coefficientOfVariation: 0,
      gini: 0,
    });
  });
});

describe('drive-time estimate', () => {
  it('is great-circle km x circuity at the area-type speed, then highway speed beyond localKm', () => {
    const s = DEFAULT_DRIVE_TIME_SETTINGS;
    const targets = [
      [-71.41, 41.82, 0], // 1 km-ish, urban
      [-71.0, 42.36, 1], // Boston, suburban class
      [-87.63, 41.88, 2], // Chicago, rural class
      [-157.86, 21.31, 1], // Honolulu: beyond the series range
    ] as const;
    const provider = circuityEstimate()(Float64Array.from([-71.4, 41.82]), {
      count: targets.length,
      lonLat: Float64Array.from(targets.flatMap(([lon, lat]) => [lon, lat])),
      areaType: Uint8Array.from(targets.map(([, , t]) => t)),
    });
    const out = new Float64Array(targets.length);
    provider.fill(0, 0, targets.length, out);
    targets.forEach(([lon, lat, type], k) => {
      const a = s.areaTypes[AREA_TYPES[type]!];
      const road = haversineKm(-71.4, 41.82, lon, lat) * a.circuity;
      const expected =
        road <= s.localKm ? (road / a.speedKmh) * 60 : (s.localKm / a.speedKmh) * 60 + ((road - s.localKm) / s.highwaySpeedKmh) * 60;
      expect(out[k]! / expected).toBeCloseTo(1, 7);
      expect(provider.minutes(0, k)).toBe(out[k]);
    });
  });
});
