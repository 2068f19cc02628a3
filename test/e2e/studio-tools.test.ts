/**
 * The studio's map tools in real Chromium on the demo project, each checked in the project FILE:
 * shift-click and box select, lasso + Enter, a brush stroke (one edit, one undo), the eraser,
 * select by attribute, fill from a pasted list with unknown IDs reported, and a locked territory
 * that tools leave alone.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, withDemoInChromium } from './support/app-session.ts';
import { chooseTarget, drag, readFile, screenPoint, selection, unitAt, unitsByBox, waitDrawn } from './support/studio.ts';

let app: AppSession;
let page: Page;
let problems: string[];
// Software WebGL: a pick or a redraw of the demo takes up to a second or so.
vi.setConfig({ testTimeout: 180_000 });

withDemoInChromium((session) => ({ app, page, problems } = session));

/** Kansas, well inside the Plains territory (T05). */
const KANSAS: [number, number, number, number] = [-100.6, 37.4, -96.4, 39.6];

describe('selection tools', () => {
  it('lasso selects the units drawn around, and Enter assigns them as one edit', async () => {
    const { inside, outside } = unitsByBox(app.file, KANSAS);
    expect(inside.length).toBeGreaterThan(20);
    const before = readFile(app.file);
    await chooseTarget(page, 'T04');
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => window.__tesseraStudio!.tool)).toBe('lasso');
    const [w, s, e, n] = KANSAS;
    await drag(page, [[w, s], [w, n], [(w + e) / 2, n + 0.05], [e, n], [e, s], [w, s]]);
    await expect.poll(() => selection(page).then((ids) => ids.length)).toBeGreaterThan(0);
    const selected = new Set(await selection(page));
    for (const id of inside) expect(selected.has(id), `unit ${id} inside the lasso`).toBe(true);
    for (const id of selected) expect(outside.has(id), `unit ${id} outside the lasso`).toBe(false);
    await expect.poll(() => page.getByTestId('selection-units').textContent()).toBe(String(selected.size));

    await page.keyboard.press('Enter');
    await expect.poll(() => [...selected].every((id) => readFile(app.file).assignments.get(id) === 'T04'), { timeout: 30_000 }).toBe(true);
    const after = readFile(app.file);
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.history.at(-1)!.label).toBe(`Assign ${selected.size} units to Texas & Oklahoma`);
    await waitDrawn(page);
  });

  it('box select with Shift adds to the selection; Esc clears it', async () => {
    const before = (await selection(page)).length;
    await page.keyboard.press('b');
    const box: [number, number, number, number] = [-104.5, 41.2, -102.2, 42.9]; // western Nebraska
    const { inside } = unitsByBox(app.file, box);
    expect(inside.length).toBeGreaterThan(3);
    await page.keyboard.down('Shift');
    await drag(page, [[box[0], box[1]], [box[2], box[3]]]);
    await page.keyboard.up('Shift');
    await expect.poll(() => selection(page).then((ids) => ids.length)).toBeGreaterThanOrEqual(before + inside.length);
    const selected = new Set(await selection(page));
    for (const id of inside) expect(selected.has(id)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => selection(page).then((ids) => ids.length)).toBe(0);
  });

  it('select tool: click selects, Shift+click adds', async () => {
    await page.keyboard.press('s');
    const a = unitAt(app.file, [-99.0, 35.5]);
    const b = unitAt(app.file, [-97.5, 35.5]);
    await waitDrawn(page);
    const [ax, ay] = await screenPoint(page, [-99.0, 35.5]);
    const [bx, by] = await screenPoint(page, [-97.5, 35.5]);
    await page.mouse.click(ax, ay);
    await expect.poll(() => selection(page)).toEqual([a]);
    await page.keyboard.down('Shift');
    await page.mouse.click(bx, by);
    await page.keyboard.up('Shift');
    await expect.poll(() => selection(page).then((ids) => ids.sort())).toEqual([a, b].sort());
    await page.keyboard.press('Escape');
  });

  it('selects by attribute (State = Texas)', async () => {
    const texas = [...readFile(app.file).assignments.keys()].filter((id) => id.startsWith('48')).length;
    await page.getByTestId('open-attribute-select').click();
    await page.getByTestId('attribute-field').selectOption('state');
    await page.getByTestId('attribute-value').fill('texas');
    await expect.poll(() => page.getByTestId('attribute-count').textContent()).toBe(`${texas} matching units`);
    await page.getByTestId('attribute-apply').click();
    await expect.poll(() => selection(page).then((ids) => ids.length)).toBe(texas);
    expect((await selection(page)).every((id) => id.startsWith('48'))).toBe(true);
    await page.keyboard.press('Escape');
  });
});

