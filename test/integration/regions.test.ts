/** Regions in a real demo project file: edits persist, undo/redo from the stored history, stale edits refused, duplicates keep them. */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { duplicateScenario } from '../../main/store/scenario-store.ts';
import { regions } from '../../main/store/regions.ts';
import { ExportSource } from '../../main/export/layers.ts';
import { applyOps, type PlanState } from '../../shared/edit/edit-ops.ts';
import { createRegion, deleteRegion, setTerritoryRegion } from '../../shared/edit/region-commands.ts';
import type { MapData } from '../../shared/model/project.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';

function planOf(data: MapData): PlanState {
  return {
    assignments: new Map(Object.entries(data.assignments)),
    territories: new Map(data.territories.map((t) => [t.id, t])),
    regions: new Map((data.regions ?? []).map((r) => [r.id, r])),
  };
}

describe('regions in the project file', () => {
  it('creates a region, assigns territories, undoes and redoes across a reopen; a duplicate keeps them', async () => {
    const file = await demoCopy();
    let service = new ProjectService(ProjectStore.open(file));
    const data = service.handlers.getMapData({}) as MapData;
    expect(data.regions).toEqual([]);
    const plan = planOf(data);
    const scenarioId = data.scenario.id;
    const create = createRegion(plan, { id: 'R1', name: 'West', color: '#0072b2', manager: 'Ana Ruiz' });
    await service.handlers.applyEdit({ scenarioId, edit: create });
    applyOps(plan, create.ops);
    const ids = [...plan.territories.keys()].slice(0, 3);
    const move = setTerritoryRegion(plan, ids, 'R1')!;
    await service.handlers.applyEdit({ scenarioId, edit: move });
    applyOps(plan, move.ops);
    service.close();

    service = new ProjectService(ProjectStore.open(file));
    let after = service.handlers.getMapData({}) as MapData;
    expect(after.regions).toEqual([{ id: 'R1', name: 'West', color: '#0072b2', manager: 'Ana Ruiz' }]);
    expect(after.territories.filter((t) => t.regionId === 'R1').map((t) => t.id)).toEqual(ids);

    // a region still holding territories cannot be deleted by a bare op; the file stays unchanged
    service.close();
    const hash = fileHash(file);
    service = new ProjectService(ProjectStore.open(file));
    await expect(
      async () => service.handlers.applyEdit({ scenarioId, edit: { label: 'x', ops: [{ op: 'region', before: after.regions![0]!, after: null }] } }),
    ).rejects.toThrow('Region "West" still has territories; take them out of it before deleting it.');
    service.close();
    expect(fileHash(file)).toBe(hash);

    service = new ProjectService(ProjectStore.open(file));
    const del = deleteRegion(plan, 'R1');
    await service.handlers.applyEdit({ scenarioId, edit: del });
    after = service.handlers.getMapData({}) as MapData;
    expect(after.regions).toEqual([]);
    expect(after.territories.every((t) => t.regionId === null)).toBe(true);
    const undone = await service.handlers.undo({ scenarioId });
    expect(undone.label).toBe('Delete region West');
    after = service.handlers.getMapData({}) as MapData;
    expect(after.regions!.map((r) => r.name)).toEqual(['West']);
    expect(after.territories.filter((t) => t.regionId === 'R1').map((t) => t.id)).toEqual(ids);
    service.close();

    const store = ProjectStore.open(file);
    const copy = duplicateScenario(store, scenarioId, 'With regions');
    expect(regions(store, copy.id)).toEqual(regions(store, scenarioId));
    expect(store.territories(copy.id).filter((t) => t.regionId === 'R1').map((t) => t.id)).toEqual(ids);

    // exports: a region column in the territories layer and the metrics table
    const source = new ExportSource(store, scenarioId);
    for (const what of ['territories', 'metrics'] as const) {
      const layer = source.layer(what);
      const at = layer.columns.findIndex((c) => c.name === 'region');
      expect(at).toBeGreaterThan(0);
      const byTerritory = new Map(layer.rows.map((r) => [r.values[0], r.values[at]]));
      expect(ids.map((id) => byTerritory.get(id))).toEqual(['West', 'West', 'West']);
      expect([...byTerritory].filter(([id]) => !ids.includes(id as string)).every(([, region]) => region === null)).toBe(true);
    }
    store.close();
  });

  it('refuses to put a territory in a region that does not exist, changing nothing', async () => {
    const file = await demoCopy();
    const service = new ProjectService(ProjectStore.open(file));
    const data = service.handlers.getMapData({}) as MapData;
    const t = data.territories[0]!;
    await expect(
      async () => service.handlers.applyEdit({ scenarioId: data.scenario.id, edit: { label: 'x', ops: [{ op: 'territory', before: t, after: { ...t, regionId: 'R9' } }] } }),
    ).rejects.toThrow('Region "R9" does not exist in this plan; reload the plan and try again.');
    expect((service.handlers.getMapData({}) as MapData).territories[0]).toEqual(t);
    service.close();
  });
});
