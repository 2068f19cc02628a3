/**
 * The renderer main thread's CPU time for one studio action, from a DevTools timeline trace: the
 * tasks that start after the input is sent, up to and including the task that commits the first
 * frame after deck.gl drew the edit (the test hook's `tessera:drawn:N` User Timing mark), so the
 * page's own changes (the panel's figures) are painted within it too. CPU time (`tdur`)
 * is what the target is about and what load inflates less than wall time (the VM's speed still
 * moves it by up to 1.8 times within an hour: renderer/README.md, Performance); the wait uses
 * the hook's `whenDrawn` promise, so no polling task of the bench falls inside the window. What
 * happens after that frame (the save's request and reply) is not counted. Each action starts once
 * the browser has shown the frames before it (untilFramesPresented), so the window does not span
 * the seconds the software GPU takes to finish the previous frame.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

export interface ActionTiming {
  /** CPU ms of the main thread's tasks from the input to the frame that shows the edit. */
  cpuMs: number;
  /** Of those, tasks of 1 ms CPU or more (without idle frame ticks and input acknowledgements). */
  workCpuMs: number;
  /** Wall ms from the input to that frame (grows with the machine's load and the software GPU). */
  wallMs: number;
}

// With only 'toplevel' some tasks (those that run an undo's reply) are missing from the trace.
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];
const START_MARK = 'tessera:bench:start';

export async function traceUntilDrawn(page: Page, cdp: CDPSession, action: () => Promise<void>): Promise<ActionTiming> {
  await untilFramesPresented(page);
  const version = await page.evaluate(() => window.__tessera!.planVersion);
  const events: TraceEvent[] = [];
  // Playwright types the payload as Chrome's generic trace objects; these fields are what Chrome sends.
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, enableSampling: false }, transferMode: 'ReportEvents' } as never);
  await page.evaluate((mark) => performance.mark(mark), START_MARK);
  // Then two more animation frames: the frame that paints the page's part of the edit (the panel)
  // must be in the trace, also when deck.gl drew the map within the input's own task.
  const drawn = page.evaluate(
    (above) => window.__tessera!.whenDrawn(above).then(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))),
    version,
  );
  await action();
  await drawn;
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  return timingOf(events, version);
}

/**
 * Waits until the browser has shown the frames already drawn: two animation frames, which Chrome
 * runs only once the GPU process took the previous frame. The software GPU here needs 2-3 s to
 * rasterise a 1600 x 1000 map frame; without this wait an action right after the previous one
 * waits that long for its own frame, and every timer, idle tick and reply of those seconds (an
 * edit's save among them) would be counted as the action's main-thread time.
 */
async function untilFramesPresented(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * The renderer main thread's complete events, and its top-level tasks in time order (a RunTask can
 * nest inside ThreadControllerImpl::RunTask); null when the trace lacks that thread.
 */
export function mainThreadTasks<E extends TraceEvent>(events: readonly E[]): { onMain: E[]; tasks: E[] } | null {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return null;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const candidates = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: E[] = [];
  for (const e of candidates) if (!tasks.length || tasks.at(-1)!.ts + tasks.at(-1)!.dur! <= e.ts) tasks.push(e);
  return { onMain, tasks };
}

function timingOf(events: TraceEvent[], version: number): ActionTiming {
  const thread = mainThreadTasks(events);
  const start = events.find((e) => e.name === START_MARK);
  const drawnMark = events.find((e) => e.name.startsWith('tessera:drawn:') && Number(e.name.slice('tessera:drawn:'.length)) > version);
  if (!thread || !start || !drawnMark) throw new Error('The trace lacks the renderer main thread or the start / drawn marks.');
  // After the task that set the start mark, up to the task that commits the first frame after the
  // drawn mark: usually the task that drew it, but deck.gl can draw within the input's task (in
  // React's commit), and the page's changes (the panel) are painted in the next frame.
  const commit = thread.onMain.find((e) => e.name === 'Commit' && e.ts >= drawnMark.ts);
  if (!commit) throw new Error('The trace ends before the frame that shows the edit was committed.');
  const window = thread.tasks.filter((e) => e.ts > start.ts && e.ts <= commit.ts);
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur!) / 1000;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const first = window[0]?.ts ?? start.ts;
  return {
    cpuMs: round(window.reduce((s, e) => s + cpu(e), 0)),
    workCpuMs: round(window.filter((e) => cpu(e) >= 1).reduce((s, e) => s + cpu(e), 0)),
    wallMs: round((commit.ts + (commit.dur ?? 0) - first) / 1000),
  };
}
