/** `tessera drive-time`: isochrone polygons (GeoJSON) from a point over the project's road network. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { projectIsochrones, unitsWithinMinutesOfRep } from '../../roads/drive-time-service.ts';
import { saveQuickestRepScenario } from '../../roads/quickest-scenario.ts';
import { ProjectStore } from '../../store/project-store.ts';
import type { CliCommand, CliIO } from '../command.ts';

const USAGE = [
  'tessera drive-time <project.gpkg> (--from LON,LAT | --rep ID) --minutes 15,30,60 --out iso.geojson [--json]',
  'tessera drive-time <project.gpkg> --rep ID --within MINUTES [--json]',
  'tessera drive-time <project.gpkg> --assign-quickest [--scenario NAME] [--within MINUTES] [--json]',
].join('\n  ');

export const driveTimeCommand: CliCommand = {
  name: 'drive-time',
  usage: USAGE,
  summary:
    'Write drive-time polygons (areas reachable within each number of minutes) from a point or a rep home as GeoJSON, list the units within N minutes of a rep, ' +
    'or save the starting plan "each unit to the quickest rep" as a new scenario (with the within-N-minutes check, default 60), over the project road network.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args),
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        rep: { type: 'string' },
        within: { type: 'string' },
        minutes: { type: 'string', default: '15,30,60' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        'assign-quickest': { type: 'boolean', default: false },
        scenario: { type: 'string' },
      },
    });
    const [project] = positionals;
    if (values['assign-quickest']) {
      if (!project || positionals.length > 1 || values.from || values.rep || values.out) {
        io.stderr(`Usage: ${USAGE}`);
        return 2;
      }
      return assignQuickest(project, values.scenario, values.within, values.json ?? false, io);
    }
    if (!project || positionals.length > 1 || (!values.from && !values.rep) || (values.from && values.rep)) {
      io.stderr(`Usage: ${USAGE}`);
      return 2;
    }
    if (values.within !== undefined) {
      if (!values.rep) throw new UserError('--within needs --rep ID: the rep whose home the minutes are counted from.');
      return listWithin(project, values.rep, values.within, values.json ?? false, io);
    }
    if (!values.out) {
      io.stderr(`Usage: ${USAGE}`);
      return 2;
    }
    let lon = NaN;
    let lat = NaN;
    if (values.from) {
      const from = values.from.split(',').map((s) => Number(s.trim()));
      [lon = NaN, lat = NaN] = from;
      if (from.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        throw new UserError(`--from "${values.from}" is not a point: give longitude,latitude in degrees, e.g. --from -93.265,44.978.`);
      }
    }
    const minutes = values.minutes.split(',').map((s) => Number(s.trim()));
    if (minutes.some((m) => !(m > 0) || m > 24 * 60)) {
      throw new UserError(`--minutes "${values.minutes}" should be a list of minutes between 0 and 1440, e.g. 15,30,60.`);
    }
    const store = ProjectStore.open(project, { readonly: true });
    try {
      if (values.rep) {
        const rep = store.reps().find((r) => r.id === values.rep);
        if (!rep) throw new UserError(`Project "${store.name}" has no rep "${values.rep}".`);
        [lon, lat] = rep.location;
      }
      const { result, report } = projectIsochrones(store, lon, lat, minutes);
      const out = path.resolve(values.out);
      fs.writeFileSync(out, JSON.stringify(result.collection));
      if (values.json) {
        io.stdout(JSON.stringify({ ...report, out }, null, 2));
        return 0;
      }
      io.stdout(
        [
          `Drive-time polygons from ${lon}, ${lat} written to ${out}:`,
          ...report.bands.map((b) => `  within ${String(b.minutes).padStart(4)} min: ${b.areaKm2.toLocaleString('en-US')} km² (${b.polygons} polygon(s), ${b.holes} hole(s))`),
          `${report.reachedNodes.toLocaleString('en-US')} road nodes reached; search ${report.searchMs} ms, polygons ${report.polygonMs} ms.`,
          ...report.notes.map((n) => `Note: ${n}`),
        ].join('\n'),
      );
      return 0;
    } finally {
      store.close();
    }
  },
};

/** `--from -93.2,44.9`: a western longitude looks like an option to parseArgs; join it as `--from=-93.2,44.9`. */
function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (a === '--from' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--from=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function listWithin(project: string, repId: string, within: string, json: boolean, io: CliIO): number {
  const limit = Number(within);
  if (!(limit > 0) || limit > 24 * 60) throw new UserError(`--within "${within}" should be a number of minutes between 0 and 1440, e.g. 45.`);
  const store = ProjectStore.open(project, { readonly: true });
  try {
    const r = unitsWithinMinutesOfRep(store, repId, limit);
    if (json) {
      io.stdout(JSON.stringify(r, null, 2));
      return 0;
    }
    io.stdout(
      [
        `${r.within.length} units within ${limit} minutes of rep ${repId}'s home (road network):`,
        ...r.within.map((u) => `  ${u.unitId.padEnd(12)} ${String(u.minutes).padStart(6)} min  ${u.name}`),
        ...(r.noAnswer.length > 0 ? [`Note: ${r.noAnswer.length} units are far from any road; the network cannot say (the estimate is used for them): ${r.noAnswer.slice(0, 10).join(', ')}${r.noAnswer.length > 10 ? ', ...' : ''}.`] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    store.close();
  }
}

async function assignQuickest(project: string, name: string | undefined, within: string | undefined, json: boolean, io: CliIO): Promise<number> {
  const limit = within === undefined ? 60 : Number(within);
  if (!(limit > 0) || limit > 24 * 60) throw new UserError(`--within "${within}" should be a number of minutes between 0 and 1440, e.g. 45.`);
  if (!fs.existsSync(project)) throw new UserError(`Project file "${project}" does not exist.`);
  const r = await saveQuickestRepScenario(project, { name, limitMinutes: limit });
  if (json) {
    io.stdout(JSON.stringify(r, null, 2));
    return 0;
  }
  const lines = [
    `Saved scenario "${r.scenario.name}" (${r.scenario.id}): ${r.assignedUnits} units in ${r.territories} territories, each unit with the rep quickest to reach it over the road network; it is now active.`,
    `Within ${r.limitMinutes} minutes of the rep:`,
    ...r.check.map((c) => `  ${c.name.slice(0, 28).padEnd(28)} ${String(c.units).padStart(6)} units, ${String(c.beyond).padStart(5)} beyond${c.unreachable ? `, ${c.unreachable} not reachable by road` : ''}; longest ${c.worstMinutes} min`),
  ];
  if (r.fallbackUnits.length > 0) {
    lines.push(`Note: the network cannot reach ${r.fallbackUnits.length} units from any rep (far from roads or on a network island); they were assigned by the straight-line estimate: ${r.fallbackUnits.slice(0, 10).join(', ')}${r.fallbackUnits.length > 10 ? ', ...' : ''}.`);
  }
  if (r.farReps.length > 0) lines.push(`Note: the homes of reps ${r.farReps.join(', ')} are far from every road; their units were assigned by the estimate.`);
  io.stdout(lines.join('\n'));
  return 0;
}
