/**
 * Helpers for the studio end-to-end tests: read the project FILE (the outcome that matters),
 * find units at a place, draw pointer gestures on the map, and wait on the renderer's state.
 */
import type { Page } from 'playwright-core';
import type { MultiPolygon, Polygon } from 'geojson';
import { ProjectStore } from '../../../main/store/project-store.ts';
import { pointInPolygon } from '../../../shared/geo/point-in-polygon.ts';

declare global {
  interface Window {
    __tesseraStudio?: {
      selection(): string[];
      readonly tool: string;
      readonly compareChanged: number;
      readonly theme: string;
    };
  }
}

export interface FileState {
  scenarioId: string;
  scenarios: { id: string; name: string }[];
  assignments: Map<string, string>;
  territories: Map<string, { id: string; name: string; locked: boolean; repId: string | null; color: string }>;
  history: { label: string; undone: number }[];
}

/** What the project file holds for the active scenario (or `scenarioId`). */
export function readFile(file: string, scenarioId?: string): FileState {
  const store = ProjectStore.open(file, { readonly: true });
  try {
    const id = scenarioId ?? store.activeScenario().id;
    return {
      scenarioId: id,
      scenarios: store.scenarios(),
      assignments: store.assignments(id),
      territories: new Map(store.territories(id).map((t) => [t.id, t])),
      history: store.db
        .prepare('SELECT label, undone FROM tessera_history WHERE scenario_id = ? ORDER BY seq')
        .all(id) as { label: string; undone: number }[],
    };
  } finally {
    store.close();
  }
}

/** The unit containing [lon, lat] in the project file. */
export function unitAt(file: string, lonLat: [number, number]): string {
  const store = ProjectStore.open(file, { readonly: true });
  try {
    const hit = store
      .unitsNear(lonLat[0], lonLat[1])
      .find((u) => u.geometry && pointInPolygon(lonLat, u.geometry as Polygon | MultiPolygon));
    if (!hit) throw new Error(`no unit at ${lonLat}`);
    return hit.unitId;
  } finally {
    store.close();
  }
}

/** Units whose bounding box lies entirely inside / entirely outside a [west, south, east, north] box. */
export function unitsByBox(file: string, box: [number, number, number, number]): { inside: string[]; outside: Set<string> } {
  const store = ProjectStore.open(file, { readonly: true });
  try {
    const rows = store.db
      .prepare('SELECT u.unit_id AS id, r.minx, r.miny, r.maxx, r.maxy FROM units u JOIN rtree_units_geom r ON r.id = u.fid')
      .all() as { id: string; minx: number; miny: number; maxx: number; maxy: number }[];
    const [w, s, e, n] = box;
    const inside = rows.filter((r) => r.minx > w && r.maxx < e && r.miny > s && r.maxy < n).map((r) => r.id);
    const outside = new Set(rows.filter((r) => r.maxx < w || r.minx > e || r.maxy < s || r.miny > n).map((r) => r.id));
    return { inside, outside };
  } finally {
    store.close();
  }
}

export async function screenPoint(page: Page, lonLat: [number, number]): Promise<[number, number]> {
  const point = await page.evaluate((p) => window.__tessera!.project(p), lonLat);
  if (!point) throw new Error('the map has no viewport yet');
  return point;
}

/** Press, move through the points (a few steps between each), release: one gesture. */
export async function drag(page: Page, path: [number, number][]): Promise<void> {
  const screen = [];
  for (const p of path) screen.push(await screenPoint(page, p));
  await page.mouse.move(screen[0]![0], screen[0]![1]);
  await page.mouse.down();
  for (const [x, y] of screen.slice(1)) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
}

/** The React tree and deck.gl's last frame both show the current plan, and nothing is pending. */
export async function waitDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const hook = window.__tessera;
    return !!hook && hook.ready && hook.drawnPlanVersion === hook.planVersion && hook.settled();
  }, undefined, { timeout: 60_000 });
}

export function selection(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__tesseraStudio!.selection());
}

export async function chooseTarget(page: Page, territoryId: string): Promise<void> {
  await page.locator(`[data-testid="territory-row-${territoryId}"]`).first().click();
}
