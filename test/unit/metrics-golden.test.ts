/**
 * Golden tests on plans small enough to check by hand: a 3x3 grid of equal squares, a unit with a
 * hole, a territory with an island. Cells are 0.01° at the equator, where the sphere is flat to
 * about 1e-8, so compactness ratios must match their plane-geometry values.
 */
import { describe, expect, it } from 'vitest';
import { createMetricsEngine } from '../../shared/metrics/index.ts';
import { haversineKm } from '../../shared/metrics/geodesy.ts';
import { CELL, feature, gridFeatures, input, rep, square, territory } from './metrics-fixtures.ts';

const close = (actual: number | null, expected: number, digits = 6) => expect(actual).toBeCloseTo(expected, digits);
/** Side of one cell in km, along a meridian at the equator. */
const side = haversineKm(0, 0, 0, CELL);

describe('3x3 grid', () => {
  // A = left column, B = centre, C = the other five (a C-shape around B).
  const assignments = { r0c0: 'a', r1c0: 'a', r2c0: 'a', r1c1: 'b', r0c1: 'c', r2c1: 'c', r0c2: 'c', r1c2: 'c', r2c2: 'c' };
  const accounts = [
    { location: [0.005, 0.005] as [number, number], potential: 1000, unitId: 'r0c0' },
    { location: [0.006, 0.006] as [number, number], potential: 500, unitId: 'r0c0' },
    { location: [0.015, 0.015] as [number, number], potential: 300, unitId: 'r1c1' },
    { location: [0.025, 0.025] as [number, number], potential: 200, unitId: 'r2c2' },
    { location: [1, 1] as [number, number], potential: 50, unitId: null },
  ];
  const make = () =>
    createMetricsEngine(
      input(gridFeatures(), assignments, [territory('a', 'ra'), territory('b', 'rb'), territory('c', null)], {
        accounts,
        reps: [rep('ra', 0, 0.015), rep('rb', 0.015, 0.015)],
      }),
      { balance: ['units', 'pop', 'potential'] },
    );

  it('totals, targets and deviations of each territory', () => {
    const [a, b, c] = make().territories();
    expect([a!.units, b!.units, c!.units]).toEqual([3, 1, 5]);
    expect([a!.accounts, b!.accounts, c!.accounts]).toEqual([2, 1, 1]);
    // pop of r{r}c{c} = 100 * (3r + c + 1): column 0 = 100 + 400 + 700.
    expect(a!.totals.pop).toBe(1200);
    expect(b!.totals.pop).toBe(500);
    expect(c!.totals.pop).toBe(4500 - 1200 - 500);
    expect(a!.targets.units).toBe(3);
    close(a!.deviationPct.units!, 0);
    close(b!.deviationPct.units!, -200 / 3);
    close(c!.deviationPct.units!, 200 / 3);
    close(a!.deviationPct.potential!, ((1500 - 2000 / 3) / (2000 / 3)) * 100);
    close(a!.compositeDeviationPct!, (0 + ((1200 - 1500) / 1500) * 100 + ((1500 - 2000 / 3) / (2000 / 3)) * 100) / 3);
  });

  it('plan figures: max deviation, range, max/min, CV, Gini, unassigned', () => {
    const plan = make().plan();
    close(plan.maxAbsDeviationPct.units!, 200 / 3);
    const u = plan.balance.units!;
    close(u.rangeOverMean, 4 / 3);
    close(u.maxOverMin, 5);
    close(u.coefficientOfVariation, Math.sqrt((0 + 4 + 4) / 3) / 3);
    // Gini of (1, 3, 5): sum |xi - xj| over ordered pairs / (2 n² mean) = 16 / 54.
    close(u.gini, 16 / 54);
    expect(plan.unassigned).toMatchObject({ units: 0, accounts: 1, potential: 50 });
  });

  it('compactness: Polsby-Popper, Reock and hull ratio match plane geometry', () => {
    const [a, b, c] = make().territories();
    close(a!.polsbyPopper!, (4 * Math.PI * 3) / 64, 5); // 1x3 strip: area 3, perimeter 8
    close(b!.polsbyPopper!, Math.PI / 4, 5);
    close(c!.polsbyPopper!, (4 * Math.PI * 5) / 144, 5); // C-shape: area 5, perimeter 12
    close(a!.reock!, 3 / ((Math.PI * 10) / 4), 5); // circle through the strip's corners
    close(b!.reock!, 2 / Math.PI, 5);
    close(c!.reock!, 5 / ((Math.PI * 13) / 4), 5); // hull is the 2x3 block
    close(a!.convexHullRatio!, 1, 5);
    close(c!.convexHullRatio!, 5 / 6, 5);
    close(a!.areaKm2, 3 * side * side, 3);
    close(c!.perimeterKm, 12 * side, 3);
    expect([a!.pieces, b!.pieces, c!.pieces]).toEqual([1, 1, 1]);
  });

  it('drive time: potential-weighted mean, p90, max and share within N minutes', () => {
    const [a, b, c] = make().territories();
    // Suburban default: circuity 1.2 at 60 km/h, so minutes = 1.2 x great-circle km.
    const m1 = 1.2 * haversineKm(0, 0.015, 0.005, 0.005);
    const m2 = 1.2 * haversineKm(0, 0.015, 0.006, 0.006);
    close(a!.driveMin.mean!, (1000 * m1 + 500 * m2) / 1500);
    close(a!.driveMin.max!, Math.max(m1, m2));
    // m2 < m1 and carries only a third of the potential, so 90 % of it is reached at m1.
    expect(m2).toBeLessThan(m1);
    close(a!.driveMin.p90!, m1);
    expect(a!.driveMin.shareWithin).toBe(1);
    close(b!.driveMin.mean!, 0);
    expect(c!.driveMin.mean).toBeNull(); // no rep
  });

  it('an edit moves every figure, and undo restores them', () => {
    const engine = make();
    const before = engine.report();
    // r0c0 is diagonal to the centre: B becomes two pieces, A stays one.
    engine.apply([{ op: 'assign', unitIds: ['r0c0'], from: ['a'], to: 'b' }]);
    const [a, b] = engine.territories();
    expect(a!.units).toBe(2);
    expect(b!.pieces).toBe(2);
    expect(b!.islandUnits).toBe(1);
    expect(engine.islands('b')).toHaveLength(1);
    close(b!.driveMin.mean!, (300 * 0 + 1000 * 1.2 * haversineKm(0.015, 0.015, 0.005, 0.005) + 500 * 1.2 * haversineKm(0.015, 0.015, 0.006, 0.006)) / 1800);
    close(a!.polsbyPopper!, (4 * Math.PI * 2) / 36, 5);
    engine.apply([{ op: 'assign', unitIds: ['r0c0'], from: ['b'], to: 'a' }]);
    const after = engine.report();
    expect(after.territories.map((t) => [t.pieces, t.units])).toEqual(before.territories.map((t) => [t.pieces, t.units]));
    after.territories.forEach((t, i) => {
      close(t.polsbyPopper!, before.territories[i]!.polsbyPopper!, 9);
      close(t.driveMin.mean ?? 0, before.territories[i]!.driveMin.mean ?? 0, 9);
    });
  });

  it('unassigning units counts them, and the built-in fields follow', () => {
    const engine = make();
    engine.apply([{ op: 'assign', unitIds: ['r0c0', 'r1c1'], from: ['a', 'b'], to: null }]);
    const plan = engine.plan();
    expect(plan.unassigned.units).toBe(2);
    expect(plan.unassigned.accounts).toBe(4); // 3 in the units + 1 with no unit
    expect(engine.territory('b')).toMatchObject({ units: 0, pieces: 0, polsbyPopper: null });
  });
});

