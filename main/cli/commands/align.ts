import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { alignProject } from '../../services/align-service.ts';
import type { AlignRequest } from '../../services/align-types.ts';
import { parseBalanceOption } from '../balance-option.ts';
import type { CliCommand } from '../command.ts';

export const alignCommand: CliCommand = {
  name: 'align',
  usage:
    'tessera align <project.gpkg> (--territories N | --reps) --balance FIELD[:WEIGHT],... [--tolerance 0.02] [--rebalance] ' +
    '[--max-moved 5%] [--seed S] [--name NAME] [--lock-territories ID,...] [--lock-units ID,...] [--json]',
  summary:
    'Build balanced, contiguous, compact territories (or rebalance the active plan moving as few units as possible) and ' +
    'save them as a new active scenario. Fields: any numeric unit field, or units, accounts, potential.',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        territories: { type: 'string' },
        reps: { type: 'boolean' },
        balance: { type: 'string' },
        tolerance: { type: 'string' },
        rebalance: { type: 'boolean' },
        'max-moved': { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string' },
        'lock-territories': { type: 'string' },
        'lock-units': { type: 'string' },
        'max-sweeps': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one project file. Usage: ${this.usage}`);
    const rebalance = values.rebalance === true;
    if (!rebalance && (values.territories === undefined) === (values.reps !== true)) {
      throw new UserError('give either --territories N or --reps (or --rebalance to rebalance the active plan).');
    }
    if (values.balance === undefined) throw new UserError('--balance is required, e.g. --balance potential:0.7,accounts:0.3.');
    const territories = values.territories === undefined ? undefined : Number(values.territories);
    if (territories !== undefined && !(Number.isInteger(territories) && territories >= 1)) {
      throw new UserError(`--territories must be a whole number >= 1, not "${values.territories}".`);
    }
    const tolerance = parseShare(values.tolerance ?? '0.02', '--tolerance');
    if (values['max-moved'] !== undefined && !rebalance) {
      throw new UserError('--max-moved limits the units a rebalance may move: add --rebalance.');
    }
    const maxMoved = values['max-moved'] === undefined ? undefined : parseShare(values['max-moved'], '--max-moved', true);
    const maxSweeps = values['max-sweeps'] === undefined ? undefined : Number(values['max-sweeps']);
    if (maxSweeps !== undefined && !(Number.isInteger(maxSweeps) && maxSweeps >= 0)) {
      throw new UserError(`--max-sweeps must be a whole number >= 0, not "${values['max-sweeps']}".`);
    }
    const request: AlignRequest = {
      projectFile: file,
      mode: rebalance ? 'rebalance' : 'generate',
      territories,
      useReps: values.reps === true,
      balance: parseBalanceOption(values.balance),
      tolerance,
      seed: values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed,
      lockTerritories: list(values['lock-territories']),
      lockUnits: list(values['lock-units']),
      maxSweeps,
    };
    const started = performance.now();
    const { scenario, outcome } = await alignProject(request, { name: values.name, maxMovedPct: maxMoved === undefined ? undefined : maxMoved * 100 });
    const seconds = (performance.now() - started) / 1000;
    const s = outcome.stats;
    const report = {
      scenario,
      mode: request.mode,
      territories: outcome.territories.length,
      tolerancePct: tolerance * 100,
      withinTolerance: s.withinTolerance,
      maxAbsDeviationPct: round(s.maxAbsDeviationPct),
      lowerBoundPct: round(s.lowerBoundPct),
      maxAbsDeviationPctUnforced: round(s.maxAbsDeviationPctUnforced),
      lowerBoundUnforcedPct: round(s.lowerBoundUnforcedPct),
      forcedTerritories: s.forcedTerritories,
      componentBoundPct: round(s.componentBoundPct),
      pieces: s.pieces,
      forcedPieces: s.forcedPieces,
      attachedIslandGroups: s.attachedComponents,
      unitsMoved: s.unitsMoved,
      disruptionNote: s.disruptionNote,
      movedValue: s.movedValue,
      compactness: outcome.quality,
      driveTimeMin: outcome.quality.driveMin,
      seconds: Math.round(seconds * 1000) / 1000,
      optimizerSeconds: Math.round(outcome.seconds * 1000) / 1000,
      sweeps: s.sweeps,
      moves: s.moves,
      timedOut: s.timedOut,
    };
    io.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report, outcome.stats.targets));
    return 0;
  },
};

/** A fraction (0.02) or a percentage (2%) above 0 and below 1 (up to 1 with `upToWhole`). */
function parseShare(text: string, flag: string, upToWhole = false): number {
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (!(n > 0 && (upToWhole ? n <= 1 : n < 1))) {
    throw new UserError(`${flag} must be a fraction between 0 and 1 (0.02) or a percentage (2%), not "${text}".`);
  }
  return n;
}

function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);
}

function round(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v * 10000) / 10000]));
}

function formatReport(
  r: {
    scenario: { id: string; name: string };
    territories: number;
    maxAbsDeviationPct: Record<string, number>;
    lowerBoundPct: Record<string, number>;
    maxAbsDeviationPctUnforced: Record<string, number>;
    pieces: Record<string, number>;
    forcedPieces: Record<string, number>;
    unitsMoved: number;
    disruptionNote: string | null;
    seconds: number;
    withinTolerance: boolean;
  },
  targets: Record<string, number>,
): string {
  const extra = Object.keys(r.pieces).filter((id) => r.pieces[id]! > r.forcedPieces[id]!).length;
  return [
    `Saved scenario "${r.scenario.name}" (${r.scenario.id}) with ${r.territories} territories; it is now active.`,
    ...Object.keys(r.maxAbsDeviationPct).map(
      (f) =>
        `${f}: target ${Math.round(targets[f]!).toLocaleString('en-US')} per territory, max |deviation| ${r.maxAbsDeviationPct[f]!.toFixed(2)}% ` +
        `(lower bound ${r.lowerBoundPct[f]!.toFixed(2)}%; ${r.maxAbsDeviationPctUnforced[f]!.toFixed(2)}% without territories forced by one big unit)`,
    ),
    `Contiguity: ${extra === 0 ? 'every territory is in as few pieces as the geography allows' : `${extra} territories have avoidable extra pieces`}.`,
    `Units moved: ${r.unitsMoved}. ${r.withinTolerance ? 'Within tolerance (or the lower bound).' : 'Not within tolerance everywhere.'} ${r.seconds.toFixed(1)} s.`,
    ...(r.disruptionNote ? [r.disruptionNote] : []),
  ].join('\n');
}
