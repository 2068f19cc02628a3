/**
 * Drive time behind the API contract and the quickest-rep scenario, on the small test town (real
 * project files, the real importer, worker threads, the real CLI in a child process): the
 * renderer's network matrix agrees with the plain rep x target matrix and is cached until the
 * roads change; drive-time areas refuse a point far from every road in plain words; "each unit to
 * the quickest rep" is saved as a new scenario with the unreachable unit reported, and bad input
 * leaves the project file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler } from '../../main/services/dispatch.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { importRoads } from '../../main/roads/import-roads.ts';
import { startRoadsJob } from '../../main/roads/roads-job.ts';
import type { DriveTimes, QuickestScenarioReport } from '../../shared/model/drive-time.ts';
import { tessera } from '../helpers/cli.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { LAT0, LON0, STEP, townFeatures, townProject } from './roads-town.ts';

const dir = tempDir('tessera-roads-app-');

function decode(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

async function townWithRoads(name: string, features = townFeatures()): Promise<string> {
  const file = townProject(path.join(dir, `${name}.gpkg`));
  const source = path.join(dir, `${name}.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  await importRoads(file, source);
  return file;
}

describe('drive time for the app', () => {
  it('ships the network matrix of the metrics targets, cached until the roads are re-imported', async () => {
    const file = await townWithRoads('matrix');
    // accounts at the unit centres: the metrics measure drive times to accounts when a project has them
    const setup = ProjectStore.open(file);
    setup.insertAccounts([
      { id: 'a-west', name: 'West shop', location: [LON0 + 1.5 * STEP, LAT0 + 1.5 * STEP], potential: 1, unitId: 'u-west' },
      { id: 'a-east', name: 'East shop', location: [LON0 + 4.5 * STEP, LAT0 + 4.5 * STEP], potential: 1, unitId: 'u-east' },
      { id: 'a-far', name: 'Far shop', location: [LON0 + 1, LAT0 + 1], potential: 1, unitId: 'u-far' },
    ]);
    setup.close();
    const service = new ProjectService(ProjectStore.open(file));
    try {
      const first = await callHandler(service.handlers, 'getDriveTimes', {});
      expect(first.ok).toBe(true);
      const times = (first as { value: DriveTimes }).value;
      if (times.source !== 'network') throw new Error(`expected network times, got ${JSON.stringify(times)}`);
      // the far account falls back to the estimate
      expect(times.targetKind).toBe('accounts');
      expect(times.targetCount).toBe(3);
      expect(times.repIds).toEqual(['west', 'east']);
      expect(times.fallbackTargets).toBe(1);
      expect(times.networkLabel).toMatch(/^Road network: /);
      const minutes = decode(times.minutesBase64);
      const plain = await startRoadsJob({ kind: 'matrix', projectFile: file }).result;
      // same reps, accounts at the unit centroids: the same minutes as the plain rep x unit matrix
      for (let k = 0; k < 6; k++) {
        if (Number.isNaN(plain.minutes[k]!)) expect(minutes[k]).toBeNaN();
        else expect(Math.abs(minutes[k]! - plain.minutes[k]!)).toBeLessThan(0.01);
      }

      const again = (await callHandler(service.handlers, 'getDriveTimes', {})) as { value: DriveTimes & { computeMs: number } };
      expect(again.value.computeMs).toBe(0);

      // re-import without the highway row: slower east-west trips, recomputed
      const source = path.join(dir, 'matrix-slow.geojson');
      fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: townFeatures().filter((f) => f.properties!.MTFCC !== 'S1100') }));
      await importRoads(file, source);
      const after = (await callHandler(service.handlers, 'getDriveTimes', {})) as { value: DriveTimes };
      if (after.value.source !== 'network') throw new Error('expected network times');
      const slower = decode(after.value.minutesBase64);
      expect(slower[1]).toBeGreaterThan(minutes[1]!); // west rep to the east block
    } finally {
      service.close();
    }
  }, 120_000);

  it('draws drive-time areas from a point, and refuses a point far from every road in plain words', async () => {
    const file = await townWithRoads('areas');
    const service = new ProjectService(ProjectStore.open(file));
    try {
      const ok = await callHandler(service.handlers, 'getDriveAreas', { lon: LON0 + 3 * STEP, lat: LAT0 + 3 * STEP, minutes: [2, 4] });
      expect(ok.ok).toBe(true);
      const areas = (ok as { value: { bands: { minutes: number; areaKm2: number }[] } }).value;
      expect(areas.bands.map((b) => b.minutes)).toEqual([2, 4]);
      expect(areas.bands[1]!.areaKm2).toBeGreaterThan(areas.bands[0]!.areaKm2);
      const far = await callHandler(service.handlers, 'getDriveAreas', { lon: LON0 + 1, lat: LAT0 + 1, minutes: [15] });
      expect(far).toEqual({ ok: false, error: { code: 'user', message: expect.stringMatching(/km from every road of the network.*estimate is used/) } });
      const bad = await callHandler(service.handlers, 'getDriveAreas', { lon: 500, lat: 0, minutes: [15] });
      expect(bad.ok).toBe(false);
      expect((bad as { error: { code: string } }).error.code).toBe('bad-request');
    } finally {
      service.close();
    }
    const plain = townProject(path.join(dir, 'no-roads.gpkg'));
    const noRoads = new ProjectService(ProjectStore.open(plain));
    try {
      expect(await callHandler(noRoads.handlers, 'getDriveTimes', {})).toEqual({ ok: true, value: { source: 'estimate', reason: expect.stringMatching(/has no road network/) } });
      const refused = await callHandler(noRoads.handlers, 'getDriveAreas', { lon: LON0, lat: LAT0, minutes: [15] });
      expect(refused).toEqual({ ok: false, error: { code: 'user', message: expect.stringMatching(/need a road network.*Import roads first/) } });
    } finally {
      noRoads.close();
    }
  }, 120_000);

  it('`tessera drive-time --assign-quickest` saves a new scenario, reports the unit the network cannot reach, and refuses bad input', async () => {
    const file = await townWithRoads('quickest');
    const run = tessera('drive-time', file, '--assign-quickest', '--scenario', 'By road', '--within', '3', '--json');
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as QuickestScenarioReport;
    expect(r.scenario.name).toBe('By road');
    expect(r.assignedUnits).toBe(3);
    expect(r.fallbackUnits).toEqual(['u-far']);
    const store = ProjectStore.open(file, { readonly: true });
    try {
      expect(store.activeScenario().id).toBe(r.scenario.id);
      const assignments = store.assignments(r.scenario.id);
      const repOf = new Map(store.territories(r.scenario.id).map((t) => [t.id, t.repId]));
      expect(repOf.get(assignments.get('u-west')!)).toBe('west');
      expect(repOf.get(assignments.get('u-east')!)).toBe('east');
    } finally {
      store.close();
    }
    expect(r.check.map((c) => c.repId).sort()).toEqual(['east', 'west']);
    expect(r.check.reduce((s, c) => s + c.unreachable, 0)).toBe(1); // u-far: no road answer for its rep

    // a taken name, and a project without roads: plain words, exit 1, the file unchanged
    const before = fileHash(file);
    const taken = tessera('drive-time', file, '--assign-quickest', '--scenario', 'By road');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/already has a scenario named "By road"/);
    expect(fileHash(file)).toBe(before);
    const plain = townProject(path.join(dir, 'quickest-no-roads.gpkg'));
    const plainHash = fileHash(plain);
    const none = tessera('drive-time', plain, '--assign-quickest');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/has no road network/);
    expect(fileHash(plain)).toBe(plainHash);
  }, 180_000);
});
