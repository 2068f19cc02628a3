/**
 * End to end, in real Chromium on the demo project: the territory panel shows the metrics engine's
 * figures live. After painting a county, every figure in the panel equals what `tessera metrics
 * --json` prints for the saved project file ("the CLI's JSON agrees with the panel"); the table
 * sorts; the map's colour modes change the pixels and the legend; recolouring is one undoable edit.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ProjectStore } from '../../main/store/project-store.ts';
import type { MetricsReport } from '../../shared/metrics/types.ts';
import { DEVIATION_COLOURS, deviationClass } from '../../shared/plan/colour-scales.ts';
import { tessera } from '../helpers/cli.ts';
import { type AppSession, canvasPixel, waitForDrawnAssignment, withDemoInChromium } from './support/app-session.ts';
import { paintPair, type SampleUnit } from './support/pick-unit.ts';
import { formatPct } from '../../renderer/src/panel/metrics-format.ts';

type Rgba = [number, number, number, number];

interface PanelRow {
  id: string;
  units: number;
  accounts: number;
  potential: number;
  deviation: number | null;
  pieces: number;
  polsbyPopper: number | null;
  driveMean: number | null;
}

let app: AppSession;
let page: Page;
let problems: string[];
let scenarioId: string;
let subject: SampleUnit;
let reference: SampleUnit;

withDemoInChromium((session) => ({ app, page, problems } = session), {
  prepare: (demo) => {
    ({ scenarioId, subject, reference } = paintPair(demo.file));
  },
});

/** The panel's figures, read from the raw values its cells carry. */
function panelRows(): Promise<PanelRow[]> {
  return page.evaluate(() => {
    const num = (row: Element, id: string) => {
      const v = row.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? '';
      return v === '' ? null : Number(v);
    };
    return Array.from(document.querySelectorAll('[data-testid="metrics-table"] tbody tr')).map((row) => ({
      id: row.getAttribute('data-testid')!.replace('territory-row-', ''),
      units: num(row, 'units')!,
      accounts: num(row, 'accounts')!,
      potential: num(row, 'potential')!,
      deviation: num(row, 'deviation'),
      pieces: num(row, 'pieces')!,
      polsbyPopper: num(row, 'polsby-popper'),
      driveMean: num(row, 'drive-mean'),
    }));
  });
}

async function testValue(testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).first().getAttribute('data-value'));
}

/** Every deviation chart bar's title is its territory's name and the CLI's deviation, as the panel formats it. */
async function expectBarTitles(cli: MetricsReport, what: string): Promise<void> {
  for (const t of cli.territories) {
    const title = await page.locator(`[data-testid="chart-bar-${t.id}"] title`).textContent();
    expect(title, `${t.id} ${what}`).toBe(`${t.name}: ${formatPct(t.compositeDeviationPct)}`);
  }
}

function cliReport(): MetricsReport {
  const run = tessera('metrics', app.file, '--json');
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as MetricsReport;
}

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function waitForMetrics(): Promise<void> {
  await page.waitForFunction(() => {
    const hook = window.__tessera!;
    return hook.metricsPlanVersion === hook.planVersion && hook.drawnPlanVersion === hook.planVersion;
  });
}

async function showMode(mode: 'territory' | 'field' | 'deviation'): Promise<void> {
  await page.getByTestId(`mode-${mode}`).click();
  await page.waitForFunction((m) => window.__tessera!.drawnFillKey.startsWith(m) && window.__tessera!.settled(), mode, { timeout: 60_000 });
}

