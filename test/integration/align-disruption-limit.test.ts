/**
 * The disruption limit of a rebalance is enforced during the search (shared/align/partition.ts:
 * a move that would put more units outside their source territory than the limit allows is
 * refused), on the real demo counties after a regional 5% shift in potentials (the same change as
 * align-rebalance-regional.test.ts, which needs ~3.5% of the units to get back within 2%): with a
 * 1% limit the plan moves at most 1% of the units, keeps every territory in one piece, is the same
 * for the same seed, gets closer to balance than it was, and says plainly which territories the
 * limit kept outside the tolerance. `tessera align --rebalance --max-moved 1%` does the same from
 * the command line; a bad or misplaced --max-moved is refused in plain words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAlign } from '../../main/services/align-run.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tessera } from '../helpers/cli.ts';
import { regionallyShiftedDemo } from '../helpers/regional-shift.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';

const balance = [{ field: 'potential', weight: 1 }];
let file = '';

beforeAll(async () => {
  file = path.join(tempDir(), 'regional-limit.gpkg');
  await regionallyShiftedDemo(file);
}, 180_000);

describe('rebalance under a disruption limit', () => {
  it('1% of the units: moves at most that, stays contiguous, deterministic, says what stays out', () => {
    const before = runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.99, seed: 1 });
    const units = before.assignments.length;
    const limit = Math.floor(units * 0.01);
    const unlimited = runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.02, seed: 1 });
    // The limit binds: without it the rebalance moves more.
    expect(unlimited.stats.unitsMoved).toBeGreaterThan(limit);
    expect(unlimited.stats.disruptionNote).toBeNull();

    const r = runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.02, seed: 1, maxMovedUnits: limit });
    expect(r.stats.unitsMoved).toBeGreaterThan(0);
    expect(r.stats.unitsMoved).toBeLessThanOrEqual(limit);
    expect(r.moved.length).toBe(r.stats.unitsMoved);
    expect(r.stats.maxAbsDeviationPct.potential!).toBeLessThan(before.stats.maxAbsDeviationPct.potential! - 0.5);
    for (const id of Object.keys(r.stats.pieces)) {
      expect(r.stats.pieces[id]! - r.stats.forcedPieces[id]!).toBeLessThanOrEqual(
        Math.max(0, before.stats.pieces[id]! - before.stats.forcedPieces[id]!),
      );
    }
    if (r.stats.withinTolerance) expect(r.stats.disruptionNote).toBeNull();
    else {
      expect(r.stats.disruptionNote).toMatch(
        new RegExp(`^The disruption limit \\(at most ${limit} units may change territory; ${r.stats.unitsMoved} did\\) stopped the rebalance: \\d+ territor(y|ies) stays? outside ±2%: .+\\. Raise the limit`),
      );
    }

    const again = runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.02, seed: 1, maxMovedUnits: limit });
    expect(again.assignments).toEqual(r.assignments);
    expect(again.stats.disruptionNote).toBe(r.stats.disruptionNote);
  }, 240_000);

  it('a limit of 0 moves nothing; a bad limit is refused in plain words', () => {
    const r = runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.02, seed: 1, maxMovedUnits: 0 });
    expect(r.stats.unitsMoved).toBe(0);
    expect(r.stats.disruptionNote).toMatch(/^The disruption limit \(at most 0 units may change territory; 0 did\)/);
    expect(() => runAlign({ projectFile: file, mode: 'rebalance', balance, tolerance: 0.02, seed: 1, maxMovedUnits: -1 })).toThrow(
      'The disruption limit must be a whole number of units (0 or more), not -1.',
    );
  }, 120_000);

  it('tessera align --rebalance --max-moved 1%: the CLI applies the limit and reports it; bad values change nothing', () => {
    // A copy: the CLI saves a new active scenario, which the other tests here must not see.
    const copy = path.join(tempDir(), 'regional-limit-cli.gpkg');
    fs.copyFileSync(file, copy);
    const units = 3231;
    const out = tessera('align', copy, '--rebalance', '--balance', 'potential', '--max-moved', '1%', '--seed', '1', '--json');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const r = JSON.parse(out.stdout) as { scenario: { id: string }; unitsMoved: number; disruptionNote: string | null };
    expect(r.unitsMoved).toBeGreaterThan(0);
    expect(r.unitsMoved).toBeLessThanOrEqual(Math.floor(units * 0.01));
    // The regional shift needs ~3.5% of the units: 1% leaves territories out, and the report says so.
    expect(r.disruptionNote).toMatch(/^The disruption limit \(at most 32 units may change territory/);
    const store = ProjectStore.open(copy, { readonly: true });
    try {
      expect(store.activeScenario().id).toBe(r.scenario.id);
    } finally {
      store.close();
    }

    const hash = fileHash(copy);
    for (const [args, message] of [
      [['--rebalance', '--max-moved', '0'], /--max-moved must be a fraction between 0 and 1 \(0\.02\) or a percentage \(2%\), not "0"/],
      [['--rebalance', '--max-moved', 'lots'], /--max-moved must be a fraction .* not "lots"/],
      [['--territories', '5', '--max-moved', '5%'], /--max-moved limits the units a rebalance may move: add --rebalance/],
    ] as const) {
      const bad = tessera('align', copy, ...args, '--balance', 'potential');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(message);
    }
    expect(fileHash(copy)).toBe(hash);
  }, 240_000);
});
