/**
 * End to end, in real Chromium: the territory table and the deviation chart are windowed. The demo
 * project is given 250 more territories (262 in all, its 3,231 counties dealt out among the new
 * ones), so the panel renders only the rows and bars in view: scrolling (scroll position or mouse
 * wheel) must still show every row in its sorted place with no gap, sorting must order the rows
 * across the whole table, and a row picked far down selects its territory and brings its bar into
 * the chart's view.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ProjectStore } from '../../main/store/project-store.ts';
import { withDemoInChromium } from './support/app-session.ts';

const EXTRA_TERRITORIES = 250;
/** Row pitch of the table, px (ROW_HEIGHT in renderer/src/panel/MetricsTable.tsx). */
const ROW_HEIGHT = 30;

let page: Page;
let problems: string[];
/** Territory ids in the table's initial order (by name, ascending). */
let byName: string[];

withDemoInChromium((session) => ({ page, problems } = session), {
  prepare: (demo) => {
    const store = ProjectStore.open(demo.file);
    try {
      const scenario = store.activeScenario();
      const units = store.units().map((u) => u.id).sort();
      const perTerritory = Math.ceil(units.length / EXTRA_TERRITORIES);
      store.transaction(() => {
        for (let i = 0; i < EXTRA_TERRITORIES; i++) {
          const id = `W${String(i).padStart(3, '0')}`;
          store.upsertTerritory(scenario.id, { id, name: `Window ${String(i).padStart(3, '0')}`, color: i % 2 ? '#4e79a7' : '#f28e2b', repId: null, locked: false });
          const mine = units.slice(i * perTerritory, (i + 1) * perTerritory);
          if (mine.length) store.assign(scenario.id, mine, id);
        }
      });
      const names = store.territories(scenario.id).map((t) => ({ id: t.id, name: t.name }));
      byName = names.sort((a, b) => a.name.localeCompare(b.name)).map((t) => t.id);
    } finally {
      store.close();
    }
  },
});

interface TableView {
  /** Rendered territory rows, top to bottom: id, units and the row's index by its offset in the table body. */
  rows: { id: string; units: number; index: number }[];
  /** True when the rendered rows leave no part of the table body inside the panel's view uncovered. */
  covered: boolean;
  scrollTop: number;
  maxScroll: number;
}

function tableView(): Promise<TableView> {
  return page.evaluate((rowHeight) => {
    const body = document.querySelector('.metrics-panel__body')!;
    const tbody = document.querySelector('[data-testid="metrics-table"] tbody')!;
    const view = body.getBoundingClientRect();
    const start = tbody.getBoundingClientRect();
    const rows = Array.from(tbody.querySelectorAll('tr[data-testid^="territory-row-"]')).map((row) => {
      const box = row.getBoundingClientRect();
      return {
        id: row.getAttribute('data-testid')!.replace('territory-row-', ''),
        units: Number(row.querySelector('[data-testid="units"]')!.getAttribute('data-value')),
        index: Math.round((box.top - start.top) / rowHeight),
        top: box.top,
        bottom: box.bottom,
      };
    });
    // The part of the table body that is on screen must lie within the rendered rows.
    const visibleTop = Math.max(view.top, start.top);
    const visibleBottom = Math.min(view.bottom, start.bottom);
    const covered =
      visibleBottom <= visibleTop ||
      (rows.length > 0 && rows[0]!.top <= visibleTop + 0.5 && rows.at(-1)!.bottom >= visibleBottom - 0.5 && rows.every((r, i) => i === 0 || Math.abs(r.top - rows[i - 1]!.bottom) < 1.5));
    return { rows: rows.map(({ id, units, index }) => ({ id, units, index })), covered, scrollTop: body.scrollTop, maxScroll: body.scrollHeight - body.clientHeight };
  }, ROW_HEIGHT);
}

async function scrollPanelTo(top: number): Promise<TableView> {
  await page.evaluate((y) => {
    document.querySelector('.metrics-panel__body')!.scrollTop = y;
  }, top);
  return settledView((v) => Math.abs(v.scrollTop - Math.min(top, v.maxScroll)) < 1);
}

