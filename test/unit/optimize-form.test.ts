/** The Optimize dialog's form rules: weights always sum to 100, and the request (or the reason it cannot run). */
import { describe, expect, it } from 'vitest';
import { addField, defaultForm, removeField, requestOf, setWeight } from '../../renderer/src/optimize/optimize-form.ts';

const data = { territories: [], fields: [{ name: 'population', label: 'Population', kind: 'number' as const }] };

describe('weights', () => {
  it('scale the other fields so the total stays 100', () => {
    let fields = addField(addField([{ field: 'potential', weight: 100 }], 'accounts'), 'population');
    fields = setWeight(fields, 1, 30);
    expect(fields.map((f) => f.weight)).toEqual([70, 30, 0]);
    fields = setWeight(fields, 2, 10);
    expect(fields.map((f) => f.weight).reduce((a, b) => a + b)).toBe(100);
    expect(fields[2]!.weight).toBe(10);
    expect(removeField(fields, 0).map((f) => f.weight).reduce((a, b) => a + b)).toBe(100);
  });
});

describe('requestOf', () => {
  it('builds the alignPlan request from the form', () => {
    const form = { ...defaultForm(data), territories: 12, fields: [{ field: 'potential', weight: 70 }, { field: 'accounts', weight: 30 }] };
    expect(requestOf(form, { units: 3000, reps: 0 })).toEqual({
      request: { mode: 'generate', territories: 12, balance: [{ field: 'potential', weight: 0.7 }, { field: 'accounts', weight: 0.3 }], tolerance: 0.02, seed: 1, respectLocks: true },
    });
    expect(requestOf({ ...form, mode: 'rebalance', maxMovedPct: 5 }, { units: 3000, reps: 0 })).toMatchObject({ request: { mode: 'rebalance', maxMovedPct: 5 } });
  });

  it('names what is wrong', () => {
    const form = defaultForm(data);
    expect(requestOf({ ...form, territories: 5000 }, { units: 3000, reps: 0 })).toEqual({ problem: 'The project has 3,000 units: too few for 5000 territories.' });
    expect(requestOf({ ...form, count: 'reps' }, { units: 3000, reps: 0 })).toEqual({ problem: 'The project has no reps to build territories around.' });
    expect(requestOf({ ...form, tolerancePct: 0 }, { units: 3000, reps: 0 })).toEqual({ problem: 'The tolerance must be more than 0% and less than 100%.' });
  });
});
