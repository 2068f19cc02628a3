import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { createMetricsEngine } from '../../../shared/metrics/index.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { defaultMetricsOptions, driveProviderFor, loadMetricsInput } from '../../services/metrics-input.ts';
import { ProjectStore } from '../../store/project-store.ts';
import { parseBalanceOption } from '../balance-option.ts';
import type { CliCommand } from '../command.ts';

export const metricsCommand: CliCommand = {
  name: 'metrics',
  usage: 'tessera metrics <project.gpkg> [--balance FIELD[:WEIGHT][,FIELD...]] [--near-km N] [--within-min N] [--json]',
  summary:
    'Balance (deviation from the mean), compactness, contiguity and estimated drive times of each territory of the active ' +
    'scenario. Fields: any numeric unit field, or units, accounts, potential.',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        balance: { type: 'string' },
        'near-km': { type: 'string' },
        'within-min': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one project file. Usage: ${this.usage}`);
    const store = ProjectStore.open(file, { readonly: true });
    let report: MetricsReport;
    try {
      const input = loadMetricsInput(store);
      const options = defaultMetricsOptions(input.fields);
      const withinMin = numberOption(values['within-min'], '--within-min');
      report = createMetricsEngine(input, {
        ...options,
        balance: values.balance === undefined ? undefined : parseBalanceOption(values.balance),
        nearKm: numberOption(values['near-km'], '--near-km'),
        drive: withinMin === undefined ? undefined : { withinMin },
        driveProvider: driveProviderFor(store, options.drive),
      }).report();
    } finally {
      store.close();
    }
    io.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  },
};

function numberOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new UserError(`${name} must be a number >= 0, not "${text}".`);
  return n;
}

function formatReport(report: MetricsReport): string {
  const fields = report.plan.balanceFields.map((b) => b.field);
  const num = (v: number | null, digits = 0) => (v === null ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);
  const header = [
    'Territory'.padEnd(22),
    ...fields.map((f) => `${f} (dev)`.padStart(24)),
    'pieces'.padStart(7),
    'P-P'.padStart(5),
    'drive mean/p90/max min'.padStart(24),
  ].join(' ');
  const rows = report.territories.map((t) =>
    [
      t.name.slice(0, 22).padEnd(22),
      ...fields.map((f) => `${num(t.totals[f] ?? null)} (${pct(t.deviationPct[f])})`.padStart(24)),
      String(t.pieces).padStart(7),
      (t.polsbyPopper === null ? '-' : t.polsbyPopper.toFixed(2)).padStart(5),
      `${num(t.driveMin.mean)}/${num(t.driveMin.p90)}/${num(t.driveMin.max)}`.padStart(24),
    ].join(' '),
  );
  const plan = report.plan;
  return [
    header,
    ...rows,
    '',
    ...fields.map((f) => {
      const s = plan.balance[f]!;
      return (
        `${f}: max |deviation| ${s.maxAbsDeviationPct.toFixed(1)}%, range/mean ${s.rangeOverMean.toFixed(2)}, ` +
        `max/min ${Number.isFinite(s.maxOverMin) ? s.maxOverMin.toFixed(2) : 'inf'}, CV ${s.coefficientOfVariation.toFixed(3)}, Gini ${s.gini.toFixed(3)}`
      );
    }),
    `Unassigned: ${plan.unassigned.units} units, ${plan.unassigned.accounts} accounts. ` +
      `Non-contiguous territories: ${plan.nonContiguousTerritories}.`,
    `Drive times: ${plan.driveTimeProvider}.`,
  ].join('\n');
}
