/**
 * An imported project is one the app can open and edit: the project service serves its map data
 * (units, "Plan 1", the stored topology) and dissolves painted units into a territory outline.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tempDir } from '../helpers/temp.ts';
import { ZCTA_DIR } from './import-support.ts';

describe('an imported project opens in the app', () => {
  it('serves map data and outlines a painted territory', async () => {
    const file = path.join(tempDir('tessera-import-opens-'), 'ri.gpkg');
    await runImport(file, path.join(ZCTA_DIR, 'tl_2010_44_zcta510.zip'));
    const service = new ProjectService(ProjectStore.open(file));
    try {
      const map = await service.handlers.getMapData({});
      expect(map.scenario).toEqual({ id: 'plan-1', name: 'Plan 1' });
      expect(map.units).toHaveLength(77);
      expect(map.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ALAND10', 'AWATER10']));
      const ids = map.units.slice(0, 5).map((u) => u.id);
      const territory = { id: 't1', name: 'Ocean State', color: '#1f77b4', repId: null, locked: false };
      await service.handlers.applyEdit({
        scenarioId: 'plan-1',
        edit: {
          label: 'Paint 5 units',
          ops: [
            { op: 'territory', before: null, after: territory },
            { op: 'assign', unitIds: ids, from: ids.map(() => null), to: 't1' },
          ],
        },
      });
      const store = ProjectStore.open(file, { readonly: true });
      try {
        const row = store.db.prepare("SELECT geom FROM territories WHERE territory_id = 't1'").get() as { geom: Buffer | null };
        expect(row.geom).not.toBeNull();
      } finally {
        store.close();
      }
      const outline = (await service.handlers.getMapData({})).territories.find((t) => t.id === 't1');
      expect(outline?.name).toBe('Ocean State');
    } finally {
      service.close();
    }
  });
});
