/**
 * The Export… dialog names main's progress stages in words: every stage a real export of each
 * kind reports (file writers, the shapefile zip, the drawn formats) gets a label without format
 * ids such as "gpkg" or "pptx".
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../main/export/export-project.ts';
import { exportStageLabel } from '../../renderer/src/export/export-formats.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';

let demo: string;

beforeAll(async () => {
  demo = await demoProject();
}, 120_000);

describe('export progress in words', () => {
  it('labels every stage of real exports plainly', async () => {
    const stages = new Set<string>();
    const dir = tempDir();
    for (const [format, file] of [['gpkg', 'plan.gpkg'], ['shp', 'plan.zip'], ['csv', 'plan.csv'], ['svg', 'plan.svg']] as const) {
      await exportProject({ project: demo, format, out: path.join(dir, file), progress: (p) => stages.add(p.stage) });
    }
    expect(stages.size).toBeGreaterThan(5);
    for (const stage of stages) {
      const label = exportStageLabel(stage);
      expect(label, stage).not.toMatch(/^(gpkg|shapefile|geojson|kml|csv|xlsx|svg|pdf|pptx|zip)\b/);
      expect(label, stage).toMatch(/^(writing|drawing|zipping|collecting|done)\b/);
    }
    expect(exportStageLabel('pptx slides')).toBe('drawing slides');
    expect(exportStageLabel('gpkg accounts')).toBe('writing accounts');
    expect(exportStageLabel('rendering map tiles')).toBe('rendering map tiles');
  }, 120_000);
});
