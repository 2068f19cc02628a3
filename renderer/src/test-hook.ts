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
}

const state = { ready: false, renders: 0, planVersion: -1, drawnPlanVersion: -1 };
let sources: HookSources | null = null;

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
};

export const testHook = {
  connect(next: HookSources | null): void {
    sources = next;
    if (!next) state.ready = false;
  },
  /** Called with the plan version the React tree rendered. */
  rendered(planVersion: number): void {
    state.planVersion = planVersion;
  },
  /** Called after deck.gl drew a frame whose layers reflect `planVersion`. */
  drawn(planVersion: number): void {
    state.renders += 1;
    state.drawnPlanVersion = planVersion;
    if (sources) state.ready = true;
  },
};
