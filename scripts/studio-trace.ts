/**
 * DevTools timeline traces of studio actions on the 33,000-unit TEST LAYER of
 * test/bench/studio.bench.ts (500 territories): the lasso assignment, a click with the paint tool,
 * their undos, and a click until main has confirmed its save. Per action (median of the repeats):
 * the renderer main thread's wall time and CPU time (`tdur`, which the other processes of a busy
 * shared machine inflate far less than wall time), self CPU time by kind (script, style, layout,
 * paint, GC) and the layouts with their object counts; `toFrameCpuMs` / `toFrameWallMs` count only
 * the tasks up to the frame that first shows the new plan (the test hook's `tessera:drawn:N` mark),
 * `workCpuMs` only the tasks of 1 ms CPU or more (without idle frame ticks and the script's polls).
 * Run: `npx tsx scripts/studio-trace.ts [project.gpkg] [--repeats N] [--click-only] [-v]` (the test
 * layer is built at the path once).
 */
import fs from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { openApp } from '../test/e2e/support/app-session.ts';
import { buildTestProject, startStudio } from '../test/bench/studio.bench.ts';
import { mainThreadTasks } from '../test/bench/main-thread-trace.ts';

const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.gpkg')) ?? '/tmp/tessera-test-layer.gpkg';
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 3;
const verbose = args.includes('-v');
if (!fs.existsSync(file)) buildTestProject(file);
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; cat: string; args?: TraceArgs }
interface TraceArgs {
  name?: string;
  elementCount?: number;
  beginData?: { dirtyObjects?: number; totalObjects?: number; stackTrace?: { functionName: string; url: string; lineNumber: number }[] };
}
type Row = Record<string, number>;
const results = new Map<string, Row[]>();

const KIND: Record<string, string> = {
  FunctionCall: 'script', EvaluateScript: 'script', 'v8.compile': 'script', TimerFire: 'script', FireAnimationFrame: 'script', EventDispatch: 'script', RunMicrotasks: 'script', 'v8.callFunction': 'script', V8Execute: 'script',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', CompositeLayers: 'paint', Commit: 'paint',
  MinorGC: 'gc', MajorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'V8.GC_MARK_COMPACTOR': 'gc', BlinkGC: 'gc', 'V8.GCIncrementalMarking': 'gc', 'V8.GCFinalizeMC': 'gc',
  HitTest: 'other', ParseHTML: 'other',
};

