/**
 * Two-field balancing (70% potential + 30% account count) on the real demo counties into 12
 * territories: the figure the ejection chains and field-aware swaps (shared/align/eject.ts) reach
 * must not regress, every territory stays in one piece, and the same seed gives the same plan byte
 * for byte (the chains only run with several weighted fields, so the single-field tests do not
 * cover their determinism).
 */
import { describe, expect, it } from 'vitest';
import { runAlign } from '../../main/services/align-run.ts';
import { demoProject } from '../helpers/temp.ts';

const balance = [
  { field: 'potential', weight: 0.7 },
  { field: 'accounts', weight: 0.3 },
];

describe('two-field alignment of the demo counties', () => {
  it('reaches 3.21% / 2.92% at 12 territories, contiguous and deterministic', async () => {
    const file = await demoProject();
    const request = { projectFile: file, mode: 'generate' as const, territories: 12, balance, tolerance: 0.02, seed: 1 };
    const r = runAlign(request);
    // Reached with chains and swaps: 3.20% / 2.91% (3.58% / 3.30% before them). The lower bound is
    // 0, so the 2% target is still not met (README, known limits).
    expect(r.stats.maxAbsDeviationPct.potential).toBeLessThanOrEqual(3.21);
    expect(r.stats.maxAbsDeviationPct.accounts).toBeLessThanOrEqual(2.92);
    expect(r.stats.pieces).toEqual(r.stats.forcedPieces);
    expect(r.assignments).toHaveLength(3231);
    const again = runAlign(request);
    expect(JSON.stringify(again.assignments)).toBe(JSON.stringify(r.assignments));
    expect(again.stats.maxAbsDeviationPct).toEqual(r.stats.maxAbsDeviationPct);
  }, 300_000);
});
