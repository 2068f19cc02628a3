import { describe, expect, it } from 'vitest';
import { classBreaks, classOf } from '../../shared/plan/classify.ts';
import { DEVIATION_COLOURS, deviationClass, deviationClassLabels, sequentialClasses, sequentialColour } from '../../shared/plan/colour-scales.ts';

describe('classBreaks', () => {
  it('quantiles put equal counts in each class', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const edges = classBreaks(values, 5, 'quantile');
    expect(edges).toEqual([0, 20, 40, 60, 80, 99]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, edges)]!++;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it('natural breaks find obvious clusters', () => {
    const values = [1, 2, 3, 50, 51, 52, 200, 201, 202, 1000];
    const edges = classBreaks(values, 4, 'jenks');
    expect(edges).toEqual([1, 50, 200, 1000, 1000]);
    expect(values.map((v) => classOf(v, edges))).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
  });

  it('handles empty, constant and non-finite input, and merges duplicate edges', () => {
    expect(classBreaks([], 5, 'quantile')).toEqual([]);
    expect(classBreaks([4, 4, 4], 5, 'jenks')).toEqual([4, 4]);
    expect(classBreaks([Number.NaN, 1, 2, Infinity], 2, 'quantile')).toEqual([1, 2, 2]);
    const skewed = [0, 0, 0, 0, 0, 0, 0, 0, 1, 100];
    const edges = classBreaks(skewed, 5, 'quantile');
    for (let i = 1; i < edges.length - 1; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
  });

  it('classOf clamps to the first and last class', () => {
    const edges = [0, 10, 20];
    expect(classOf(-5, edges)).toBe(0);
    expect(classOf(10, edges)).toBe(1);
    expect(classOf(20, edges)).toBe(1);
    expect(classOf(99, edges)).toBe(1);
  });
});

describe('colour scales', () => {
  it('the sequential scale gets darker as values grow', () => {
    const lum = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    const classes = sequentialClasses(7);
    for (let i = 1; i < classes.length; i++) expect(lum(classes[i]!)).toBeLessThan(lum(classes[i - 1]!));
    expect(sequentialColour(Number.NaN)).toEqual(sequentialColour(0));
  });

  it('deviation classes centre the tolerance band on 0', () => {
    expect(deviationClass(0, 10)).toBe(3);
    expect(deviationClass(10, 10)).toBe(3);
    expect(deviationClass(-10, 10)).toBe(3);
    expect(deviationClass(10.1, 10)).toBe(4);
    expect(deviationClass(25, 10)).toBe(5);
    expect(deviationClass(-25, 10)).toBe(1);
    expect(deviationClass(300, 10)).toBe(6);
    expect(deviationClass(-80, 10)).toBe(0);
    expect(deviationClass(null, 10)).toBe(3);
    expect(deviationClassLabels(10)).toHaveLength(DEVIATION_COLOURS.length);
    expect(deviationClassLabels(10)[3]).toBe('within ±10%');
  });
});
