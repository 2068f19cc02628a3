/**
 * Load (short run; `npm run stress` runs longer): 10 concurrent clients hammer the HTTP host on
 * 127.0.0.1 with reads and edits of disjoint units for 3 s. Every response correct, no 5xx, every
 * acknowledged edit persisted in each client's order (see test/load/http-load.ts).
 */
import { describe, expect, it } from 'vitest';
import { runHttpLoad } from '../load/http-load.ts';
import { demoCopy } from '../helpers/temp.ts';

describe('HTTP host under load', () => {
  it('10 clients reading and editing for 3 s: all correct, no 5xx, every edit persisted in order', { timeout: 60_000 }, async () => {
    const summary = await runHttpLoad(await demoCopy('load.gpkg'), { clients: 10, seconds: 3, seed: 1, minEditsPerClient: 2 });
    console.log(`load: ${JSON.stringify({ ...summary, errors: summary.errors.length })}`);
    expect(summary.errors).toEqual([]);
    expect(summary.status5xx).toBe(0);
    expect(summary.edits).toBeGreaterThanOrEqual(20);
    expect(summary.reads).toBeGreaterThan(0);
  });
});