async function traced(page: Page, cdp: CDPSession, label: string, action: () => Promise<void>, withSave = false) {
  const version = (await page.evaluate('window.__tessera.planVersion')) as number;
  const undoTitle = (await page.getByTestId('undo').getAttribute('title')) ?? '';
  const events: TraceEvent[] = [];
  // Playwright types the payload as Chrome's generic trace objects; these fields are what Chrome sends.
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8', 'blink.user_timing', 'toplevel', 'v8.execute'], enableSampling: false }, transferMode: 'ReportEvents' } as never);
  await action();
  await page.evaluate(`new Promise((resolve) => { const c = () => { const h = window.__tessera; if (h.planVersion > ${version} && h.drawnPlanVersion === h.planVersion && h.settled()) resolve(); else setTimeout(c, 25); }; c(); })`);
  // Until main has confirmed the save too (the undo button names the new step): all the work an edit causes.
  if (withSave) await page.waitForFunction((before) => document.querySelector('[data-testid="undo"]')?.getAttribute('title') !== before, undoTitle, { timeout: 60_000 });
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  const { onMain, tasks } = mainThreadTasks(events) ?? { onMain: [], tasks: [] };
  const sum = (list: TraceEvent[], f: (e: TraceEvent) => number) => list.reduce((s, e) => s + f(e), 0) / 1000;
  // Self CPU time per kind: nesting resolved with a stack over ts-sorted complete events.
  const sorted = [...onMain].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const selfBy = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of sorted) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const t = e.tdur ?? e.dur!;
    if (parent) selfBy.set(parent.name, (selfBy.get(parent.name) ?? 0) - t);
    selfBy.set(e.name, (selfBy.get(e.name) ?? 0) + t);
    stack.push(e);
  }
  const row: Row = { wallMs: sum(tasks, (e) => e.dur!), cpuMs: sum(tasks, (e) => e.tdur ?? e.dur!) };
  // The tasks that did work (1 ms of CPU or more), leaving out deck.gl's idle animation-frame ticks
  // and this script's 25 ms polls, whose count grows with the wall time a loaded machine takes.
  const working = tasks.filter((e) => (e.tdur ?? e.dur!) >= 1000);
  row.workCpuMs = sum(working, (e) => e.tdur ?? e.dur!);
  row.workTasks = working.length;
  // Up to the frame that first shows the new plan (the test hook's User Timing mark): the update
  // itself, without the save's round trip or anything else that follows the frame.
  const drawnMark = events.find((e) => e.name.startsWith('tessera:drawn:') && Number(e.name.slice('tessera:drawn:'.length)) > version);
  if (drawnMark) {
    const toFrame = tasks.filter((e) => e.ts <= drawnMark.ts);
    row.toFrameWallMs = sum(toFrame, (e) => e.dur!);
    row.toFrameCpuMs = sum(toFrame, (e) => e.tdur ?? e.dur!);
  }
  for (const [name, us] of selfBy) {
    const kind = KIND[name] ?? (name.includes('RunTask') ? 'task' : 'other');
    row[kind] = (row[kind] ?? 0) + us / 1000;
  }
  const layouts = onMain.filter((e) => e.name === 'Layout');
  row.layouts = layouts.length;
  row.forcedLayouts = layouts.filter((e) => e.args?.beginData?.stackTrace?.length).length;
  row.layoutObjects = layouts.reduce((s, e) => s + Number(e.args?.beginData?.dirtyObjects ?? 0), 0);
  row.styleRecalcs = onMain.filter((e) => e.name === 'UpdateLayoutTree').length;
  row.styleElements = onMain.filter((e) => e.name === 'UpdateLayoutTree').reduce((s, e) => s + Number(e.args?.elementCount ?? 0), 0);
  delete row.task;
  (results.get(label) ?? results.set(label, []).get(label)!).push(row);
  if (verbose) {
    const top = [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`).join(', ');
    process.stdout.write(`${label}: ${JSON.stringify(row, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}\n   top self: ${top}\n`);
    for (const e of layouts) {
      const f = e.args?.beginData?.stackTrace?.[0];
      process.stdout.write(`   layout ${(e.dur! / 1000).toFixed(1)} ms wall ${((e.tdur ?? 0) / 1000).toFixed(1)} cpu, ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects} objects${f ? `, forced by ${f.functionName || '(anon)'} ${String(f.url).split('/').pop()}:${f.lineNumber}` : ''}\n`);
    }
  }
}

const studio = await startStudio(file);
try {
  const { page, cdp } = studio;
  await openApp(page, studio.url);
  const SLOW = { timeout: 300_000 };
  const idle = () => page.waitForFunction(() => { const h = (window as unknown as { __tessera: { drawnPlanVersion: number; planVersion: number; settled(): boolean } }).__tessera; return h.drawnPlanVersion === h.planVersion && h.settled(); }, undefined, SLOW);
  const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  // The lasso of the studio bench (about 5,000 units): the rectangle it converges to.
  await page.keyboard.press('l');
  let half = 60;
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Escape');
    await page.mouse.move(cx - half, cy - half * 0.6);
    await page.mouse.down();
    for (const [x, y] of [[cx + half, cy - half * 0.6], [cx + half, cy + half * 0.6], [cx - half, cy + half * 0.6], [cx - half, cy - half * 0.6]] as const) await page.mouse.move(x, y, { steps: 2 });
    await page.mouse.up();
    const selected = (await page.evaluate('window.__tesseraStudio.selection().length')) as number;
    if (Math.abs(selected - 5000) <= 400) break;
    half *= Math.sqrt(5000 / Math.max(selected, 1));
  }
  await page.locator('[data-testid^="territory-row-t"]').nth(3).click(SLOW);
  for (let i = 0; i < (args.includes('--click-only') ? 0 : repeats); i++) {
    await traced(page, cdp, 'lasso', () => page.keyboard.press('Enter'));
    await idle(); await page.waitForTimeout(500);
    await traced(page, cdp, 'lasso undo', () => page.keyboard.press('Control+z'));
    await idle(); await page.waitForTimeout(500);
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('v');
  await page.locator('[data-testid^="territory-row-t"]').nth(7).click(SLOW);
  await page.mouse.click(cx + 3, cy + 3);
  await idle();
  await page.keyboard.press('Control+z');
  await idle(); await page.waitForTimeout(1000);
  for (let i = 0; i < repeats; i++) {
    await traced(page, cdp, 'click', () => page.mouse.click(cx + 3, cy + 3));
    await idle(); await page.waitForTimeout(500);
    await traced(page, cdp, 'click undo', () => page.keyboard.press('Control+z'));
    await idle(); await page.waitForTimeout(500);
    await traced(page, cdp, 'click incl. save', () => page.mouse.click(cx + 3, cy + 3), true);
    await idle(); await page.waitForTimeout(500);
    await traced(page, cdp, 'click undo', () => page.keyboard.press('Control+z'));
    await idle(); await page.waitForTimeout(500);
  }
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
  const out: Record<string, Row> = {};
  for (const [label, rows] of results) {
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    out[label] = Object.fromEntries(keys.map((k) => [k, Math.round(median(rows.map((r) => r[k] ?? 0)) * 10) / 10]));
  }
  process.stdout.write(JSON.stringify({ repeats, medians: out }, null, 1) + '\n');
} finally {
  await studio.close();
}
