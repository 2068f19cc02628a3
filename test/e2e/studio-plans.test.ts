/**
 * Territories, history and scenarios in real Chromium on the demo project, checked in the project
 * FILE: create and rename a territory, merge two (one edit), the History panel, duplicate a
 * scenario and compare it with the original, and undo after reloading the page and reopening the
 * project file in a new service (history survives a restart).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { startHttpHost } from '../../main/host/http-host.ts';
import { ensureRendererBuilt } from '../../main/host/renderer-build.ts';
import { openApp, type AppSession, withDemoInChromium } from './support/app-session.ts';
import { deleteTerritory } from '../../shared/edit/territory-commands.ts';
import { applyOps } from '../../shared/edit/edit-ops.ts';
import { chooseTarget, readFile, screenPoint, unitAt, waitDrawn } from './support/studio.ts';

let app: AppSession;
let page: Page;
let problems: string[];
vi.setConfig({ testTimeout: 180_000 });

withDemoInChromium((session) => ({ app, page, problems } = session));

async function historyLabels(): Promise<{ label: string; undone: boolean }[]> {
  return page.getByTestId('history-entry').evaluateAll((items) =>
    items.map((li) => ({ label: li.querySelector('.history__label')!.textContent!, undone: li.getAttribute('data-undone') === 'true' })),
  );
}

describe('territories', () => {
  it('creates a territory, renames it, and lists both edits in the History panel', async () => {
    await page.getByTestId('tab-territory').click();
    await page.getByTestId('new-territory-name').fill('Rockies');
    await page.getByTestId('create-territory').click();
    await expect.poll(() => [...readFile(app.file).territories.values()].find((t) => t.name === 'Rockies')?.id, { timeout: 30_000 }).toBe('T13');
    await page.getByTestId('territory-name').fill('Rocky Mountains');
    await page.getByTestId('rename-territory').click();
    await expect.poll(() => readFile(app.file).territories.get('T13')?.name, { timeout: 30_000 }).toBe('Rocky Mountains');

    await page.getByTestId('tab-history').click();
    await expect.poll(historyLabels).toEqual([
      { label: 'Rename Rockies to Rocky Mountains', undone: false },
      { label: 'Create territory Rockies', undone: false },
    ]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => readFile(app.file).territories.get('T13')?.name, { timeout: 30_000 }).toBe('Rockies');
    await expect.poll(historyLabels).toEqual([
      { label: 'Rename Rockies to Rocky Mountains', undone: true },
      { label: 'Create territory Rockies', undone: false },
    ]);
  });

  it('merges two territories in one edit, and one undo splits them again', async () => {
    const before = readFile(app.file);
    const plainsUnits = [...before.assignments].filter(([, t]) => t === 'T05').map(([id]) => id);
    expect(plainsUnits.length).toBeGreaterThan(100);
    await chooseTarget(page, 'T06');
    await page.getByTestId('tab-territory').click();
    await page.getByTestId('merge-source').selectOption('T05');
    await page.getByTestId('merge-territory').click();
    await expect.poll(() => readFile(app.file).territories.has('T05'), { timeout: 30_000 }).toBe(false);
    const merged = readFile(app.file);
    expect(plainsUnits.every((id) => merged.assignments.get(id) === 'T06')).toBe(true);
    expect(merged.history.at(-1)!.label).toBe('Merge Plains into Great Lakes');
    await expect.poll(() => page.locator('[data-testid="territory-row-T05"]').count()).toBe(0);

    await page.keyboard.press('Control+z');
    await expect.poll(() => readFile(app.file).territories.has('T05'), { timeout: 30_000 }).toBe(true);
    const restored = readFile(app.file);
    expect(plainsUnits.every((id) => restored.assignments.get(id) === 'T05')).toBe(true);
    await waitDrawn(page);
  });
});

describe('scenarios', () => {
  it('duplicates the plan, switches to the copy, and compares an edit of it with the original', async () => {
    const original = readFile(app.file);
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('duplicate-name').fill('Stretch plan');
    await page.getByTestId('duplicate-scenario').click();
    await expect.poll(() => page.getByTestId('scenario-name').textContent(), { timeout: 60_000 }).toBe('Stretch plan');
    await waitDrawn(page);
    const copy = readFile(app.file);
    expect(copy.scenarioId).not.toBe(original.scenarioId);
    expect(copy.assignments).toEqual(original.assignments);
    expect(copy.history).toEqual([]);

    // Paint one county of the copy into another territory with a plain click.
    const lonLat: [number, number] = [-98.4, 38.4]; // central Kansas, Plains (T05)
    const unit = unitAt(app.file, lonLat);
    await chooseTarget(page, 'T04');
    await page.keyboard.press('v');
    const [x, y] = await screenPoint(page, lonLat);
    await page.mouse.click(x, y);
    await expect.poll(() => readFile(app.file).assignments.get(unit), { timeout: 30_000 }).toBe('T04');
    expect(readFile(app.file, original.scenarioId).assignments.get(unit)).toBe('T05');

    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('compare-with').selectOption(original.scenarioId);
    await expect.poll(() => page.evaluate(() => window.__tesseraStudio!.compareChanged), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('compare-changed-units').textContent()).toBe('1');
    expect(await page.locator('[data-testid="compare-row-T04"] [data-testid="delta-units"]').textContent()).toBe('+1');
    expect(await page.locator('[data-testid="compare-row-T05"] [data-testid="delta-units"]').textContent()).toBe('−1');
    await waitDrawn(page);
  });

  it('switches back to the original scenario', async () => {
    const original = readFile(app.file).scenarios[0]!;
    await page.getByTestId(`scenario-${original.id}`).click();
    await expect.poll(() => page.getByTestId('scenario-name').textContent(), { timeout: 60_000 }).toBe(original.name);
    expect(readFile(app.file).scenarioId).toBe(original.id);
    await waitDrawn(page);
  });
});

describe('history survives a restart', () => {
  it('undoes an edit made before reloading the page and reopening the file in a new service', async () => {
    const before = readFile(app.file);
    await page.getByTestId('open-list-fill').click();
    await page.getByTestId('list-fill-text').fill('08031'); // Denver County, Southwest (T03)
    await chooseTargetInDialog();
    await expect.poll(() => readFile(app.file).assignments.get('08031'), { timeout: 30_000 }).not.toBe(before.assignments.get('08031'));
    const moved = readFile(app.file).assignments.get('08031');

    // Restart: a new service on the same file, a new host, and a fresh page load.
    await app.host.close();
    app.service.close();
    const service = new ProjectService(ProjectStore.open(app.file));
    const host = await startHttpHost({ service, staticDir: await ensureRendererBuilt() });
    // The session now holds the restarted pair, so the file's afterAll closes these.
    app.service = service;
    app.host = host;
    await openApp(page, host.url);
    await waitDrawn(page);
    expect(await page.evaluate(() => window.__tessera!.assignments()['08031'])).toBe(moved);

    await page.getByTestId('tab-history').click();
    await expect.poll(async () => (await historyLabels())[0]).toEqual({ label: `Assign unit 08031 to ${before.territories.get(moved!)!.name}`, undone: false });
    await page.keyboard.press('Control+z');
    await expect.poll(() => readFile(app.file).assignments.get('08031'), { timeout: 30_000 }).toBe(before.assignments.get('08031'));
    await expect.poll(async () => (await historyLabels())[0]?.undone).toBe(true);
    expect(problems).toEqual([]);
  });
});

/** The list-fill dialog assigns to the current target (Great Lakes after the merge test). */
async function chooseTargetInDialog(): Promise<void> {
  await page.getByTestId('list-fill-assign').click();
}

