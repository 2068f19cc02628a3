/** Importing through the API (what the Electron menu, drag-and-drop and the browser use). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';

const DELAWARE = path.resolve(import.meta.dirname, '../../../shared/data/zcta/tl_2010_10_zcta510.zip');

describe('ProjectService.importFile', () => {
  it('imports a zipped shapefile into the open project, reporting progress and then "imported"', async () => {
    const file = path.join(tempDir(), 'p.gpkg');
    const service = new ProjectService(ProjectStore.open(file, { create: true }));
    const events: ApiEvent[] = [];
    service.onEvent((e) => events.push(e));

    const report = await service.handlers.importFile({ path: DELAWARE });
    expect(report).toMatchObject({ read: 68, written: 68, as: 'units' });
    expect(events.some((e) => e.name === 'importProgress')).toBe(true);
    expect(events.at(-1)).toEqual({ name: 'projectChanged', payload: { reason: 'imported', scenarioId: null } });

    const map = await service.handlers.getMapData({});
    expect(map.units).toHaveLength(68);
    expect(Object.keys((map.unitTopology.objects.units as { geometries: unknown[] }).geometries)).toHaveLength(68);
    service.close();
  });

  it('refuses a second import of units in plain words and leaves the project as it was', async () => {
    const file = path.join(tempDir(), 'p.gpkg');
    const service = new ProjectService(ProjectStore.open(file, { create: true }));
    await service.handlers.importFile({ path: DELAWARE });
    const before = fileHash(file);
    await expect(service.handlers.importFile({ path: DELAWARE })).rejects.toThrow(/already has 68 units.*--replace/);
    expect(fileHash(file)).toBe(before);
    service.close();
  });

  it('cancels a running import with a plain message and an unchanged project', async () => {
    const file = path.join(tempDir(), 'p.gpkg');
    const service = new ProjectService(ProjectStore.open(file, { create: true }));
    const before = fileHash(file);
    const running = service.handlers.importFile({ path: DELAWARE });
    expect(service.handlers.cancelImport({})).toEqual({ cancelled: true });
    await expect(running).rejects.toThrow('Import cancelled; the project was not changed.');
    expect(fileHash(file)).toBe(before);
    expect(service.handlers.cancelImport({})).toEqual({ cancelled: false });
    service.close();
  });
});