describe('the territory panel shows the metrics engine', () => {
  it('after painting a county, agrees with `tessera metrics --json` on the saved file, figure by figure', async () => {
    const before = await panelRows();
    const from = subject.territoryId;
    const to = reference.territoryId;
    await page.locator(`[data-testid="territory-row-${to}"]`).click();
    await expect.poll(() => page.locator(`[data-testid="territory-row-${to}"]`).getAttribute('aria-selected')).toBe('true');
    const at = await page.evaluate((p) => window.__tessera!.project(p), subject.point);
    await page.mouse.click(at![0], at![1]);
    await waitForDrawnAssignment(page, subject.unitId, to);
    await waitForMetrics();
    // Saved once main answered: the Undo button then names the edit.
    await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toContain(`unit ${subject.unitId}`);

    const rows = await panelRows();
    const unitsOf = (list: PanelRow[], id: string) => list.find((r) => r.id === id)!.units;
    expect(unitsOf(rows, from)).toBe(unitsOf(before, from) - 1);
    expect(unitsOf(rows, to)).toBe(unitsOf(before, to) + 1);

    const cli = cliReport();
    expect(rows.map((r) => r.id).sort()).toEqual(cli.territories.map((t) => t.id).sort());
    for (const t of cli.territories) {
      const row = rows.find((r) => r.id === t.id)!;
      expect(row.units, `${t.id} units`).toBe(t.units);
      expect(row.accounts, `${t.id} accounts`).toBe(t.accounts);
      close(row.potential, t.potential, `${t.id} potential`);
      close(row.deviation, t.compositeDeviationPct, `${t.id} deviation %`);
      expect(row.pieces, `${t.id} pieces`).toBe(t.pieces);
      close(row.polsbyPopper, t.polsbyPopper, `${t.id} Polsby-Popper`);
      close(row.driveMean, t.driveMin.mean, `${t.id} mean drive minutes`);
    }
    await expectBarTitles(cli, 'bar');
    close(await testValue('max-deviation'), cli.plan.compositeMaxAbsDeviationPct, 'max |deviation|');
    expect(await testValue('unassigned-units')).toBe(cli.plan.unassigned.units);
    expect(await testValue('unassigned-accounts')).toBe(cli.plan.unassigned.accounts);
    expect(await page.getByTestId('non-contiguous').textContent()).toContain(String(cli.plan.nonContiguousTerritories));
    expect(await page.getByTestId('drive-source').getAttribute('title')).toBe(cli.plan.driveTimeProvider);
    expect(await page.getByTestId('drive-source').textContent()).toContain('straight-line estimate');

    // Incremental: the edit did not rebuild the engine (its speed is measured by `npm run bench`, not here).
    const hook = await page.evaluate(() => ({ ms: window.__tessera!.lastMetricsMs, rebuilds: window.__tessera!.metricsRebuilds }));
    expect(hook.rebuilds).toBe(1);
    expect(hook.ms).toBeGreaterThan(0);

    // Split territories list their cut-off units on hover; the count matches the CLI.
    const split = cli.territories.find((t) => t.pieces > 1);
    if (split) {
      const warning = page.getByTestId(`warning-pieces-${split.id}`);
      await warning.hover();
      await expect.poll(() => warning.getAttribute('data-islands')).toBeTruthy();
      expect((await warning.getAttribute('data-islands'))!.split('|')).toHaveLength(split.islandUnits);
    }
    expect(problems).toEqual([]);
  });

  it('balances on several weighted fields, still agreeing with the CLI given the same --balance', async () => {
    const version = await page.evaluate(() => window.__tessera!.metricsRebuilds);
    await page.getByTestId('balance-population').click();
    await page.getByTestId('weight-population').fill('2');
    await page.waitForFunction((v) => window.__tessera!.metricsRebuilds >= v + 2, version);
    expect(await page.getByTestId('weight-population').inputValue()).toBe('2');
    const run = tessera('metrics', app.file, '--json', '--balance', 'accounts:1,potential:1,population:2');
    expect(run.status, run.stderr).toBe(0);
    const cli = JSON.parse(run.stdout) as MetricsReport;
    const rows = await panelRows();
    for (const t of cli.territories) close(rows.find((r) => r.id === t.id)!.deviation, t.compositeDeviationPct, `${t.id} weighted deviation %`);
    // The chart's bars are memoized per row and on the scale: a new balance must still redraw them all.
    await expectBarTitles(cli, 'weighted bar');
    close(await testValue('max-deviation'), cli.plan.compositeMaxAbsDeviationPct, 'weighted max |deviation|');
    await page.getByTestId('balance-population').click();
    await expect.poll(() => page.getByTestId('weight-population').count()).toBe(0);
  });

  it('sorts the table by clicking column headers', async () => {
    const ids = async () => (await panelRows()).map((r) => r.units);
    await page.getByTestId('sort-units').click();
    const desc = await ids();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.getByTestId('sort-units').click();
    const asc = await ids();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.getByTestId('sort-name').click();
    const names = await page.locator('[data-testid="metrics-table"] tbody [data-testid="name"]').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase())));
  });
});

