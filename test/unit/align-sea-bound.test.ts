/**
 * The sea-group component bound (shared/align/lower-bound.ts) and the allocation of territories to
 * sea groups and landmasses it drives (shared/align/allocate.ts), on small worked examples whose
 * answers follow by hand from the rule "a landmass hosts an integer number of territories or is
 * attached whole to one territory of its own sea group".
 */
import { describe, expect, it } from 'vitest';
import { allocateBySeaGroup } from '../../shared/align/allocate.ts';
import { landmassLowerBound, seaGroupAllocation, seaGroupLowerBound } from '../../shared/align/lower-bound.ts';

const group = (components: number[], capacity = 1000) => ({ components, capacity });

describe('sea-group lower bound', () => {
  it('an ocean island of 2.2 territories forces +10% when no light island shares its sea', () => {
    // Mainland 7.1 + light islands 0.7 near it; the 2.2 island alone: 2 territories at 1.1 each
    // (3 would be 0.733 each). The old landmass bound let the far light islands fill a third one.
    expect(seaGroupLowerBound([group([7.1, 0.7]), group([2.2])], 10)).toBeCloseTo(0.1, 6);
    expect(landmassLowerBound([7.1, 2.2, 0.7])).toBeCloseTo(1 - 2.9 / 3, 6);
  });

  it('light islands in the same sea can fill a third territory', () => {
    // (2.2 + 0.7) / 3 = 0.967: -3.3%, and the mainland 7.1 / 7 = +1.4%.
    expect(seaGroupLowerBound([group([7.1]), group([2.2, 0.7])], 10)).toBeCloseTo(1 - 2.9 / 3, 6);
  });

  it('an unhosted remote island may join any territory', () => {
    // The 0.7 sea group hosts nothing and fills the 2.2 island's third territory: same as above.
    expect(seaGroupLowerBound([group([7.1]), group([2.2]), group([0.7])], 10)).toBeCloseTo(1 - 2.9 / 3, 6);
    expect(seaGroupAllocation([group([7.1]), group([2.2]), group([0.7])], 10, 0.034)).toEqual([7, 3, 0]);
  });

  it('surplus stays on its landmass: two islands of 1.5 in one sea need 2 territories each', () => {
    // Each island alone: 1 territory is +50%, 2 are -25%; together 3 territories would average 1.0,
    // but one island's surplus cannot fill the other's territory.
    expect(seaGroupLowerBound([group([1.5, 1.5])], 3)).toBeCloseTo(0.5, 6);
    expect(seaGroupLowerBound([group([1.5, 1.5])], 4)).toBeCloseTo(0.25, 6);
  });

  it('is zero when the landmasses divide evenly', () => {
    expect(seaGroupLowerBound([group([6]), group([4])], 10)).toBe(0);
    expect(seaGroupLowerBound([group([9.6, 0.4])], 10)).toBe(0);
  });

  it('capacity limits how many territories a landmass can hold', () => {
    // 3 units cannot make 4 territories: the island must keep 3 and the mainland take 7 (+0.4/7).
    expect(seaGroupLowerBound([group([6.4]), group([3.6], 3)], 10)).toBeCloseTo(0.2, 6);
  });

  it('an absorbing group only needs enough mass for its judged territories', () => {
    expect(seaGroupLowerBound([{ components: [1.5], capacity: 10, absorbing: true }], 1)).toBe(0);
    expect(seaGroupLowerBound([{ components: [0.5], capacity: 10, absorbing: true }], 1)).toBeCloseTo(0.5, 6);
  });
});

describe('allocation of territories to sea groups', () => {
  it('gives the ocean island the count that minimises the worst deviation', () => {
    // Components: mainland 7.1, a light island 0.7 near it (same sea group 0), ocean island 2.2.
    const alloc = allocateBySeaGroup([7.1, 0.7, 2.2], [500, 5, 50], Int32Array.from([0, 0, 1]), 2, 10);
    expect(alloc).toEqual([8, 0, 2]);
  });

  it('shares an archipelago between its islands', () => {
    // Hawaii-like sea: Oahu 1.9, Big Island 0.37, Maui 0.3, Kauai 0.14 (2.71 territories) and a
    // mainland of 7.29 elsewhere: 3 territories in the archipelago, at most -9.7% there.
    const weights = [7.29, 1.9, 0.37, 0.3, 0.14];
    const alloc = allocateBySeaGroup(weights, [900, 40, 10, 10, 5], Int32Array.from([0, 1, 1, 1, 1]), 2, 10);
    expect(alloc[0]).toBe(7);
    expect(alloc.slice(1).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
