/**
 * The optimizer on real Census 2010 ZCTA polygons (../shared/data/zcta) with ZIP populations:
 * Connecticut (one landmass), Hawaii (islands: territories per island group, small islands
 * attached whole) and Rhode Island (bay islands). Checks contiguity (pieces = forced pieces),
 * tolerance or lower bound, determinism, locks and a minimal-disruption rebalance.
 */
import { describe, expect, it } from 'vitest';
import { align } from '../../shared/align/align.ts';
import { BOUND_SLACK } from '../../shared/align/lower-bound.ts';
import type { AlignResult } from '../../shared/align/types.ts';
import { territory, zctaLayer, zctaProblem } from '../unit/align-fixtures.ts';

const withinBound = (r: AlignResult, field: string, tolerancePct: number) =>
  r.stats.maxAbsDeviationPct[field]! <= Math.max(tolerancePct, r.stats.lowerBoundPct[field]!) + BOUND_SLACK * 100 &&
  r.stats.maxAbsDeviationPctUnforced[field]! <= Math.max(tolerancePct, r.stats.lowerBoundUnforcedPct[field]!) + BOUND_SLACK * 100;

describe('align on real ZCTA layers', () => {
  const ct = zctaLayer('ct_connecticut_zip_codes_geo.min.json');

  it('Connecticut: 8 territories on population within 2%, contiguous, deterministic', () => {
    const problem = zctaProblem(ct, [{ field: 'population', weight: 1 }]);
    const a = align(problem, { mode: 'generate', territories: 8, tolerance: 0.02, seed: 9 });
    const b = align(problem, { mode: 'generate', territories: 8, tolerance: 0.02, seed: 9 });
    expect(a.stats.pieces).toEqual(a.stats.forcedPieces);
    expect(withinBound(a, 'population', 2)).toBe(true);
    expect(JSON.stringify([...a.assignment])).toBe(JSON.stringify([...b.assignment]));
  });

  it('Connecticut: two weighted fields (population 0.7, land area 0.3) within 5%', () => {
    const problem = zctaProblem(ct, [
      { field: 'population', weight: 0.7 },
      { field: 'landKm2', weight: 0.3 },
    ]);
    const r = align(problem, { mode: 'generate', territories: 5, tolerance: 0.05, seed: 1 });
    expect(r.stats.pieces).toEqual(r.stats.forcedPieces);
    expect(withinBound(r, 'population', 5)).toBe(true);
    expect(withinBound(r, 'landKm2', 5)).toBe(true);
  });

  it('Hawaii: islands get territories by weight, small islands attach whole', () => {
    const hi = zctaLayer('hi_hawaii_zip_codes_geo.min.json');
    const problem = zctaProblem(hi, [{ field: 'population', weight: 1 }]);
    const r = align(problem, { mode: 'generate', territories: 10, tolerance: 0.05, seed: 2 });
    expect(r.stats.attachedComponents).toBeGreaterThan(0);
    expect(r.stats.pieces).toEqual(r.stats.forcedPieces);
    // Every attached island group lies in exactly one territory.
    expect(Object.values(r.stats.forcedPieces).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // Territories cannot cross the sea: each island's territories share its population, so the
    // plan is held to the tolerance around the islands' own means (componentBoundPct).
    expect(r.stats.maxAbsDeviationPct.population).toBeLessThanOrEqual(
      Math.max(r.stats.lowerBoundPct.population!, r.stats.componentBoundPct.population! + 5) + 1e-9,
    );
  });

  it('Rhode Island: locked territory and locked units untouched by a rebalance', () => {
    const ri = zctaLayer('ri_rhode_island_zip_codes_geo.min.json');
    const ids = ri.units.map((u) => u.id);
    // Source plan: four bands by ZIP order (not balanced), the first one locked.
    const territories = [territory('T1', true), territory('T2'), territory('T3'), territory('T4')];
    const assignments = new Map(ids.map((id, i) => [id, `T${1 + Math.floor((4 * i) / ids.length)}`]));
    const lockedUnits = ids.filter((_, i) => i % 17 === 5 && assignments.get(ids[i]!) !== 'T1');
    const problem = zctaProblem(ri, [{ field: 'population', weight: 1 }], { territories, assignments, lockedUnits });
    const r = align(problem, { mode: 'rebalance', tolerance: 0.05, seed: 3 });
    r.assignment.forEach((t, u) => {
      const source = assignments.get(ids[u]!)!;
      if (source === 'T1' || lockedUnits.includes(ids[u]!)) expect(r.territories[t]!.id).toBe(source);
    });
    // Rebalancing never adds avoidable pieces to a territory that had none.
    const before = align(problem, { mode: 'rebalance', tolerance: 0.99, seed: 3 });
    for (const id of Object.keys(r.stats.pieces)) {
      expect(r.stats.pieces[id]! - r.stats.forcedPieces[id]!).toBeLessThanOrEqual(Math.max(0, before.stats.pieces[id]! - before.stats.forcedPieces[id]!));
    }
    expect(r.stats.unitsMoved).toBe(r.moved.length);
  });
});
