/**
 * Entry of the `tessera` command line. Each command lives in commands/<name>.ts; user errors are
 * printed in plain words on stderr with exit code 1, usage errors with exit code 2.
 */
import { isUserError } from '../../shared/errors.ts';
import type { CliCommand, CliIO } from './command.ts';

/**
 * Each command module is loaded only when it runs: the export commands pull in Chromium
 * (playwright-core), pdfkit/fontkit and the deck writer, the server its host. Loading them all
 * cost every command ~1 s of CPU and ~190 MB of RSS before it started, and a broken module
 * in one command broke all of them. `--help` (and an unknown command) loads every one for its
 * usage line.
 */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  align: async () => (await import('./commands/align.ts')).alignCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  'drive-time': async () => (await import('./commands/drive-time.ts')).driveTimeCommand,
  info: async () => (await import('./commands/info.ts')).infoCommand,
  roads: async () => (await import('./commands/roads.ts')).roadsCommand,
  metrics: async () => (await import('./commands/metrics.ts')).metricsCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  route: async () => (await import('./commands/route.ts')).routeCommand,
};

const stdio: CliIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return ['Usage: tessera <command> [options]', '', ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await usage());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`tessera: unknown command "${name}".\n\n${await usage()}`);
    return 2;
  }
  let command: CliCommand | undefined;
  try {
    command = await load();
    return await command.run(args, io);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`tessera ${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tessera ${name}: ${error.message}\nUsage: ${command?.usage ?? ''}`);
      return 2;
    }
    io.stderr(`tessera ${name}: internal error: ${(error as Error).stack ?? String(error)}`);
    return 70;
  }
}
