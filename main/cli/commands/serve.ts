import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { buildDemoProject } from '../../demo/build-demo.ts';
import { defaultDemoPath } from '../../demo/demo-location.ts';
import { startHttpHost } from '../../host/http-host.ts';
import { ensureRendererBuilt } from '../../host/renderer-build.ts';
import { ProjectService } from '../../services/project-service.ts';
import { ProjectStore } from '../../store/project-store.ts';
import type { CliCommand } from '../command.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'tessera serve [project.gpkg] [--port N]',
  summary: 'Serve the app on 127.0.0.1 for a browser (the built-in demo when no project is given). Prints the address.',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' } } });
    if (positionals.length > 1) throw new UserError(`give at most one project file. Usage: ${this.usage}`);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);

    const file = positionals[0] ?? (await ensureDemo(io.stderr));
    const service = new ProjectService(ProjectStore.open(file));
    const staticDir = await ensureRendererBuilt(io.stderr);
    const host = await startHttpHost({ service, staticDir, port });
    io.stdout(host.url);
    io.stderr(`Serving ${path.resolve(file)}. Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    service.close();
    return 0;
  },
};

async function ensureDemo(log: (line: string) => void): Promise<string> {
  const file = defaultDemoPath();
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    log(`Creating the demo project at ${file}...`);
    await buildDemoProject(file);
  }
  return file;
}
