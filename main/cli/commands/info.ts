import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { projectInfo } from '../../services/project-info.ts';
import { ProjectStore } from '../../store/project-store.ts';
import type { CliCommand } from '../command.ts';

export const infoCommand: CliCommand = {
  name: 'info',
  usage: 'tessera info <project.gpkg> [--json]',
  summary: 'List the layers with feature counts and the territories of the active scenario.',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one project file. Usage: ${this.usage}`);
    const store = ProjectStore.open(file, { readonly: true });
    try {
      const info = projectInfo(store);
      if (values.json) {
        io.stdout(JSON.stringify(info, null, 2));
        return 0;
      }
      const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
      io.stdout(
        [
          `${info.file} (schema ${info.schemaVersion}), scenario "${info.scenario.name}"`,
          '',
          'Layers:',
          ...info.layers.map((l) => `  ${l.name.padEnd(12)} ${String(l.features).padStart(8)} features`),
          '',
          'Territories:',
          ...info.territories.map(
            (t) =>
              `  ${t.name.padEnd(24)} ${String(t.units).padStart(6)} units ${String(t.accounts).padStart(6)} accounts ` +
              `${money.format(t.potential).padStart(16)}  ${t.rep ?? '(no rep)'}`,
          ),
          `  ${'Unassigned'.padEnd(24)} ${String(info.unassigned.units).padStart(6)} units ${String(info.unassigned.accounts).padStart(6)} accounts`,
        ].join('\n'),
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
