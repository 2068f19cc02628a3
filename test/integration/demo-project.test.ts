/** The built-in demo project, judged by GDAL and by `tessera info --json`. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../shared/model/project.ts';
import { tessera } from '../helpers/cli.ts';
import { ogrFeatureCounts, validateGpkg } from '../helpers/gdal.ts';
import { tempDir } from '../helpers/temp.ts';

describe('tessera demo', () => {
  const file = path.join(tempDir(), 'demo.gpkg');

  it('writes a valid GeoPackage whose layers GDAL counts as info --json does', () => {
    const built = tessera('demo', file);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);

    const counts = ogrFeatureCounts(file);
    expect(counts).toMatchObject({ units: 3231, reps: 12, territories: 12 });
    expect(counts.accounts).toBeGreaterThan(5000);
    expect(validateGpkg(file)).not.toMatch(/error/i);

    const info = JSON.parse(tessera('info', file, '--json').stdout) as ProjectInfo;
    for (const layer of info.layers) expect(counts[layer.name]).toBe(layer.features);
    expect(info.layers.map((l) => l.kind)).toEqual(['units', 'accounts', 'reps', 'territories', 'roads']);
    expect(counts.roads).toBe(0);
    // Every stored territory outline is a valid polygon by GEOS, the judge QGIS and GDAL use.
    const invalid = execFileSync('ogrinfo', ['-q', file, '-dialect', 'sqlite', '-sql', 'SELECT territory_id FROM territories WHERE NOT ST_IsValid(geom)'], { encoding: 'utf8' });
    expect(invalid).not.toMatch(/territory_id \(String\) =/);

    // A plausible plan: every territory has a rep, units and accounts; only the Pacific islands are unassigned.
    expect(info.territories).toHaveLength(12);
    for (const t of info.territories) {
      expect(t.rep).toBeTruthy();
      expect(t.units).toBeGreaterThan(0);
      expect(t.accounts).toBeGreaterThan(0);
    }
    const assignedUnits = info.territories.reduce((s, t) => s + t.units, 0);
    expect(assignedUnits + info.unassigned.units).toBe(3231);
    expect(info.unassigned.units).toBe(8);
    expect(info.territories.find((t) => t.name === 'California')?.units).toBe(58 + 5);
  });

  it('refuses to overwrite an existing file and leaves it alone', () => {
    const again = tessera('demo', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(ogrFeatureCounts(file).units).toBe(3231);
  });
});

describe('tessera command line errors', () => {
  it('prints usage and exits 2 for an unknown command', () => {
    const result = tessera('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('explains a missing project file on stderr with exit code 1', () => {
    const result = tessera('info', '/nonexistent/place/p.gpkg', '--json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Project file "\/nonexistent\/place\/p.gpkg" does not exist/);
  });

  it('rejects an unknown option with exit code 2', () => {
    const result = tessera('info', 'x.gpkg', '--colour');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--colour'/);
  });
});