describe('everyday comfort', () => {
  it('finds a county by name, flies to it and selects it', async () => {
    await page.getByTestId('search').fill('Harris');
    await page.getByTestId('search-results').getByText('48201').click();
    await expect.poll(() => page.evaluate(() => window.__tesseraStudio!.selection())).toEqual(['48201']);
    // Flown in: the county's point is near the map's centre.
    const map = (await page.getByTestId('map').boundingBox())!;
    await waitDrawn(page);
    const [x, y] = await screenPoint(page, [-95.4, 29.86]);
    expect(Math.abs(x - (map.x + map.width / 2))).toBeLessThan(60);
    expect(Math.abs(y - (map.y + map.height / 2))).toBeLessThan(60);
    await page.keyboard.press('Escape');
  });

  it('lists the shortcuts on ?, and switches to the dark theme and back', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('help-overlay').textContent()).toContain('Lasso');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-overlay').count()).toBe(0);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await waitDrawn(page);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('says how to start in a plan with no territories', async () => {
    const scenarios = readFile(app.file).scenarios;
    const service = app.service;
    const empty = await service.handlers.duplicateScenario({ scenarioId: scenarios[0]!.id, name: 'Empty plan' });
    const store = ProjectStore.open(app.file, { readonly: true });
    const plan = { assignments: store.assignments(empty.id), territories: new Map(store.territories(empty.id).map((t) => [t.id, t])) };
    store.close();
    for (const id of [...plan.territories.keys()]) {
      const edit = deleteTerritory(plan, id);
      applyOps(plan, edit.ops);
      await service.handlers.applyEdit({ scenarioId: empty.id, edit });
    }
    await service.handlers.switchScenario({ scenarioId: empty.id });
    await expect.poll(() => page.getByTestId('scenario-name').textContent(), { timeout: 60_000 }).toBe('Empty plan');
    await page.getByTestId('tab-territory').click();
    await expect.poll(() => page.getByTestId('no-territories').textContent()).toContain('Create one above');
    expect(problems).toEqual([]);
  });
});
