/** The vector map model's geometry helpers: simplification, clipping, label points, outlier-free extent. */
import { describe, expect, it } from 'vitest';
import { clipLines, clipRings } from '../../shared/print/clip.ts';
import { coreExtent } from '../../shared/print/map-model.ts';
import { roundLength } from '../../shared/print/page-parts.ts';
import { polylabel } from '../../shared/print/polylabel.ts';
import { simplifyLine } from '../../shared/print/simplify.ts';
import type { Pt } from '../../shared/print/types.ts';

describe('simplifyLine', () => {
  it('keeps the ends, drops points within the tolerance and keeps those beyond it', () => {
    const wiggle: Pt[] = Array.from({ length: 101 }, (_, i) => [i, i % 2 ? 0.1 : -0.1]);
    expect(simplifyLine(wiggle, 0.25)).toEqual([wiggle[0], wiggle[100]]);
    const corner: Pt[] = [[0, 0], [5, 0.1], [10, 0], [10, 10]];
    expect(simplifyLine(corner, 0.25)).toEqual([[0, 0], [10, 0], [10, 10]]);
  });

  it('keeps a closed arc (an island) a polygon', () => {
    const ring: Pt[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    expect(simplifyLine(ring, 5).length).toBeGreaterThanOrEqual(4);
  });
});

describe('clipping to the frame', () => {
  const frame = { x: 0, y: 0, w: 10, h: 10 };
  it('cuts a ring crossing the frame to the frame and drops rings outside', () => {
    const [clipped, ...rest] = clipRings([[[-5, 2], [5, 2], [5, 8], [-5, 8]], [[20, 20], [30, 20], [30, 30]]], frame);
    expect(rest).toEqual([]);
    expect(Math.min(...clipped!.map((p) => p[0]))).toBe(0);
    expect(Math.max(...clipped!.map((p) => p[0]))).toBe(5);
  });

  it('splits a line that leaves and re-enters', () => {
    const lines = clipLines([[[1, 1], [1, 20], [2, 20], [2, 1]]], frame);
    expect(lines).toEqual([[[1, 1], [1, 10]], [[2, 10], [2, 1]]]);
  });
});

describe('polylabel', () => {
  it('finds a point inside a C-shaped polygon, away from its edges', () => {
    const c: Pt[] = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10]];
    const label = polylabel([c], 0.1)!;
    expect(label.at[0]).toBeLessThan(2);
    expect(label.room).toBeGreaterThan(0.9);
  });
});

describe('coreExtent', () => {
  const box = (x: number, y: number) => ({ minX: x - 0.2, minY: y - 0.2, maxX: x + 0.2, maxY: y + 0.2 });
  const grid = Array.from({ length: 100 }, (_, i) => box(-100 + (i % 10), 40 + Math.floor(i / 10)));
  it('leaves out a small far group and counts it', () => {
    const result = coreExtent([...grid, box(-155, 20), box(-156, 20.5)]);
    expect(result.outlying).toBe(2);
    expect(result.box.minX).toBeCloseTo(-100.2);
  });

  it('keeps two halves of a plan however far apart', () => {
    const far = grid.map((b) => ({ ...b, minX: b.minX - 40, maxX: b.maxX - 40 }));
    expect(coreExtent([...grid, ...far]).outlying).toBe(0);
  });
});

it('scale bars use round lengths', () => {
  expect([roundLength(0.9), roundLength(1), roundLength(3.7), roundLength(740), roundLength(1999)]).toEqual([0.5, 1, 2, 500, 1000]);
});
