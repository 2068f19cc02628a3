/** `tessera metrics` takes drive times from the project's road network once it has one. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRoads } from '../../main/roads/import-roads.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import type { MetricsReport } from '../../shared/metrics/types.ts';
import { tessera } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { townFeatures, townProject } from './roads-town.ts';

function metrics(file: string): MetricsReport {
  const run = tessera('metrics', file, '--json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as MetricsReport;
}

describe('drive-time source of the metrics', () => {
  it('uses the estimate without roads, then network times with the estimate only where the network cannot answer', async () => {
    const dir = tempDir();
    const file = townProject(path.join(dir, 'town.gpkg'));
    const store = ProjectStore.open(file);
    store.transaction(() => {
      store.createScenario({ id: 'S1', name: 'Plan' });
      store.upsertTerritory('S1', { id: 'W', name: 'West', color: '#4e79a7', repId: 'west', locked: false });
      store.upsertTerritory('S1', { id: 'E', name: 'East', color: '#f28e2b', repId: 'east', locked: false });
      store.assign('S1', ['u-west', 'u-far'], 'W');
      store.assign('S1', ['u-east'], 'E');
      // One account at the centre of each unit, so drive figures have weights.
      store.insertAccounts(
        (['u-west', 'u-east', 'u-far'] as const).map((unitId) => {
          const env = store.db.prepare('SELECT minx, maxx, miny, maxy FROM rtree_units_geom r JOIN units u ON u.fid = r.id WHERE u.unit_id = ?').get(unitId) as { minx: number; maxx: number; miny: number; maxy: number };
          return { id: `a-${unitId}`, name: unitId, location: [(env.minx + env.maxx) / 2, (env.miny + env.maxy) / 2] as [number, number], potential: 1000, unitId };
        }),
      );
    });
    store.close();

    const estimated = metrics(file);
    expect(estimated.plan.driveTimeProvider).not.toMatch(/Road network/);

    const roads = path.join(dir, 'town.geojson');
    fs.writeFileSync(roads, JSON.stringify({ type: 'FeatureCollection', features: townFeatures() }));
    await importRoads(file, roads);
    const routed = metrics(file);
    expect(routed.plan.driveTimeProvider).toMatch(/^Road network: .*; where the network cannot answer: /);

    const east = routed.territories.find((t) => t.id === 'E')!;
    const west = routed.territories.find((t) => t.id === 'W')!;
    // A block a few streets from the rep: minutes, and not the estimate's figure.
    expect(east.driveMin.max).toBeGreaterThan(0);
    expect(east.driveMin.max).toBeLessThan(15);
    expect(east.driveMin.max).not.toBeCloseTo(estimated.territories.find((t) => t.id === 'E')!.driveMin.max!, 3);
    // u-far is ~140 km from any road: the estimate answers for it, so the maximum stays finite.
    expect(west.driveMin.unreachable).toBe(0);
    expect(Number.isFinite(west.driveMin.max)).toBe(true);
    expect(west.driveMin.max).toBeGreaterThan(60);
  }, 120_000);
});
