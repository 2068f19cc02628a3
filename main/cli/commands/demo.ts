import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { buildDemoProject } from '../../demo/build-demo.ts';
import type { CliCommand } from '../command.ts';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'tessera demo <file.gpkg> [--force]',
  summary: 'Write the built-in demo project (3,231 US counties, ZIP accounts, 12 reps and territories).',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one output file. Usage: ${this.usage}`);
    await buildDemoProject(file, { overwrite: values.force ?? false });
    io.stdout(`Wrote the demo project to ${file}`);
    return 0;
  },
};
