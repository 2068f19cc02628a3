/**
 * A tiny read-only window into the running app for the end-to-end tests, so they wait for state
 * instead of sleeping: `window.__tessera`. The app feeds it; nothing reads it inside the app.
 */
export interface TesseraTestHook {
  /** Project loaded and its first frame drawn. */
  readonly ready: boolean;
  /** Frames deck.gl has drawn. */
  readonly renders: number;
  /** PlanStore version of the latest React render, and of the latest drawn frame. */
  readonly planVersion: number;
  readonly drawnPlanVersion: number;
  /** Assignments of the active scenario as the renderer holds them (unit id -> territory id). */
  assignments(): Record<string, string>;
  /** Page (CSS pixel) position of a [lon, lat] in the current map view; null before the map exists. */
  project(lonLat: [number, number]): [number, number] | null;
  /** The map has drawn everything it was given: no redraw pending. */
  settled(): boolean;
  /** The rep name tags the map draws: each rep's name, and its text anchor (start: east of the marker; end: west). */
  repTags(): { name: string; anchor: 'start' | 'end'; offset: [number, number] }[];
  /** Main-thread ms the metrics engine took for the latest plan change (apply + report). */
  readonly lastMetricsMs: number;
  /** Full metrics rebuilds since load (1 after loading; edits must not add any). */
  readonly metricsRebuilds: number;
  /** Plan version of the metrics the panel shows. */
  readonly metricsPlanVersion: number;
  /** The map's colour mode: 'territory', 'field' or 'deviation'. */
  readonly colourMode: string;
  /** Key of the fill colours of the latest drawn frame (e.g. 'territory', 'field:population:quantile:5'). */
  readonly drawnFillKey: string;
  /**
   * Resolves once deck.gl has drawn a plan version above `planVersion` that React rendered: a
   * benchmark waits with it instead of polling, so no task of its own runs while it measures.
   */
  whenDrawn(planVersion: number): Promise<void>;
  /**
   * Resolves once every save, undo and redo the window has queued has had main's answer: a test
   * that writes as another client, or checks the file, waits for it so no call is still on its way.
   */
  whenSaved(): Promise<void>;
}

declare global {
  interface Window {
    __tessera?: TesseraTestHook;
  }
}

interface HookSources {
  assignments: () => ReadonlyMap<string, string>;
  project: (lonLat: [number, number]) => [number, number] | null;
  settled: () => boolean;
  repTags: () => ReturnType<TesseraTestHook['repTags']>;
}

const state = {
  ready: false,
  renders: 0,
  planVersion: -1,
  drawnPlanVersion: -1,
  lastMetricsMs: 0,
  metricsRebuilds: 0,
  metricsPlanVersion: -1,
  colourMode: 'territory',
  drawnFillKey: '',
};
let sources: HookSources | null = null;
let whenSaved: () => Promise<void> = () => Promise.resolve();
let drawWaiters: { above: number; resolve: () => void }[] = [];
const isDrawn = (above: number) => state.drawnPlanVersion > above && state.drawnPlanVersion === state.planVersion;

window.__tessera = {
  get ready() {
    return state.ready;
  },
  get renders() {
    return state.renders;
  },
  get planVersion() {
    return state.planVersion;
  },
  get drawnPlanVersion() {
    return state.drawnPlanVersion;
  },
  assignments: () => Object.fromEntries(sources?.assignments() ?? []),
  project: (lonLat) => sources?.project(lonLat) ?? null,
  settled: () => sources?.settled() ?? false,
  repTags: () => sources?.repTags() ?? [],
  get lastMetricsMs() {
    return state.lastMetricsMs;
  },
  get metricsRebuilds() {
    return state.metricsRebuilds;
  },
  get metricsPlanVersion() {
    return state.metricsPlanVersion;
  },
  get colourMode() {
    return state.colourMode;
  },
  get drawnFillKey() {
    return state.drawnFillKey;
  },
  whenDrawn: (above) => (isDrawn(above) ? Promise.resolve() : new Promise((resolve) => drawWaiters.push({ above, resolve }))),
  whenSaved: () => whenSaved(),
};

export const testHook = {
  connect(next: HookSources | null): void {
    sources = next;
    if (!next) state.ready = false;
  },
  /** The PlanStore whose calls to main `whenSaved` waits for. */
  saves(next: () => Promise<void>): void {
    whenSaved = next;
  },
  /** Called with the plan version the React tree rendered. */
  rendered(planVersion: number): void {
    state.planVersion = planVersion;
  },
  /** Called when the panel shows metrics of `planVersion`. */
  metrics(planVersion: number, lastMetricsMs: number, rebuilds: number): void {
    state.metricsPlanVersion = planVersion;
    state.lastMetricsMs = lastMetricsMs;
    state.metricsRebuilds = rebuilds;
  },
  colourMode(mode: string): void {
    state.colourMode = mode;
  },
  /** Called after deck.gl drew a frame whose layers reflect `planVersion`. */
  drawn(planVersion: number, fillKey = ''): void {
    state.renders += 1;
    // A User Timing mark on the frame that first shows a plan version: DevTools traces
    // (scripts/studio-trace.ts) measure main-thread time from the input to this frame by it.
    if (planVersion !== state.drawnPlanVersion) {
      performance.clearMarks(`tessera:drawn:${state.drawnPlanVersion}`);
      performance.mark(`tessera:drawn:${planVersion}`);
    }
    state.drawnPlanVersion = planVersion;
    state.drawnFillKey = fillKey;
    if (sources) state.ready = true;
    if (drawWaiters.length === 0) return;
    const waiting = drawWaiters;
    drawWaiters = [];
    for (const w of waiting) {
      if (isDrawn(w.above)) w.resolve();
      else drawWaiters.push(w);
    }
  },
};
