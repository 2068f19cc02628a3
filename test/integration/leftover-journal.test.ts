/**
 * An import into a new project killed just as its write began can leave a rollback journal that is
 * empty or whose header is not yet written (main/import/bulk-write.ts). SQLite does not take it as
 * hot and, in WAL mode, never deletes it; opening the project removes it (main/store/project-db.ts).
 * A journal with a header is SQLite's to judge and is left to it.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoCopy } from '../helpers/temp.ts';

/** A demo project with `journal` left beside it opens with all its units, and the journal is gone. */
async function expectRemovedAtOpen(name: string, journal: string | Buffer): Promise<void> {
  const file = await demoCopy(name);
  fs.writeFileSync(`${file}-journal`, journal);
  const store = ProjectStore.open(file);
  try {
    expect(store.count('units')).toBe(3231);
  } finally {
    store.close();
  }
  expect(fs.existsSync(`${file}-journal`)).toBe(false);
}

describe('a leftover rollback journal', () => {
  it('is removed at open when empty, and the project opens with its units', () => expectRemovedAtOpen('leftover-journal.gpkg', ''));

  it('is removed at open when its header is still zeros (the write began, the header never came)', () =>
    expectRemovedAtOpen('leftover-journal-zeros.gpkg', Buffer.alloc(4096)));

  it('is left alone when opened read-only', async () => {
    const file = await demoCopy('leftover-journal-ro.gpkg');
    fs.writeFileSync(`${file}-journal`, '');
    ProjectStore.open(file, { readonly: true }).close();
    expect(fs.existsSync(`${file}-journal`)).toBe(true);
  });
});