describe('map colour modes', () => {
  it('switches to a choropleth and to deviation from target, with matching legends and changed pixels', async () => {
    const at = (await page.evaluate((p) => window.__tessera!.project(p), reference.point))!;
    await page.mouse.move(5, 600);
    await page.waitForFunction(() => window.__tessera!.settled());
    const territoryPixel = await canvasPixel(page, at);
    expect(await page.getByTestId('legend').getAttribute('data-mode')).toBe('territory');

    await showMode('field');
    const fieldPixel = await canvasPixel(page, at);
    expect(distance(fieldPixel, territoryPixel)).toBeGreaterThan(20);
    expect(await page.getByTestId('legend-title').textContent()).toContain('Population');
    expect(await page.getByTestId('legend-entry').count()).toBe(5);
    await page.getByTestId('mode-classes').selectOption('7');
    await page.waitForFunction(() => window.__tessera!.drawnFillKey.endsWith(':7') && window.__tessera!.settled());
    expect(await page.getByTestId('legend-entry').count()).toBe(7);

    await showMode('deviation');
    const deviationPixel = await canvasPixel(page, at);
    expect(await page.getByTestId('legend-title').textContent()).toBe('Deviation from target (accounts + potential)');
    expect(await page.getByTestId('legend-entry').count()).toBe(7);
    // The pixel is the diverging class colour of the territory's deviation, over the land colour.
    const cli = cliReport();
    const deviation = cli.territories.find((t) => t.id === reference.territoryId)!.compositeDeviationPct;
    const [r, g, b] = DEVIATION_COLOURS[deviationClass(deviation, 10)]!;
    const a = 232 / 255;
    const land = [250, 250, 248];
    const expected: Rgba = [r * a + land[0]! * (1 - a), g * a + land[1]! * (1 - a), b * a + land[2]! * (1 - a), 255];
    expect(distance(deviationPixel, expected), `${deviationPixel} vs ${expected}`).toBeLessThan(8);

    // The tolerance is editable; the legend and warnings follow it.
    await page.getByTestId('tolerance').fill('50');
    await expect.poll(() => page.getByTestId('legend').textContent()).toContain('within ±50%');
    await page.getByTestId('tolerance').fill('10');
    await expect.poll(() => page.getByTestId('legend').textContent()).toContain('within ±10%');
    await showMode('territory');
    expect(distance(await canvasPixel(page, at), territoryPixel)).toBeLessThan(4);
  });
});

describe('automatic palette', () => {
  it('recolours territories as one undoable edit saved to the file', async () => {
    const colours = () => {
      const store = ProjectStore.open(app.file, { readonly: true });
      try {
        return Object.fromEntries(store.territories(scenarioId).map((t) => [t.id, t.color]));
      } finally {
        store.close();
      }
    };
    const before = colours();
    const version = await page.evaluate(() => window.__tessera!.planVersion);
    await page.getByTestId('recolour').click();
    await page.waitForFunction((v) => window.__tessera!.planVersion > v, version);
    await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toContain('Recolour');
    const after = colours();
    expect(after).not.toEqual(before);
    for (const c of Object.values(after)) expect(['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442']).toContain(c);

    await page.keyboard.press('Control+z');
    await expect.poll(() => colours()).toEqual(before);
    expect(problems).toEqual([]);
  });
});

function distance(a: Rgba, b: Rgba): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