describe('painting tools', () => {
  it('a brush stroke paints the units it crosses as one edit, and one Ctrl+Z reverts it all', async () => {
    const path: [number, number][] = [[-95.6, 42.1], [-94.2, 42.1], [-92.6, 42.1]]; // across Iowa
    const crossed = path.map((p) => unitAt(app.file, p));
    const before = readFile(app.file);
    expect(crossed.every((id) => before.assignments.get(id) === 'T05')).toBe(true);
    await chooseTarget(page, 'T06');
    await page.keyboard.press('p');
    await waitDrawn(page);
    await drag(page, path);
    await expect.poll(() => crossed.every((id) => readFile(app.file).assignments.get(id) === 'T06'), { timeout: 30_000 }).toBe(true);
    const after = readFile(app.file);
    expect(after.history.length).toBe(before.history.length + 1);
    const moved = [...after.assignments].filter(([id, t]) => before.assignments.get(id) !== t).map(([id]) => id);
    expect(after.history.at(-1)!.label).toBe(`Assign ${moved.length} units to Great Lakes`);
    expect(moved.length).toBeGreaterThanOrEqual(crossed.length);

    await page.keyboard.press('Control+z');
    await expect.poll(() => moved.every((id) => readFile(app.file).assignments.get(id) === before.assignments.get(id)), { timeout: 30_000 }).toBe(true);
    await waitDrawn(page);
  });

  it('the eraser unassigns the units it crosses, as one edit', async () => {
    const path: [number, number][] = [[-100.2, 41.6], [-98.6, 41.6]]; // central Nebraska
    const crossed = path.map((p) => unitAt(app.file, p));
    const before = readFile(app.file);
    await page.keyboard.press('e');
    await waitDrawn(page);
    await drag(page, path);
    await expect.poll(() => crossed.every((id) => !readFile(app.file).assignments.has(id)), { timeout: 30_000 }).toBe(true);
    const after = readFile(app.file);
    // The new edit dropped the undone brush stroke (the redo branch) and added itself.
    expect(after.history.filter((h) => !h.undone).length).toBe(before.history.filter((h) => !h.undone).length + 1);
    expect(after.history.at(-1)!.label).toMatch(/^Unassign \d+ units$/);
    await waitDrawn(page);
  });

  it('fills a territory from a pasted list, reporting unknown IDs', async () => {
    await chooseTarget(page, 'T12');
    await page.getByTestId('open-list-fill').click();
    await page.getByTestId('list-fill-text').fill('17031, 17043\n99999; nonsense 17031');
    await expect.poll(() => page.getByTestId('list-fill-report').textContent()).toBe('2 known units · 2 unknown: 99999, nonsense');
    await page.getByTestId('list-fill-assign').click();
    await expect.poll(() => ['17031', '17043'].map((id) => readFile(app.file).assignments.get(id)), { timeout: 30_000 }).toEqual(['T12', 'T12']);
    expect(readFile(app.file).history.at(-1)!.label).toBe('Assign 2 units to New England');
    await waitDrawn(page);
  });

  it('leaves a locked territory alone: the brush does not take its units', async () => {
    await chooseTarget(page, 'T08');
    await page.getByTestId('tab-territory').click();
    await page.getByTestId('territory-lock').check();
    await expect.poll(() => readFile(app.file).territories.get('T08')?.locked, { timeout: 30_000 }).toBe(true);
    const path: [number, number][] = [[-89.8, 32.6], [-88.9, 32.6]]; // Mississippi (T08)
    const crossed = path.map((p) => unitAt(app.file, p));
    const historyBefore = readFile(app.file).history.length;
    await chooseTarget(page, 'T04');
    await page.keyboard.press('p');
    await drag(page, path);
    await waitDrawn(page);
    // A further, unlocked edit proves the stroke was processed before it.
    await page.getByTestId('open-list-fill').click();
    await page.getByTestId('list-fill-text').fill('06037'); // Los Angeles County, California (T02)
    await page.getByTestId('list-fill-assign').click();
    await expect.poll(() => readFile(app.file).history.length, { timeout: 30_000 }).toBeGreaterThan(historyBefore);
    const state = readFile(app.file);
    expect(crossed.map((id) => state.assignments.get(id))).toEqual(crossed.map(() => 'T08'));
    expect(problems).toEqual([]);
  });
});
