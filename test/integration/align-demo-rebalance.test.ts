/**
 * `tessera align --rebalance` on the real demo counties: after a 5% change in potentials the plan
 * is back within tolerance moving at most 5% of the units; a search that stalls outside tolerance
 * is followed by another, and coarse territories are re-split with a neighbour; locked territories
 * and locked units stay; a wrong field is a plain-language error.
 */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tessera } from '../helpers/cli.ts';
import { demoCopy } from '../helpers/temp.ts';

interface AlignJson {
  scenario: { id: string; name: string };
  territories: number;
  withinTolerance: boolean;
  maxAbsDeviationPct: Record<string, number>;
  lowerBoundPct: Record<string, number>;
  maxAbsDeviationPctUnforced: Record<string, number>;
  lowerBoundUnforcedPct: Record<string, number>;
  pieces: Record<string, number>;
  forcedPieces: Record<string, number>;
  unitsMoved: number;
  seconds: number;
  compactness: { polsbyPopper: { mean: number | null } };
  driveTimeMin: { meanOfMeans: number | null };
}

function align(file: string, ...args: string[]): AlignJson {
  const out = tessera('align', file, ...args, '--json');
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as AlignJson;
}

describe('tessera align --rebalance on the demo counties', () => {
  it('rebalances after a 5% change in potentials moving at most 5% of units', async () => {
    const file = await demoCopy('rebalance.gpkg');
    const base = align(file, '--territories', '12', '--balance', 'potential', '--seed', '5');
    expect(base.withinTolerance).toBe(true);
    // Every account's potential changes by a seeded factor in [0.95, 1.05] (hash of its id).
    const store = ProjectStore.open(file);
    try {
      const accounts = store.db.prepare('SELECT fid, account_id FROM accounts').all() as { fid: number; account_id: string }[];
      const update = store.db.prepare('UPDATE accounts SET potential = potential * ? WHERE fid = ?');
      store.transaction(() => {
        for (const a of accounts) update.run(1 + 0.05 * (2 * hash01(a.account_id) - 1), a.fid);
      });
    } finally {
      store.close();
    }
    const r = align(file, '--rebalance', '--balance', 'potential', '--seed', '5');
    expect(r.pieces).toEqual(r.forcedPieces);
    expect(r.maxAbsDeviationPct.potential).toBeLessThanOrEqual(Math.max(2, r.lowerBoundPct.potential!) + 1e-6);
    expect(r.unitsMoved).toBeLessThanOrEqual(0.05 * 3231);
    // Two CLI runs on the demo project: generous for a loaded shared machine.
  }, 240_000);

  it('searches again when the first search stalls outside tolerance', async () => {
    // The demo's own plan on potential, seed 6: the first search ends at 9.35% (the coarse
    // Californian counties), the best of three at 3.30%; a later one in another order within ±2%.
    const file = await demoCopy('restart.gpkg');
    const r = align(file, '--rebalance', '--balance', 'potential', '--seed', '6');
    expect(r.maxAbsDeviationPct.potential).toBeLessThanOrEqual(2 + 1e-6);
    expect(r.withinTolerance).toBe(true);
  }, 60_000);

  it('re-splits a territory of coarse units with a neighbour when the search stalls on them', async () => {
    // Seed 7: every search leaves California (+89% at the start) with a few big counties at
    // +3.97% until merge-split rounds re-split it with its neighbours.
    const file = await demoCopy('recombine.gpkg');
    const r = align(file, '--rebalance', '--balance', 'potential', '--seed', '7');
    expect(r.maxAbsDeviationPct.potential).toBeLessThanOrEqual(2 + 1e-6);
    expect(r.pieces).toEqual(r.forcedPieces);
  }, 60_000);

  it('re-splits no territory so that a locked unit is left apart from it, and still ends within tolerance', async () => {
    // The Optimize dialog's e2e case, seed 1 with the first 8 Plains counties locked: a re-split of
    // Plains with a neighbour cut the locked counties off from the rest of Plains (an extra piece)
    // until such cuts were undone; it ended at 7.33% with one search, 4.18% with three.
    const file = await demoCopy('locked-recombine.gpkg');
    const store = ProjectStore.open(file, { readonly: true });
    const locked = [...store.assignments('S1')].filter(([, t]) => t === 'T05').map(([u]) => u).sort().slice(0, 8);
    store.close();
    const r = align(file, '--rebalance', '--balance', 'potential', '--lock-units', locked.join(','), '--seed', '1');
    expect(r.pieces).toEqual(r.forcedPieces);
    expect(r.maxAbsDeviationPct.potential).toBeLessThanOrEqual(2 + 1e-6);
  }, 60_000);

  it('honours locked territories and locked units', async () => {
    const file = await demoCopy('locks.gpkg');
    const store0 = ProjectStore.open(file, { readonly: true });
    const source = store0.assignments('S1');
    store0.close();
    const lockedUnits = [...source].filter(([, t]) => t === 'T06').slice(0, 5).map(([u]) => u);
    const r = align(file, '--rebalance', '--balance', 'accounts', '--lock-territories', 'T01,T02', '--lock-units', lockedUnits.join(','), '--seed', '1');
    const store = ProjectStore.open(file, { readonly: true });
    try {
      const after = store.assignments(r.scenario.id);
      for (const [unit, territory] of source) {
        if (territory === 'T01' || territory === 'T02') expect(after.get(unit)).toBe(territory);
      }
      for (const unit of lockedUnits) expect(after.get(unit)).toBe('T06');
      expect(store.territories(r.scenario.id).filter((t) => t.locked).map((t) => t.id)).toEqual(['T01', 'T02']);
    } finally {
      store.close();
    }
  }, 60_000);

  it('rejects an unknown field in plain words', async () => {
    const file = await demoCopy('bad.gpkg');
    const out = tessera('align', file, '--territories', '5', '--balance', 'revenue');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/"revenue" is not a numeric field/);
  }, 60_000);
});

/** Deterministic value in [0, 1) from a string (FNV-1a). */
function hash01(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4294967296;
}