describe('a unit with a hole', () => {
  // "ring" is a 3x3-cell square with the centre cell cut out; "core" fills the hole.
  const ring = feature('ring', { type: 'Polygon', coordinates: [square(0, 0, 3 * CELL), square(CELL, CELL).reverse()] });
  const core = feature('core', { type: 'Polygon', coordinates: [square(CELL, CELL)] });

  it('a ring alone: area 8, perimeter 16 (holes count), hull 9', () => {
    const [r, c] = createMetricsEngine(input([ring, core], { ring: 'r', core: 'c' }, [territory('r'), territory('c')])).territories();
    close(r!.areaKm2 / (side * side), 8, 4);
    close(r!.perimeterKm / side, 16, 4);
    close(r!.polsbyPopper!, (4 * Math.PI * 8) / 256, 5);
    close(r!.convexHullRatio!, 8 / 9, 5);
    close(r!.reock!, 8 / (Math.PI * 4.5), 5);
    close(c!.polsbyPopper!, Math.PI / 4, 5);
  });

  it('ring and core together dissolve to a full square', () => {
    const engine = createMetricsEngine(input([ring, core], { ring: 'r', core: 'c' }, [territory('r'), territory('c')]));
    engine.apply([{ op: 'assign', unitIds: ['core'], from: ['c'], to: 'r' }]);
    const r = engine.territory('r');
    close(r.perimeterKm / side, 12, 4);
    close(r.polsbyPopper!, Math.PI / 4, 5);
    close(r.convexHullRatio!, 1, 5);
    expect(r.pieces).toBe(1);
  });
});

