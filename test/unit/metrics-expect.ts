/** Assertions shared by the metrics tests. */
import { expect } from 'vitest';

/** Deep equality with relative tolerance for floats accumulated in a different order. */
export function expectSame(actual: unknown, expected: unknown, where = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return expect(actual, where).toBeNaN();
    const tolerance = 1e-7 * Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) expect(actual, where).toBe(expected);
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(typeof actual, where).toBe('object');
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const k of keys) expectSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${where}.${k}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

