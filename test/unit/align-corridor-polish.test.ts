/**
 * The corridor polish (shared/align/corridor-polish.ts) on a 6 x 4 rook grid worked out by hand:
 * two territories (columns 0-2 and 3-5), two weighted fields, the valued units one step inside
 * their territory behind empty land. Left holds X = (0.6, 0.3) and Y = (0.5, 0.6): 1.1 / 0.9
 * targets; right holds Z = (0.5, 0.4) and W = (0.4, 0.7): 0.9 / 1.1. No border unit carries
 * anything, so single border moves cannot change either total; exchanging X and Z, each with the
 * empty unit between it and the border, evens both territories exactly. The corridors run on
 * different rows, so neither territory is cut.
 */
import { describe, expect, it } from 'vitest';
import { corridorPolish } from '../../shared/align/corridor-polish.ts';
import type { Partition } from '../../shared/align/partition.ts';
import { AlignCancelled } from '../../shared/align/types.ts';
import { plainPartition } from './align-fixtures.ts';

const W = 6;
const H = 4;
const at = (x: number, y: number) => y * W + x;

function grid(isCancelled?: () => boolean): Partition {
  const U = W * H;
  const lists: number[][] = Array.from({ length: U }, () => []);
  const link = (u: number, v: number) => {
    lists[u]!.push(v);
    lists[v]!.push(u);
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (x + 1 < W) link(at(x, y), at(x + 1, y));
      if (y + 1 < H) link(at(x, y), at(x, y + 1));
    }
  }
  const start = new Uint32Array(U + 1);
  lists.forEach((l, u) => (start[u + 1] = start[u]! + l.length));
  const values = new Float64Array(U * 2);
  const put = (u: number, p: number, a: number) => values.set([p, a], u * 2);
  put(at(1, 1), 0.6, 0.3); // X, behind (2, 1)
  put(at(0, 3), 0.5, 0.6); // Y, in the corner
  put(at(4, 2), 0.5, 0.4); // Z, behind (3, 2)
  put(at(5, 0), 0.4, 0.7); // W, in the corner
  const territoryOf = Int32Array.from({ length: U }, (_, u) => (u % W < 3 ? 0 : 1));
  const adjacency = { start, unit: Int32Array.from(lists.flat()) };
  return plainPartition({ adjacency, fieldWeights: [0.7, 0.3], values, territoryOf, territories: 2, band: 0.016, compactness: 1, isCancelled });
}

describe('corridor polish', () => {
  it('exchanges two inner units with their corridors and evens both fields exactly', () => {
    const part = grid();
    expect(part.maxDeviation().worst).toBeCloseTo(0.1, 12);
    const taken = corridorPolish(part, Uint8Array.from([1, 1]));
    expect(taken).toBeGreaterThan(0);
    expect(part.maxDeviation().worst).toBeLessThan(1e-9);
    const of = part.s.territoryOf;
    // X and its corridor went right, Z and its corridor came left; nothing else moved.
    expect([of[at(1, 1)], of[at(2, 1)], of[at(4, 2)], of[at(3, 2)]]).toEqual([1, 1, 0, 0]);
    expect(of.filter((t, u) => t !== (u % W < 3 ? 0 : 1)).length).toBe(4);
    expect(Array.from(part.search.piecesPerTerritory(2))).toEqual([1, 1]);
  });

  it('leaves a plan alone when no exchange lowers the deviations', () => {
    const part = grid();
    corridorPolish(part, Uint8Array.from([1, 1]));
    const before = part.s.territoryOf.slice();
    expect(corridorPolish(part, Uint8Array.from([1, 1]))).toBe(0);
    expect(Array.from(part.s.territoryOf)).toEqual(Array.from(before));
  });

  it('touches only the territories it is given', () => {
    const part = grid();
    expect(corridorPolish(part, Uint8Array.from([1, 0]))).toBe(0);
    expect(part.maxDeviation().worst).toBeCloseTo(0.1, 12);
  });

  it('stops before its first exchange once the caller cancels, the plan as it was', () => {
    const part = grid(() => true);
    const before = part.s.territoryOf.slice();
    expect(() => corridorPolish(part, Uint8Array.from([1, 1]))).toThrow(AlignCancelled);
    expect(Array.from(part.s.territoryOf)).toEqual(Array.from(before));
  });
});
