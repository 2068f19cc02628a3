/**
 * Child process of the crash harness: applies a seeded sequence of edits to a project through
 * ProjectService, the way the renderer does, and reports on stdout (synchronous writes, so a line
 * is in the pipe before the next statement runs):
 *   `ready`             the project is open
 *   `try <edit JSON>`   about to call applyEdit
 *   `ack <seq>`         applyEdit returned: the edit is acknowledged (seq = its history row)
 *   `error <JSON>`      the open or an edit failed: {name, message}
 * The parent SIGKILLs this process at a random moment and checks the file.
 *
 * Usage: node --import tsx test/crash/edit-driver.ts <project.gpkg> <seed> <edits>
 */
import fs from 'node:fs';
import type { Edit, EditOp } from '../../shared/edit/edit-ops.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { mulberry32 } from './random.ts';

const [file, seedArg, countArg] = process.argv.slice(2);
if (!file || !seedArg) {
  process.stderr.write('usage: edit-driver <project.gpkg> <seed> [edits]\n');
  process.exit(2);
}
const random = mulberry32(Number(seedArg));
const count = Number(countArg ?? 1000);
const say = (line: string) => fs.writeSync(1, line + '\n');

process.on('uncaughtException', (error) => {
  // Reported as data for the tests that expect a plain error (read-only file, full disk).
  say(`error ${JSON.stringify({ name: error.name, message: error.message })}`);
  process.exit(1);
});

const store = ProjectStore.open(file);
const service = new ProjectService(store);
const scenarioId = store.activeScenario().id;
const plan = store.assignments(scenarioId);
const territories = store.territories(scenarioId).map((t) => t.id);
const unitIds = store.db.prepare('SELECT unit_id FROM units ORDER BY fid').pluck().all() as string[];
const lastSeq = store.db.prepare('SELECT max(seq) FROM tessera_history').pluck();
say('ready');

for (let i = 0; i < count; i++) {
  const edit = nextEdit(`crash ${seedArg}.${i}`);
  say(`try ${JSON.stringify(edit)}`);
  await service.handlers.applyEdit({ scenarioId, edit });
  say(`ack ${String(lastSeq.get())}`);
  for (const op of edit.ops) if (op.op === 'assign') for (const u of op.unitIds) setUnit(u, op.to);
}
service.close();
say('done');

/**
 * One to three assign ops over disjoint units (so an edit applied halfway would show), the way a
 * brush works: units taken from one or two territories and given to another (or unassigned).
 * `from` is the current plan, as the renderer sends it. Edits touch few territories, which keeps
 * each edit (and its outline dissolve) short, so more edits are acknowledged between kills.
 */
function nextEdit(label: string): Edit {
  const ops: EditOp[] = [];
  const used = new Set<string>();
  const opCount = 1 + Math.floor(random() * 3);
  const byTerritory = new Map<string | null, string[]>();
  for (const u of unitIds) {
    const t = plan.get(u) ?? null;
    const list = byTerritory.get(t);
    if (list) list.push(u);
    else byTerritory.set(t, [u]);
  }
  const sources = [...byTerritory.keys()];
  for (let k = 0; k < opCount; k++) {
    const pool = byTerritory.get(sources[Math.floor(random() * sources.length)]!)!;
    const size = Math.min(pool.length, 1 + Math.floor(random() * 20));
    const ids: string[] = [];
    for (let tries = 0; ids.length < size && tries < size * 4; tries++) {
      const u = pool[Math.floor(random() * pool.length)]!;
      if (!used.has(u)) {
        used.add(u);
        ids.push(u);
      }
    }
    if (ids.length === 0) continue;
    const to = random() < 0.1 ? null : territories[Math.floor(random() * territories.length)]!;
    ops.push({ op: 'assign', unitIds: ids, from: ids.map((u) => plan.get(u) ?? null), to });
  }
  return { label, ops };
}

function setUnit(unitId: string, territoryId: string | null): void {
  if (territoryId === null) plan.delete(unitId);
  else plan.set(unitId, territoryId);
}
