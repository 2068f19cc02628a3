/**
 * The rebalance case of the alignment issue on the demo counties: account potentials rise 5% west
 * of 95°W and fall 5% east of it, after a 12-territory plan balanced on potential was saved.
 */
import fs from 'node:fs';
import { runAlign } from '../../main/services/align-run.ts';
import { saveAlignment } from '../../main/services/align-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoProject } from './temp.ts';

/** +5% potential for accounts west of 95°W, -5% east (by each account's position). */
export function shiftPotentialsWestEast(store: ProjectStore): void {
  store.db.exec(
    `UPDATE accounts SET potential = potential * (SELECT CASE WHEN r.minx < -95 THEN 1.05 ELSE 0.95 END
     FROM rtree_accounts_geom r WHERE r.id = accounts.fid)`,
  );
}

/** Writes to `file` the demo project with a 12-territory plan on potential saved as "Base", then the shift. */
export async function regionallyShiftedDemo(file: string): Promise<void> {
  fs.copyFileSync(await demoProject(), file);
  const base = runAlign({ projectFile: file, mode: 'generate', territories: 12, balance: [{ field: 'potential', weight: 1 }], tolerance: 0.02, seed: 1 });
  const store = ProjectStore.open(file);
  try {
    saveAlignment(store, base, 'Base');
    shiftPotentialsWestEast(store);
  } finally {
    store.close();
  }
}
