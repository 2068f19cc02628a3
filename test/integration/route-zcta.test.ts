/**
 * Lead routing on a project whose units are real ZIP (ZCTA) polygons: Rhode Island. A ZIP that is a
 * unit matches its polygon exactly; ZIPs outside the state go to the nearest unit within 50 km
 * through their Census point (flagged), or get no answer farther away; scenarios are honoured.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Router } from '../../main/route/router.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { buildRiProject, RI_GEOJSON } from '../fixtures/export-ri-project.ts';
import { tessera } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let file: string;
let territoryOf: Map<string, string>;
let store: ProjectStore;

beforeAll(() => {
  file = path.join(tempDir(), 'ri.gpkg');
  territoryOf = buildRiProject(file);
  store = ProjectStore.open(file, { readonly: true });
});

afterAll(() => store?.close());

describe('routing on Rhode Island ZIP polygons', () => {
  it('every ZIP of the project matches its own polygon and territory exactly', () => {
    const router = new Router(store);
    for (const [zip, territory] of territoryOf) {
      const a = router.routeZip(zip);
      expect(a, zip).toMatchObject({ unit: { id: zip }, territory: { id: territory }, matchedBy: 'zip-polygon', approximate: false });
      expect(a.note).toBeUndefined();
    }
    expect(router.routeZip('2903-0001')).toMatchObject({ unit: { id: '02903' }, rep: { id: 'R1', name: 'Ana Ferreira' } });
  });

  it("a point lands in the ZIP polygon whose Census internal point it is", () => {
    const router = new Router(store);
    const source = JSON.parse(fs.readFileSync(RI_GEOJSON, 'utf8')) as GeoJSON.FeatureCollection;
    for (const f of source.features) {
      const p = f.properties as { ZCTA5CE10: string; INTPTLAT10: string; INTPTLON10: string };
      const a = router.routeAt(Number(p.INTPTLON10), Number(p.INTPTLAT10));
      expect(a.unit?.id, p.ZCTA5CE10).toBe(p.ZCTA5CE10);
      expect(a.matchedBy).toBe('point');
    }
  });

  it('ZIPs outside the state: nearest unit within 50 km (flagged), none farther', () => {
    const router = new Router(store);
    const taunton = router.routeZip('02780'); // Taunton, MA: about 18 km from the RI line
    expect(taunton).toMatchObject({ matchedBy: 'zip-point-nearest', approximate: true, territory: { id: 'RST' } });
    expect(taunton.distanceKm).toBeGreaterThan(5);
    expect(taunton.distanceKm).toBeLessThan(50);
    expect(router.routeZip('10001')).toMatchObject({ matchedBy: 'none', territory: null, unit: null, note: expect.stringMatching(/nothing within 50 km/) });
  });

  it('--scenario routes through another plan, by name or id', () => {
    expect(new Router(store, 'All to Ana').routeZip('02818')).toMatchObject({ territory: { id: 'ALL', name: 'Statewide' } });
    expect(new Router(store, 'S2').routeZip('02818').territory?.id).toBe('ALL');
    expect(() => new Router(store, 'nope')).toThrow(/Scenario "nope" does not exist .* "Base plan" \(S1\), "All to Ana" \(S2\)/);
    const cli = tessera('route', file, '--zip', '02818', '--scenario', 'All to Ana', '--json');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ territory: { id: 'ALL', name: 'Statewide' }, rep: { id: 'R1' }, unit: { id: '02818' }, matchedBy: 'zip-polygon' });
  });
});
