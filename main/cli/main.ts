/**
 * Entry of the `tessera` command line. Each command lives in commands/<name>.ts; user errors are
 * printed in plain words on stderr with exit code 1, usage errors with exit code 2.
 */
import { isUserError } from '../../shared/errors.ts';
import type { CliCommand, CliIO } from './command.ts';
import { alignCommand } from './commands/align.ts';
import { demoCommand } from './commands/demo.ts';
import { driveTimeCommand } from './commands/drive-time.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { infoCommand } from './commands/info.ts';
import { roadsCommand } from './commands/roads.ts';
import { routeCommand } from './commands/route.ts';
import { metricsCommand } from './commands/metrics.ts';
import { serveCommand } from './commands/serve.ts';

const COMMANDS: CliCommand[] = [alignCommand, demoCommand, importCommand, driveTimeCommand, infoCommand, roadsCommand, metricsCommand, serveCommand, exportCommand, routeCommand];

const stdio: CliIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

function usage(): string {
  return ['Usage: tessera <command> [options]', '', ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`tessera: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`tessera ${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tessera ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    io.stderr(`tessera ${name}: internal error: ${(error as Error).stack ?? String(error)}`);
    return 70;
  }
}
