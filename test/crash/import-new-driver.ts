/**
 * Child process of the crash test for an import into a NEW project file (the rollback-journal
 * write of main/import/bulk-write.ts): `import-new-driver <project.gpkg> <source> [N]`.
 * Prints `write` when the write stage starts and `ack <units>` when the import returned. With N,
 * it SIGKILLs itself at the Nth cancel check of the write stage: the pipeline checks for cancel
 * after each batch of rows and once more just before the commit, all inside the transaction.
 */
import fs from 'node:fs';
import { runImport } from '../../main/import/run-import.ts';

const [file, source, killAt] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, line + '\n');
if (!file || !source) {
  process.stderr.write('usage: import-new-driver <project.gpkg> <source> [N]\n');
  process.exit(2);
}
let writing = false;
let checks = 0;
const report = await runImport(file, source, { as: 'units' }, {
  onProgress: (p) => {
    if (p.stage === 'write' && !writing) {
      writing = true;
      say('write');
    }
  },
  cancel: {
    get cancelled() {
      if (writing && killAt && ++checks === Number(killAt)) process.kill(process.pid, 'SIGKILL');
      return false;
    },
  },
});
say(`ack ${report.written}`);
