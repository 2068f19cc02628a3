import { describe, expect, it } from 'vitest';
import { AUTO_PALETTE, OKABE_ITO, autoPalette, isManualColour, territoryAdjacency } from '../../shared/plan/auto-palette.ts';
import { recolourEdit } from '../../shared/plan/recolour.ts';
import type { Territory } from '../../shared/model/project.ts';

/** A ring of n territories plus a hub touching all of them (a wheel graph: needs 3 or 4 colours). */
function wheel(n: number): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>([['hub', new Set()]]);
  for (let i = 0; i < n; i++) {
    const id = `t${i}`;
    adjacency.set(id, new Set([`t${(i + 1) % n}`, `t${(i + n - 1) % n}`, 'hub']));
    adjacency.get('hub')!.add(id);
  }
  return adjacency;
}

function territories(ids: Iterable<string>, color = '#4e79a7'): { id: string; color: string }[] {
  return [...ids].map((id) => ({ id, color }));
}

function expectProper(colours: ReadonlyMap<string, string>, adjacency: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [a, ns] of adjacency) for (const b of ns) expect(colours.get(a), `${a} and ${b} touch`).not.toBe(colours.get(b));
}

describe('autoPalette', () => {
  it('never gives adjacent territories the same colour (odd wheel, complete graph of 7, random planar-ish graphs)', () => {
    const odd = wheel(7);
    expectProper(autoPalette({ territories: territories(odd.keys()), adjacency: odd }), odd);

    const k7 = new Map([...Array(7).keys()].map((i) => [`k${i}`, new Set([...Array(7).keys()].filter((j) => j !== i).map((j) => `k${j}`))]));
    const colours = autoPalette({ territories: territories(k7.keys()), adjacency: k7 });
    expectProper(colours, k7);
    expect(new Set(colours.values()).size).toBe(7);

    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      // Territories on a grid, adjacent to grid neighbours and some diagonals.
      const adjacency = new Map<string, Set<string>>();
      const id = (x: number, y: number) => `g${x}-${y}`;
      for (let x = 0; x < 6; x++) for (let y = 0; y < 6; y++) adjacency.set(id(x, y), new Set());
      const link = (a: string, b: string) => {
        adjacency.get(a)!.add(b);
        adjacency.get(b)!.add(a);
      };
      for (let x = 0; x < 6; x++)
        for (let y = 0; y < 6; y++) {
          if (x < 5) link(id(x, y), id(x + 1, y));
          if (y < 5) link(id(x, y), id(x, y + 1));
          if (x < 5 && y < 5 && random() < 0.5) link(id(x, y), id(x + 1, y + 1));
        }
      const result = autoPalette({ territories: territories(adjacency.keys()), adjacency });
      expectProper(result, adjacency);
      for (const c of result.values()) expect(OKABE_ITO).toContain(c);
    }
  });

  it('is deterministic and independent of input order', () => {
    const adjacency = wheel(5);
    const list = territories(adjacency.keys());
    const a = autoPalette({ territories: list, adjacency });
    const b = autoPalette({ territories: list.toReversed(), adjacency });
    expect([...b].sort()).toEqual([...a].sort());
    expect(autoPalette({ territories: list, adjacency })).toEqual(a);
  });

  it('keeps manual colours and avoids them (and colours close to them) next door', () => {
    const adjacency = wheel(5);
    const list = territories(adjacency.keys()).map((t) => (t.id === 'hub' ? { ...t, color: '#0070b0' } : t));
    expect(isManualColour('#0070b0')).toBe(true);
    expect(isManualColour('#4E79A7')).toBe(false);
    const colours = autoPalette({ territories: list, adjacency });
    expect(colours.get('hub')).toBe('#0070b0');
    // #0072b2 (Okabe-Ito blue) is within the "same colour" distance of the manual #0070b0.
    for (let i = 0; i < 5; i++) expect(colours.get(`t${i}`)).not.toBe('#0072b2');
    expectProper(colours, adjacency);
  });

  it('respects an explicit pinned set, and extends the palette when pinned colours block the base one', () => {
    // One territory touching seven pinned ones that use every Okabe-Ito colour.
    const adjacency = new Map<string, Set<string>>([['free', new Set(OKABE_ITO.map((_, i) => `p${i}`))]]);
    OKABE_ITO.forEach((_, i) => adjacency.set(`p${i}`, new Set(['free'])));
    const list = [{ id: 'free', color: '#000000' }, ...OKABE_ITO.map((color, i) => ({ id: `p${i}`, color }))];
    const pinned = new Set(OKABE_ITO.map((_, i) => `p${i}`));
    const colours = autoPalette({ territories: list, adjacency, pinned });
    OKABE_ITO.forEach((c, i) => expect(colours.get(`p${i}`)).toBe(c));
    expect(AUTO_PALETTE.slice(OKABE_ITO.length)).toContain(colours.get('free'));
  });

  it('changes nothing the second time (recolouring is idempotent)', () => {
    const adjacency = wheel(6);
    const first = autoPalette({ territories: territories(adjacency.keys()), adjacency });
    const again = autoPalette({ territories: [...first].map(([id, color]) => ({ id, color })), adjacency });
    expect(again).toEqual(first);
  });
});

describe('territoryAdjacency', () => {
  it('connects territories whose units are neighbours, ignoring unassigned units', () => {
    // Units in a row: a1 a2 | b1 | (unassigned) | c1
    const unitIds = ['a1', 'a2', 'b1', 'u', 'c1'];
    const neighbours = [[1], [0, 2], [1, 3], [2, 4], [3]];
    const start = [0];
    for (const n of neighbours) start.push(start[start.length - 1]! + n.length);
    const adjacency = territoryAdjacency({ start, unit: neighbours.flat() }, unitIds, new Map([['a1', 'A'], ['a2', 'A'], ['b1', 'B'], ['c1', 'C']]));
    expect(adjacency.get('A')).toEqual(new Set(['B']));
    expect(adjacency.get('B')).toEqual(new Set(['A']));
    expect(adjacency.get('C')).toEqual(new Set());
  });
});

describe('recolourEdit', () => {
  const t = (id: string, color: string): Territory => ({ id, name: id.toUpperCase(), color, repId: null, locked: false });

  it('is one edit of territory ops with before and after, skipping unchanged and manual colours', () => {
    const plan = { territories: new Map([['a', t('a', '#4e79a7')], ['b', t('b', '#4e79a7')], ['m', t('m', '#123456')]]) };
    const adjacency = new Map([['a', new Set(['b', 'm'])], ['b', new Set(['a'])], ['m', new Set(['a'])]]);
    const edit = recolourEdit(plan, adjacency)!;
    expect(edit.ops.every((op) => op.op === 'territory')).toBe(true);
    const after = new Map(edit.ops.map((op) => (op.op === 'territory' ? [op.after!.id, op.after!.color] : ['', ''])));
    expect(after.has('m')).toBe(false);
    expect(after.get('a')).not.toBe(after.get('b'));
    for (const op of edit.ops) if (op.op === 'territory') expect(op.before).toEqual(plan.territories.get(op.after!.id));
    expect(edit.label).toMatch(/Recolour 2 territories/);

    const recoloured = { territories: new Map([...plan.territories].map(([id, tt]) => [id, { ...tt, color: after.get(id) ?? tt.color }])) };
    expect(recolourEdit(recoloured, adjacency)).toBeNull();
  });
});
