import { describe, expect, it } from 'vitest';
import { validRings } from '../../shared/geo/dissolve.ts';

describe('validRings (dissolve output clean-up)', () => {
  it('closes a ring whose ends differ by one quantisation step', () => {
    const open = [[0, 0], [1, 0], [1, 1], [0, 0.001]];
    expect(validRings({ type: 'MultiPolygon', coordinates: [[open]] }).coordinates[0]![0]).toEqual([...open, [0, 0]]);
  });

  it('drops collapsed holes, and collapsed shells with their holes', () => {
    const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole = [[1, 1], [1, 2], [2, 2], [1, 1]];
    const sliver = [[3, 3], [3.1, 3.1], [3.1, 3.1], [3, 3]];
    const result = validRings({ type: 'MultiPolygon', coordinates: [[shell, hole, sliver], [sliver, hole]] });
    expect(result.coordinates).toEqual([[shell, hole]]);
  });

  it('leaves valid outlines as they are', () => {
    const square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    expect(validRings({ type: 'MultiPolygon', coordinates: [[square]] })).toEqual({ type: 'MultiPolygon', coordinates: [[square]] });
  });
});