describe('a territory with an island', () => {
  // Two mainland cells side by side and an island cell 0.05° (about 5.6 km) east across water.
  const features = [
    feature('w', { type: 'Polygon', coordinates: [square(0, 0)] }),
    feature('e', { type: 'Polygon', coordinates: [square(CELL, 0)] }),
    feature('island', { type: 'Polygon', coordinates: [square(0.07, 0)] }),
  ];
  const plan = { w: 't', e: 't', island: 't' };

  it('counts two pieces and names the island', () => {
    const engine = createMetricsEngine(input(features, plan, [territory('t')]));
    expect(engine.territory('t')).toMatchObject({ pieces: 2, islandUnits: 1 });
    expect(engine.islands('t')).toEqual(['island']);
    // Perimeters simply add across water: 6 sides of the mainland pair + 4 of the island.
    close(engine.territory('t').perimeterKm / side, 10, 4);
  });

  it('a within-N-km rule bridges the water only when N reaches across', () => {
    expect(createMetricsEngine(input(features, plan, [territory('t')]), { nearKm: 5 }).territory('t').pieces).toBe(2);
    expect(createMetricsEngine(input(features, plan, [territory('t')]), { nearKm: 6 }).territory('t').pieces).toBe(1);
  });
});

describe('across the antimeridian', () => {
  // The same two-cell strip at lon 0 and split across ±180: every figure must match.
  const strip = (lon0: number) => {
    const wrap = (lon: number) => (lon > 180 ? lon - 360 : lon);
    const cell = (x: number) => [[wrap(x), 0], [wrap(x + CELL), 0], [wrap(x + CELL), CELL], [wrap(x), CELL], [wrap(x), 0]];
    return [
      feature('w', { type: 'Polygon', coordinates: [cell(lon0)] }),
      feature('e', { type: 'Polygon', coordinates: [cell(lon0 + CELL)] }),
    ];
  };

  it('area, perimeter, Polsby-Popper, Reock, hull and drive time do not jump at ±180°', () => {
    const at = (lon0: number, repLon: number) =>
      createMetricsEngine(input(strip(lon0), { w: 't', e: 't' }, [territory('t', 'r')], { reps: [rep('r', repLon, 0.005)] })).territory('t');
    const here = at(0, -0.01);
    const there = at(180 - CELL, 180 - 2 * CELL);
    close(there.areaKm2, here.areaKm2, 6);
    close(there.perimeterKm, here.perimeterKm, 6);
    close(there.polsbyPopper!, (4 * Math.PI * 2) / 36, 5);
    close(there.reock!, here.reock!, 6);
    close(there.convexHullRatio!, 1, 5);
    expect(there.pieces).toBe(1);
    close(there.driveMin.mean!, here.driveMin.mean!, 6);
  });
});