/** The table once it has re-rendered for the current scroll position (and `ready` holds). */
async function settledView(ready: (view: TableView) => boolean = () => true): Promise<TableView> {
  let view = await tableView();
  // Rendering after a scroll waits for a frame, and a frame can take seconds on the shared machine.
  await expect
    .poll(
      async () => {
        view = await tableView();
        return view.covered && ready(view);
      },
      { timeout: 60_000 },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`The table did not settle: ${JSON.stringify({ ...view, rows: view.rows.map((r) => r.index) })}`, { cause: error });
    });
  return view;
}

describe('the windowed territory table and chart', () => {
  it('renders only the rows in view, and scrolling shows every row in its place with no gap', async () => {
    expect(byName.length).toBe(262);
    const top = await settledView();
    expect(top.rows.length, 'rows in the DOM at the top').toBeGreaterThan(5);
    expect(top.rows.length, 'rows in the DOM at the top').toBeLessThan(80);
    expect(await page.locator('[data-testid^="chart-bar-"]').count(), 'chart bars in the DOM').toBeLessThan(120);

    for (const fraction of [0.3, 0.6, 1]) {
      const view = await scrollPanelTo(Math.round(fraction * top.maxScroll));
      expect(view.rows.length).toBeLessThan(80);
      // Each rendered row is the territory the name order puts at its position.
      for (const row of view.rows) expect(row.id, `row at index ${row.index}`).toBe(byName[row.index]);
      if (fraction === 1) expect(view.rows.at(-1)!.id, 'last row at the bottom').toBe(byName.at(-1));
    }
    expect(await page.getByTestId('territory-row-unassigned').isVisible(), 'the Unassigned footer at the bottom').toBe(true);
  });

  it('follows the mouse wheel', async () => {
    const before = await scrollPanelTo(0);
    const box = (await page.getByTestId('metrics-table').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, Math.min(box.y + 60, 850));
    await page.mouse.wheel(0, 2400);
    const after = await settledView((v) => v.scrollTop > before.scrollTop + 1000);
    expect(after.rows[0]!.index).toBeGreaterThan(before.rows[0]!.index + 20);
    for (const row of after.rows) expect(row.id).toBe(byName[row.index]);
  });

  it('sorts the whole table, and a row picked far down selects its territory and shows its bar', async () => {
    await scrollPanelTo(0);
    await page.getByTestId('sort-units').click(); // a new column sorts descending
    await expect.poll(() => page.locator('th[aria-sort="descending"] [data-testid="sort-units"]').count()).toBe(1);
    const seen: { units: number; index: number }[] = [];
    let maxScroll = 0;
    for (const fraction of [0, 0.5, 1]) {
      const view = await scrollPanelTo(Math.round(fraction * Math.max(maxScroll, 1)));
      maxScroll = view.maxScroll;
      seen.push(...view.rows.map(({ units, index }) => ({ units, index })));
      if (fraction === 0) expect(view.rows[0]!.units, 'most units first').toBe(Math.ceil(3231 / EXTRA_TERRITORIES));
      if (fraction === 1) expect(view.rows.at(-1)!.units, 'empty territories last').toBe(0);
    }
    seen.sort((a, b) => a.index - b.index);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.units, `units at index ${seen[i]!.index}`).toBeLessThanOrEqual(seen[i - 1]!.units);

    // Pick a row near the bottom of the table: the paint target and its chart bar follow.
    const view = await tableView();
    const pick = view.rows.at(-3)!;
    await page.locator(`[data-testid="territory-row-${pick.id}"]`).click();
    await expect.poll(() => page.locator(`[data-testid="territory-row-${pick.id}"]`).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const bar = document.querySelector(`[data-testid="chart-bar-${id}"]`);
          const scroller = document.querySelector('[data-testid="deviation-chart-scroller"]');
          if (!bar || !scroller) return false;
          const b = bar.getBoundingClientRect();
          const s = scroller.getBoundingClientRect();
          return b.left >= s.left - 0.5 && b.right <= s.right + 0.5;
        }, pick.id),
      )
      .toBe(true);
    expect(problems).toEqual([]);
  });
});
