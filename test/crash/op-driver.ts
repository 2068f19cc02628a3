/**
 * Child process of the crash harness for whole operations (run bundled, like edit-driver.ts):
 *   duplicate <project>            duplicate the first scenario again and again through ProjectService
 *   import <project> <a> <b> ...   import units from the sources in turn with --replace (runImport,
 *                                  what the import worker runs)
 * Prints `ready`, then `try <n>` before and `ack <n> <detail>` after each operation returns.
 */
import fs from 'node:fs';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';

const [mode, file, ...rest] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, line + '\n');
if (!file) {
  process.stderr.write('usage: op-driver duplicate|import <project.gpkg> [sources...]\n');
  process.exit(2);
}

if (mode === 'duplicate') {
  const service = new ProjectService(ProjectStore.open(file));
  const source = (await service.handlers.getInfo({})).scenario.id;
  say('ready');
  for (let n = 0; n < 1000; n++) {
    say(`try ${n}`);
    const scenario = await service.handlers.duplicateScenario({ scenarioId: source });
    say(`ack ${n} ${scenario.id}`);
  }
} else if (mode === 'import') {
  say('ready');
  for (let n = 0; n < 1000; n++) {
    say(`try ${n}`);
    const report = await runImport(file, rest[n % rest.length]!, { as: 'units', replace: true });
    say(`ack ${n} ${report.written}`);
  }
}
