/**
 * The split walk (shared/align/split-walk.ts) on real data: Hawaii's 97 connected ZIP points
 * (Census 2021 Gazetteer populations, Delaunay adjacency, test/helpers/zip-points.ts) shared by
 * two territories whose target is half the island's people. The best split whole ZIPs allow is the
 * smallest subset sum at or above half (subset-sum.ts); the tree re-split and the minimax polish
 * stop above it, the walk reaches it with both territories in one piece.
 */
import { describe, expect, it } from 'vitest';
import { BOUND_SLACK } from '../../shared/align/lower-bound.ts';
import type { Partition } from '../../shared/align/partition.ts';
import { minimaxPolish } from '../../shared/align/minimax-polish.ts';
import { createPrng } from '../../shared/align/prng.ts';
import { resplitIslandBound } from '../../shared/align/recombine.ts';
import { walkIslandBoundSplits } from '../../shared/align/split-walk.ts';
import { smallestLargerHalf } from '../../shared/align/subset-sum.ts';
import { AlignCancelled } from '../../shared/align/types.ts';
import { zipProblem } from '../helpers/zip-points.ts';
import { plainPartition } from './align-fixtures.ts';

interface Island {
  adjacency: { start: Uint32Array; unit: Int32Array };
  people: number[];
}

/** Hawaii's ZIP points that have a neighbour (96799, American Samoa's, has none and no people). */
function hawaii(): Island {
  const p = zipProblem(150);
  const all = p.unitIds.flatMap((id, u) => (id >= '96700' && id <= '96899' ? [u] : []));
  const degree = (u: number) => p.adjacency.start[u + 1]! - p.adjacency.start[u]!;
  const units = all.filter((u) => degree(u) > 0);
  const index = new Map(units.map((u, i) => [u, i]));
  const lists = units.map((u) => Array.from(p.adjacency.unit.subarray(p.adjacency.start[u], p.adjacency.start[u + 1])).map((v) => index.get(v)!));
  const start = new Uint32Array(units.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
  return { adjacency: { start, unit: Int32Array.from(lists.flat()) }, people: units.map((u) => p.values[u]!) };
}

/** Territory 0 grows breadth-first from the first ZIP to half the people; territory 1 keeps the rest. */
function partition(island: Island, isCancelled?: () => boolean) {
  const U = island.people.length;
  const total = island.people.reduce((a, b) => a + b, 0);
  const territoryOf = new Int32Array(U).fill(1);
  const queue = [0];
  const seen = new Uint8Array(U);
  seen[0] = 1;
  let grown = 0;
  while (queue.length > 0 && grown < total / 2) {
    const u = queue.shift()!;
    territoryOf[u] = 0;
    grown += island.people[u]!;
    for (let i = island.adjacency.start[u]!; i < island.adjacency.start[u + 1]!; i++) {
      const v = island.adjacency.unit[i]!;
      if (seen[v]) continue;
      seen[v] = 1;
      queue.push(v);
    }
  }
  return plainPartition({
    adjacency: island.adjacency,
    fieldWeights: [1],
    values: Float64Array.from(island.people, (n) => n / (total / 2)),
    territoryOf,
    territories: 2,
    band: 0.02,
    isCancelled,
  });
}

const both = Uint8Array.from([1, 1]);

function walked(island: Island, seed: number) {
  const part = partition(island);
  const rng = createPrng(seed);
  resplitIslandBound(part, both, rng);
  minimaxPolish(part, both);
  const polished = part.maxDeviation().worst;
  walkIslandBoundSplits(part, both, goalOf(island) + BOUND_SLACK, rng);
  return { part, polished };
}

/** The best split whole ZIPs allow, as the larger side's deviation from half. */
function goalOf(island: Island): number {
  const total = island.people.reduce((a, b) => a + b, 0);
  return smallestLargerHalf(island.people) / (total / 2) - 1;
}

describe('split walk', () => {
  const island = hawaii();

  it("reaches the best split whole ZIPs allow on Hawaii's 97 ZIPs, both territories in one piece", () => {
    expect(island.people.length).toBe(97);
    const total = island.people.reduce((a, b) => a + b, 0);
    const best = smallestLargerHalf(island.people);
    expect(best).toBe(725_295); // half of 1,450,589 is 725,294.5
    const { part, polished } = walked(island, 1);
    // The tree re-split and the minimax polish alone end above the best split: the walk is needed.
    expect(polished).toBeGreaterThan(goalOf(island) + BOUND_SLACK);
    const people = [0, 1].map((t) => island.people.reduce((s, n, u) => s + (part.s.territoryOf[u] === t ? n : 0), 0));
    expect(Math.max(...people)).toBe(best);
    expect(people[0]! + people[1]!).toBe(total);
    expect(Array.from(part.search.piecesPerTerritory(2))).toEqual([1, 1]);
  });

  it('is deterministic for a seed', () => {
    const a = walked(island, 7).part.s.territoryOf;
    const b = walked(island, 7).part.s.territoryOf;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  // One pair, so a step that polled only between pairs would poll once and finish its work: the
  // third poll comes from inside the pair's re-split, polish or walk.
  it.each([
    ['tree re-split', (part: Partition) => resplitIslandBound(part, both, createPrng(1))],
    ['minimax polish', (part: Partition) => minimaxPolish(part, both)],
    ['split walk', (part: Partition) => walkIslandBoundSplits(part, both, goalOf(island) + BOUND_SLACK, createPrng(1))],
  ])('the %s stops inside a pair once the caller cancels', (_, step) => {
    let polls = 0;
    const part = partition(island, () => ++polls >= 3);
    expect(() => step(part)).toThrow(AlignCancelled);
    expect(polls).toBe(3);
  });
});
