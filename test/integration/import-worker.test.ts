/**
 * The import as the app and the CLI run it: in a worker thread with progress and cancel, one
 * transaction (cancel leaves the file byte-for-byte as it was), the replace policy, and the
 * `tessera import` command line with its --json report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startImport } from '../../main/import/import-job.ts';
import { runImport } from '../../main/import/run-import.ts';
import type { ImportProgress } from '../../main/import/types.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tessera } from '../helpers/cli.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, FIXTURES, RI_GEOJSON, ZCTA_DIR } from './import-support.ts';

const dir = tempDir('tessera-import-worker-');
const CT = path.join(ZCTA_DIR, 'ct_connecticut_zip_codes_geo.min.json');
let base = '';
let n = 0;
const copyOfBase = () => {
  const file = path.join(dir, `p${++n}.gpkg`);
  fs.copyFileSync(base, file);
  return file;
};

beforeAll(async () => {
  base = path.join(dir, 'de.gpkg');
  await runImport(base, DE_GEOJSON);
  await runImport(base, path.join(FIXTURES, 'accounts-de.csv'));
  // A plan with work in it, to see what --replace does to it.
  const store = ProjectStore.open(base);
  try {
    store.transaction(() => {
      store.upsertTerritory('plan-1', { id: 't1', name: 'North', color: '#336699', repId: null, locked: false });
      store.assign('plan-1', ['1019962'], 't1');
    });
  } finally {
    store.close();
  }
});

describe('import in a worker thread', () => {
  it('reports progress through every stage and returns the report', async () => {
    const events: ImportProgress[] = [];
    const file = path.join(dir, 'worker.gpkg');
    const report = await startImport(file, CT, {}, (p) => events.push(p)).result;
    expect(report.written).toBe(282);
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages).toEqual(['open', 'read', 'topology', 'write', 'done']);
    const percents = events.map((e) => e.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
  });

  it('cancel from the caller stops the import and leaves the project unchanged', async () => {
    const file = copyOfBase();
    const before = fileHash(file);
    const job = startImport(file, CT, { replace: true }, () => job.cancel());
    await expect(job.result).rejects.toMatchObject({ name: 'ImportCancelled' });
    expect(fileHash(file)).toBe(before);
  });

  it('cancel inside the write transaction rolls everything back, byte for byte', async () => {
    const file = copyOfBase();
    const before = fileHash(file);
    let cancelled = false;
    let sawWrite = false;
    const run = runImport(
      file,
      CT,
      { replace: true },
      {
        cancel: {
          get cancelled() {
            return cancelled;
          },
        },
        onProgress: (p) => {
          if (p.stage === 'write') {
            sawWrite = true;
            cancelled = true;
          }
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'ImportCancelled' });
    expect(sawWrite).toBe(true);
    expect(fileHash(file)).toBe(before);
    const store = ProjectStore.open(file);
    try {
      expect(store.count('units')).toBe(68);
      expect(store.assignments('plan-1').get('1019962')).toBe('t1');
    } finally {
      store.close();
    }
  });

  it('cancel of an import into a new project leaves no file behind', async () => {
    const file = path.join(dir, 'never.gpkg');
    const job = startImport(file, CT, {}, () => job.cancel());
    await expect(job.result).rejects.toMatchObject({ name: 'ImportCancelled' });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('importing units into a project that has units', () => {
  it('is refused without --replace, leaving the file as it was', async () => {
    const file = copyOfBase();
    const before = fileHash(file);
    await expect(runImport(file, RI_GEOJSON)).rejects.toThrow(
      /already has 68 units\. Import into a new project, or pass --replace to replace them \(this deletes every plan of the project\)\./,
    );
    expect(fileHash(file)).toBe(before);
  });

  it('--replace swaps the units, clears the plans, starts "Plan 1" and re-links the accounts', async () => {
    const file = copyOfBase();
    const report = await runImport(file, RI_GEOJSON, { replace: true });
    expect(report.written).toBe(77);
    expect(report.createdScenario).toBe(true);
    const store = ProjectStore.open(file);
    try {
      expect(store.count('units')).toBe(77);
      expect(store.scenarios()).toEqual([{ id: 'plan-1', name: 'Plan 1' }]);
      expect(store.territories('plan-1')).toEqual([]);
      expect(store.assignments('plan-1').size).toBe(0);
      expect(store.fields().map((f) => f.name)).toContain('ALAND10');
      // The Delaware accounts lie in no Rhode Island unit now.
      expect(store.accounts().every((a) => a.unitId === null)).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe('tessera import (command line)', () => {
  it('--json prints the report; the project is created', () => {
    const file = path.join(dir, 'cli.gpkg');
    const result = tessera('import', file, path.join(ZCTA_DIR, 'tl_2010_44_zcta510.zip'), '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ read: 77, written: 77, skipped: [], repaired: [], encoding: 'utf-8', as: 'units' });
    expect(report.srs).toBe('GCS_North_American_1983');
    expect((report.bbox as number[]).map((v) => v.toFixed(6))).toEqual(['-71.893657', '41.145489', '-71.119936', '42.018800']);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a bad source exits 1 with the plain message', () => {
    const file = path.join(dir, 'cli-bad.gpkg');
    const result = tessera('import', file, path.join(dir, 'nothing-here.shp'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`tessera import: "${path.join(dir, 'nothing-here.shp')}" does not exist.`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('prints progress and a summary without --json', () => {
    const result = tessera('import', path.join(dir, 'cli-text.gpkg'), path.join(FIXTURES, 'accounts-de.csv'));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/100% done: Imported 5 accounts/);
    expect(result.stdout).toMatch(/^Imported 5 accounts from accounts-de\.csv/);
    expect(result.stdout).toMatch(/unknown ZIPs: 00000/);
  });
});
