import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { routeCsv } from '../../route/route-batch.ts';
import { Router, type RouteAnswer } from '../../route/router.ts';
import { ProjectStore } from '../../store/project-store.ts';
import type { CliCommand } from '../command.ts';

/** Exit code when the lookup worked but found no territory (unknown ZIP, unassigned unit, no unit). */
export const EXIT_NOT_ROUTED = 3;

export const routeCommand: CliCommand = {
  name: 'route',
  usage:
    'tessera route <project.gpkg> (--zip 02903 | --at LON,LAT | --csv leads.csv --out routed.csv) [--scenario NAME] [--json]',
  summary:
    'Territory and rep for a lead by ZIP (ZIP+4 and lost leading zeros accepted; ZIPs without a polygon go through the ' +
    'bundled Census ZIP points, flagged) or by point; --csv routes a file of leads (zip or lat/lon columns) into --out. ' +
    `Exit code ${EXIT_NOT_ROUTED} when no territory was found.`,
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args: joinNegativeValues(args),
      allowPositionals: true,
      options: {
        zip: { type: 'string' },
        at: { type: 'string' },
        csv: { type: 'string' },
        out: { type: 'string' },
        scenario: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one project file. Usage: ${this.usage}`);
    const modes = [values.zip, values.at, values.csv].filter((v) => v !== undefined).length;
    if (modes !== 1) throw new UserError(`give one of --zip, --at or --csv. Usage: ${this.usage}`);
    if (values.csv !== undefined && !values.out) throw new UserError('--csv needs --out: the routed CSV to write.');
    const store = ProjectStore.open(file, { readonly: true });
    try {
      if (values.csv !== undefined) {
        const result = await routeCsv(store, values.csv, values.out!, { scenario: values.scenario });
        if (values.json) io.stdout(JSON.stringify(result, null, 2));
        else {
          const by = result.columns.lat ? `${result.columns.lat}/${result.columns.lon}` : '';
          const cols = [by, result.columns.zip ?? ''].filter(Boolean).join(', then ');
          io.stdout(
            `Wrote ${result.file}: ${result.routed} of ${result.rows} leads routed (by ${cols}); ` +
              Object.entries(result.matchedBy)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ') +
              '.',
          );
        }
        return 0;
      }
      const router = new Router(store, values.scenario);
      const answer = values.zip !== undefined ? router.routeZip(values.zip) : router.routeAt(...parseAt(values.at!));
      io.stdout(values.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
      return answer.territory ? 0 : EXIT_NOT_ROUTED;
    } finally {
      store.close();
    }
  },
};

/** `--at -71.4,41.8`: a value starting with a minus sign would read as an option, so bind it to --at. */
function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i] === '--at' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--at=${next}`);
      i++;
    } else out.push(args[i]!);
  }
  return out;
}

function parseAt(text: string): [number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new UserError(`--at must be LON,LAT in degrees, e.g. --at -71.41,41.82 (not "${text}").`);
  return [parts[0]!, parts[1]!];
}

function formatAnswer(a: RouteAnswer): string {
  const what = a.zip ? `ZIP ${a.zip}` : a.location ? `${a.location[0]},${a.location[1]}` : String(a.query.zip ?? a.query.at);
  const lines = a.territory
    ? [`${what} -> ${a.territory.name} (${a.territory.id}), rep ${a.rep ? `${a.rep.name} (${a.rep.id})` : 'none'}`]
    : [`${what}: no territory.`];
  if (a.unit) lines.push(`  unit: ${a.unit.name} (${a.unit.id}); matched by ${a.matchedBy}${a.distanceKm !== undefined ? `, ${a.distanceKm} km away` : ''}`);
  if (a.note) lines.push(`  ${a.note}`);
  return lines.join('\n');
}
