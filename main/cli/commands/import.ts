/** `tessera import`: bring boundaries (units) or accounts into a project, in a worker thread. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { startImport } from '../../import/import-job.ts';
import type { ImportProgress, ImportReport } from '../../import/types.ts';
import type { CliCommand } from '../command.ts';

const USAGE =
  'tessera import <project.gpkg> <source> [--as units|accounts|roads] [--layer NAME] [--id FIELD] [--name FIELD] [--srs EPSG:NNNN] [--replace] [--json]';

export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  summary:
    'Import boundaries (shapefile, .zip, folder, GeoJSON, GeoPackage, KML) as units, or a CSV/TSV of accounts, into a project (created if missing).',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        layer: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        srs: { type: 'string' },
        replace: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    const [project, source] = positionals;
    if (!project || !source || positionals.length > 2) {
      io.stderr(`Usage: ${USAGE}`);
      return 2;
    }
    if (values.as === 'roads') {
      const passOn = [project, source, ...(values.layer ? ['--layer', values.layer] : []), ...(values.srs ? ['--srs', values.srs] : [])];
      // Loaded only here: the road importer (OSM PBF reader, routing graph) is not needed for units.
      const { runImport: importRoads } = await import('./roads.ts');
      return importRoads(values.json ? [...passOn, '--json'] : passOn, io);
    }
    if (values.as !== undefined && values.as !== 'units' && values.as !== 'accounts') {
      throw new UserError(`--as must be "units", "accounts" or "roads", not "${values.as}".`);
    }
    let lastLine = '';
    const job = startImport(
      project,
      source,
      {
        as: values.as as 'units' | 'accounts' | undefined,
        layer: values.layer,
        idField: values.id,
        nameField: values.name,
        srs: values.srs,
        replace: values.replace,
      },
      values.json
        ? undefined
        : (p: ImportProgress) => {
            const line = `${p.percent.toFixed(0).padStart(3)}% ${p.stage}: ${p.message}${p.featuresPerSecond ? ` (${p.featuresPerSecond} features/s)` : ''}`;
            if (line !== lastLine) io.stderr(line);
            lastLine = line;
          },
    );
    const onSigint = () => job.cancel();
    process.once('SIGINT', onSigint);
    let report: ImportReport;
    try {
      report = await job.result;
    } catch (error) {
      if ((error as Error).name === 'ImportCancelled') {
        io.stderr(`tessera import: ${(error as Error).message}`);
        return 130;
      }
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (values.json) io.stdout(JSON.stringify(report, null, 2));
    else io.stdout(summary(report));
    return 0;
  },
};

function summary(r: ImportReport): string {
  const lines = [
    `Imported ${r.written} ${r.as} from ${path.basename(r.source)} (layer ${r.layer}) into ${path.basename(r.project)} in ${r.seconds.toFixed(1)} s.`,
    `  read ${r.read}, written ${r.written}, skipped ${r.skipped.length}, repaired ${r.repaired.length}${r.merged ? `, merged ${r.merged}` : ''}`,
    `  coordinate system ${r.srs}; text encoding ${r.encoding}`,
  ];
  if (r.bbox) lines.push(`  extent ${r.bbox.map((v) => v.toFixed(5)).join(', ')} (lon/lat)`);
  if (r.idField) lines.push(`  id field ${r.idField}${r.nameField ? `, name field ${r.nameField}` : ''}`);
  if (r.metrics.length) lines.push(`  metrics: ${r.metrics.join(', ')}`);
  for (const s of r.skipped.slice(0, 10)) lines.push(`  skipped #${s.index}${s.id ? ` (${s.id})` : ''}: ${s.reason}`);
  if (r.skipped.length > 10) lines.push(`  … and ${r.skipped.length - 10} more skipped (use --json for all)`);
  if (r.unmatched?.length) lines.push(`  ${r.unmatched.length} accounts lie in no unit`);
  if (r.unknownZips?.length) lines.push(`  unknown ZIPs: ${r.unknownZips.slice(0, 20).join(', ')}${r.unknownZips.length > 20 ? ', …' : ''}`);
  if (r.createdScenario) lines.push('  created the plan "Plan 1"');
  return lines.join('\n');
}
