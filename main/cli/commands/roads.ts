/**
 * `tessera roads import|speeds`: bring a road network into a project, and show or edit the speed
 * per road class (editing rebuilds the routing graph from the stored lines).
 */
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { ROAD_CLASS_LABELS } from '../../../shared/routing/speeds.ts';
import { importRoads, rebuildRoadGraph, type RoadImportReport, type RoadNetworkSummary } from '../../roads/import-roads.ts';
import { SPEEDS_SETTING, speedTable } from '../../roads/road-store.ts';
import { ProjectStore } from '../../store/project-store.ts';
import type { CliCommand, CliIO } from '../command.ts';

const USAGE = [
  'tessera roads import <project.gpkg> <roads file> [--layer NAME] [--srs EPSG:NNNN] [--json]',
  'tessera roads speeds <project.gpkg> [--set CLASS=KMH ...] [--json]',
].join('\n  ');

export const roadsCommand: CliCommand = {
  name: 'roads',
  usage: USAGE,
  summary:
    'Import road lines (TIGER/Line or OpenStreetMap-derived shapefile, .zip, GeoJSON, GeoPackage, or an OpenStreetMap .osm.pbf extract) as the project road network for drive times, replacing any earlier one; show or change the speed per road class.',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'import') return runImport(rest, io);
    if (sub === 'speeds') return runSpeeds(rest, io);
    io.stderr(`Usage: ${USAGE}`);
    return 2;
  },
};

/** `tessera import <project> <roads> --as roads` dispatches here with the same arguments. */
export async function runImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { layer: { type: 'string' }, srs: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [project, source] = positionals;
  if (!project || !source || positionals.length > 2) {
    io.stderr(`Usage: ${USAGE}`);
    return 2;
  }
  const report = await importRoads(project, source, { layer: values.layer, srs: values.srs });
  io.stdout(values.json ? JSON.stringify(report, null, 2) : importText(report));
  return 0;
}

function importText(r: RoadImportReport): string {
  return [
    `Imported ${r.lines.toLocaleString('en-US')} road lines from ${r.layer} (${r.srs}) into ${r.project} in ${r.seconds.toFixed(1)} s.`,
    ...(r.skippedNotLines > 0 ? [`Skipped ${r.skippedNotLines} features that are not lines.`] : []),
    ...summaryText(r),
  ].join('\n');
}

function summaryText(r: RoadNetworkSummary): string[] {
  const notDriven = Object.entries(r.notDrivenByClass).sort((a, b) => b[1] - a[1]);
  return [
    `Routing graph: ${r.nodes.toLocaleString('en-US')} nodes, ${r.edges.toLocaleString('en-US')} directed edges, ${r.roadKm.toLocaleString('en-US')} km of road; ` +
      `${r.oneWayLines} one-way lines, ${r.linesWithMaxspeed} with a speed limit (used instead of the class speed).`,
    'Driven road classes (class speed where a line has no speed limit):',
    ...r.classes.map((c) => `  ${c.roadClass.padEnd(16)} ${String(c.lines).padStart(7)} lines  ${String(c.speedKmh).padStart(4)} km/h`),
    ...(notDriven.length > 0 ? [`Not driven (no speed in the table): ${notDriven.map(([c, n]) => `${c} ${n}`).join(', ')}.`] : []),
    ...r.warnings.map((w) => `Note: ${w}`),
  ];
}

async function runSpeeds(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { set: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
  });
  const [project] = positionals;
  if (!project || positionals.length > 1) {
    io.stderr(`Usage: ${USAGE}`);
    return 2;
  }
  const changes: Record<string, number> = {};
  for (const s of values.set ?? []) {
    const m = /^([A-Za-z0-9_:-]+)=(\d+(?:\.\d+)?)$/.exec(s.trim());
    if (!m || Number(m[2]) > 200) throw new UserError(`"--set ${s}" should look like CLASS=KMH, e.g. residential=30 or S1400=40 (0 = not driven, at most 200).`);
    changes[m[1]!] = Number(m[2]);
  }
  const store = ProjectStore.open(project, { readonly: Object.keys(changes).length === 0 });
  try {
    let summary: RoadNetworkSummary | null = null;
    if (Object.keys(changes).length > 0) {
      summary = store.transaction(() => {
        store.setSetting(SPEEDS_SETTING, { ...(store.getSetting<Record<string, number>>(SPEEDS_SETTING) ?? {}), ...changes });
        return rebuildRoadGraph(store);
      });
    }
    const table = speedTable(store);
    if (values.json) {
      io.stdout(JSON.stringify({ speedsKmh: table, rebuilt: summary }, null, 2));
      return 0;
    }
    io.stdout(
      [
        'Speed per road class, km/h (a line with a speed limit uses its limit; 0 or missing = not driven):',
        ...Object.entries(table).map(([c, v]) => `  ${c.padEnd(16)} ${String(v).padStart(4)}${ROAD_CLASS_LABELS[c] ? `  ${ROAD_CLASS_LABELS[c]}` : ''}`),
        ...(summary ? ['', 'Routing graph rebuilt.', ...summaryText(summary)] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    store.close();
  }
}
