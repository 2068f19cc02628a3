/**
 * The align service runs the optimizer in a worker thread: progress events arrive while it runs,
 * cancel stops it and leaves the project exactly as it was, and a finished run saves a new
 * active scenario in one transaction.
 */
import { describe, expect, it } from 'vitest';
import { AlignCancelled, type AlignProgress } from '../../shared/align/types.ts';
import { saveAlignment, startAlign } from '../../main/services/align-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';

describe('align service (worker thread)', () => {
  it('reports progress and saves the result as the active scenario', async () => {
    const file = await demoCopy('progress.gpkg');
    const events: AlignProgress[] = [];
    const job = startAlign(
      { projectFile: file, mode: 'generate', territories: 20, balance: [{ field: 'accounts', weight: 1 }], tolerance: 0.03, seed: 4 },
      (p) => events.push(p),
    );
    const outcome = await job.result;
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)!.phase).toBe('done');
    expect(events.map((e) => e.fraction)).toEqual([...events.map((e) => e.fraction)].sort((a, b) => a - b));
    const store = ProjectStore.open(file);
    try {
      const scenario = saveAlignment(store, outcome);
      expect(scenario.name).toMatch(/^Aligned \d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(store.activeScenario()).toEqual(scenario);
      expect(store.territories(scenario.id)).toHaveLength(20);
      expect(() => saveAlignment(store, outcome, scenario.name)).toThrow(/already has a scenario named/);
    } finally {
      store.close();
    }
  });

  it('cancel stops the run and leaves the project untouched', async () => {
    const file = await demoCopy('cancel.gpkg');
    const before = fileHash(file);
    let job: ReturnType<typeof startAlign> | null = null;
    job = startAlign(
      { projectFile: file, mode: 'generate', territories: 50, balance: [{ field: 'potential', weight: 1 }], tolerance: 0.001, seed: 1, maxSweeps: 100000 },
      (p) => {
        if (p.phase === 'search') job!.cancel();
      },
    );
    await expect(job.result).rejects.toBeInstanceOf(AlignCancelled);
    expect(fileHash(file)).toBe(before);
  });
});
