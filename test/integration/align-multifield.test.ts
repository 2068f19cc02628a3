/**
 * Two-field balancing (70% potential + 30% account count) on the real demo counties: into 12
 * territories the plan must reach the 2% tolerance on both fields (the corridor polish,
 * shared/align/corridor-polish.ts, after the ejection chains and swaps of eject.ts), every
 * territory in one piece, and the same seed must give the same plan byte for byte (the chains and
 * the polish only run with several weighted fields, so the single-field tests do not cover their
 * determinism). Into 50 territories the figure over the territories without Los Angeles County
 * (a unit of two targets) must not regress.
 */
import { describe, expect, it } from 'vitest';
import { runAlign } from '../../main/services/align-run.ts';
import { demoProject } from '../helpers/temp.ts';

const balance = [
  { field: 'potential', weight: 0.7 },
  { field: 'accounts', weight: 0.3 },
];

describe('two-field alignment of the demo counties', () => {
  it('reaches 1.68% / 1.75% at 12 territories (within 2%), contiguous and deterministic', async () => {
    const file = await demoProject();
    const request = { projectFile: file, mode: 'generate' as const, territories: 12, balance, tolerance: 0.02, seed: 1 };
    const r = runAlign(request);
    // 1.68% / 1.75% with the corridor polish (3.20% / 2.91% before it, 3.58% / 3.30% before the
    // chains and swaps). The lower bound is 0, so this is the 2% tolerance met on both fields.
    expect(r.stats.maxAbsDeviationPct.potential).toBeLessThanOrEqual(1.69);
    expect(r.stats.maxAbsDeviationPct.accounts).toBeLessThanOrEqual(1.76);
    expect(r.stats.withinTolerance).toBe(true);
    expect(r.stats.pieces).toEqual(r.stats.forcedPieces);
    expect(r.assignments).toHaveLength(3231);
    const again = runAlign(request);
    expect(JSON.stringify(again.assignments)).toBe(JSON.stringify(r.assignments));
    expect(again.stats.maxAbsDeviationPct).toEqual(r.stats.maxAbsDeviationPct);
  }, 300_000);

  it('keeps 22.26% / 17.97% over the unforced territories at 50, contiguous', async () => {
    const file = await demoProject();
    const r = runAlign({ projectFile: file, mode: 'generate', territories: 50, balance, tolerance: 0.02, seed: 1 });
    // Coarse metro counties (New York's, Southern California's: 0.5-0.65 targets each) keep a few
    // small territories far off (README, known limits); the bound over them is 2.1% / 1.57%.
    expect(r.stats.maxAbsDeviationPctUnforced.potential).toBeLessThanOrEqual(22.27);
    expect(r.stats.maxAbsDeviationPctUnforced.accounts).toBeLessThanOrEqual(17.98);
    expect(r.stats.pieces).toEqual(r.stats.forcedPieces);
  }, 300_000);
});
