/**
 * SVG, PDF and PPTX exports, each checked by an outside reader: poppler for the PDF (page size,
 * text, pixels), Chromium for the SVG (it parses and draws the territory colours), LibreOffice
 * Impress for the deck (it opens and converts it; one page per slide with the names and reps), and
 * an XML parser for every slide. Bad input fails plainly and leaves no file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../main/export/export-project.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { buildRiProject } from '../fixtures/export-ri-project.ts';
import { tessera } from '../helpers/cli.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';
import { countColours, inkShare, pdfImageCount, pdfInfo, pdfPage, pdfText, pptxToPdf, svgInChromium } from './export-vector-support.ts';

let demo: string;
let ri: string;
let demoTerritories: { id: string; name: string; color: string; rep: string | null }[];

beforeAll(async () => {
  demo = await demoProject();
  ri = path.join(tempDir(), 'ri.gpkg');
  buildRiProject(ri);
  const store = ProjectStore.open(demo, { readonly: true });
  try {
    const reps = new Map(store.reps().map((r) => [r.id, r.name]));
    demoTerritories = store.territories(store.activeScenario().id).map((t) => ({ id: t.id, name: t.name, color: t.color, rep: t.repId ? reps.get(t.repId)! : null }));
  } finally {
    store.close();
  }
}, 120_000);

/** Parse XML strictly: any error or warning of the parser fails. */
function parseXml(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

describe('PDF', () => {
  it('an A4 landscape page of vector paths and real text, drawing every territory colour', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'plan.pdf');
    const result = await exportProject({ project: demo, format: 'pdf', out, title: 'Sales territories 2026', labels: true });
    expect(result).toMatchObject({ format: 'pdf', layers: [{ name: 'territories', features: 12 }] });
    expect(pdfInfo(out)).toEqual({ pages: 1, width: 841.89, height: 595.28 });
    expect(pdfImageCount(out)).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('Sales territories 2026');
    for (const t of demoTerritories) expect(text).toContain(t.name);
    expect(text).toMatch(/\d[\d,]* km/);
    expect(text).toContain('SimpleMaps');
    const page = pdfPage(out, 1, 50);
    expect(page.width).toBe(Math.round((841.89 / 72) * 50));
    expect(inkShare(page)).toBeGreaterThan(0.3);
    const counts = countColours(page, demoTerritories.map((t) => t.color));
    for (const t of demoTerritories) expect(counts[t.color], `${t.name} ${t.color}`).toBeGreaterThan(20);
    expect(fs.readdirSync(dir)).toEqual(['plan.pdf']);
  }, 120_000);

  it('--page letter gives a US Letter landscape page', async () => {
    const out = path.join(tempDir(), 'plan.pdf');
    await exportProject({ project: ri, format: 'pdf', out, page: 'letter' });
    expect(pdfInfo(out)).toMatchObject({ pages: 1, width: 792, height: 612 });
    const text = pdfText(out);
    expect(text).toContain('Providence');
    expect(text).toContain('Rest of Rhode Island');
  }, 60_000);

  it('names in other scripts come out as text in embedded DejaVu Sans; what it cannot draw becomes "?"', async () => {
    const file = path.join(tempDir(), 'ri-unicode.gpkg');
    fs.copyFileSync(ri, file);
    const store = ProjectStore.open(file);
    try {
      const scenario = store.activeScenario().id;
      const [first, second] = store.territories(scenario);
      store.upsertTerritory(scenario, { ...first!, name: 'Łódź – Москва' });
      store.upsertTerritory(scenario, { ...second!, name: 'Αθήνα 東京' });
    } finally {
      store.close();
    }
    const out = path.join(tempDir(), 'plan.pdf');
    await exportProject({ project: file, format: 'pdf', out, title: 'Régions – Регионы', labels: true });
    const text = pdfText(out);
    expect(text).toContain('Régions – Регионы');
    expect(text).toContain('Łódź – Москва');
    expect(text).toContain('Αθήνα ??');
    // Latin-1 text stays in the standard Helvetica; the rest is in the embedded subset.
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/Helvetica/);
  }, 60_000);
});

describe('SVG', () => {
  it('well-formed XML, layers with ids, escaped text; Chromium draws it with the territory colours', async () => {
    const out = path.join(tempDir(), 'plan.svg');
    // The RI project's rep is called '=Bob "Bobby" Tables': quotes must come out escaped.
    await exportProject({ project: ri, format: 'svg', out, title: 'Rhode Island <draft> & "more"', labels: true });
    const svg = fs.readFileSync(out, 'utf8');
    const doc = parseXml(svg);
    const root = doc.documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 841.89 595.28');
    expect(root.getAttribute('width')).toBe('841.89pt');
    const ids = Array.from(root.getElementsByTagName('g')).map((g) => g.getAttribute('id'));
    expect(ids).toEqual(expect.arrayContaining(['title', 'base', 'territories', 'unit-borders', 'territory-borders', 'labels', 'legend', 'scale', 'credits']));
    expect(doc.getElementById('territory-PVD')?.getAttribute('fill')).toBe('#4e79a7');
    const texts = Array.from(root.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toContain('Rhode Island <draft> & "more"');
    expect(texts).toContain('=Bob "Bobby" Tables');
    const drawn = await svgInChromium(svg, ['#4e79a7', '#f28e2b']);
    expect(drawn.error).toBeUndefined();
    expect(drawn.width).toBeGreaterThan(800);
    expect(drawn.counts['#4e79a7']).toBeGreaterThan(1000);
    expect(drawn.counts['#f28e2b']).toBeGreaterThan(1000);
  }, 120_000);
});

describe('PPTX', () => {
  it('LibreOffice opens the deck: an overview and one slide per territory, names and reps as text, slide XML well-formed', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'plan.pptx');
    const stages: string[] = [];
    await exportProject({ project: demo, format: 'pptx', out, title: 'Plan review', progress: (p) => stages.push(`${p.stage} ${p.done}/${p.total}`) });
    expect(stages).toContain('pptx slides 12/13');
    const zip = unzipSync(fs.readFileSync(out));
    const slides = Object.keys(zip).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(13);
    for (const name of Object.keys(zip).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) parseXml(strFromU8(zip[name]!));
    // Maps are native custom-geometry shapes, not pictures.
    const overview = strFromU8(zip['ppt/slides/slide1.xml']!);
    expect(overview).toContain('<a:custGeom>');
    expect(Object.keys(zip).filter((n) => n.startsWith('ppt/media/') && !n.endsWith('/'))).toEqual([]);
    expect(overview).toContain('<a:tbl>');

    const pdf = pptxToPdf(out, tempDir());
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(13);
    // 13.333 × 7.5 in; LibreOffice rounds the width to 960.009 pt.
    expect(info.width).toBeCloseTo(960, 1);
    expect(info.height).toBeCloseTo(540, 1);
    const text = pdfText(pdf);
    for (const t of demoTerritories) {
      expect(text).toContain(t.name);
      expect(text).toContain(t.rep!);
    }
    const firstTerritory = pdfPage(pdf, 2, 40);
    expect(inkShare(firstTerritory)).toBeGreaterThan(0.2);
    const colour = demoTerritories[0]!.color;
    expect(countColours(firstTerritory, [colour])[colour]).toBeGreaterThan(500);
    expect(fs.readdirSync(dir)).toEqual(['plan.pptx']);
  }, 300_000);
});

describe('bad input fails plainly and leaves nothing behind', () => {
  it('an unknown scenario, a bad page size, --what, a missing or read-only folder', async () => {
    const dir = tempDir();
    await expect(exportProject({ project: ri, format: 'pdf', out: path.join(dir, 'x.pdf'), scenario: 'Nope' })).rejects.toThrow(/Scenario "Nope" does not exist/);
    await expect(exportProject({ project: ri, format: 'svg', out: path.join(dir, 'x.svg'), page: 'a3' })).rejects.toThrow(/--page must be a4 or letter/);
    await expect(exportProject({ project: ri, format: 'pptx', out: path.join(dir, 'x.pptx'), what: 'units' })).rejects.toThrow(/--what does not apply to PPTX/);
    await expect(exportProject({ project: ri, format: 'pdf', out: path.join(dir, 'no', 'x.pdf') })).rejects.toThrow(/folder .* does not exist/);
    if (process.getuid?.() !== 0) {
      const ro = path.join(dir, 'ro');
      fs.mkdirSync(ro, { mode: 0o555 });
      await expect(exportProject({ project: ri, format: 'pdf', out: path.join(ro, 'x.pdf') })).rejects.toThrow(/permission denied/);
      expect(fs.readdirSync(ro)).toEqual([]);
    }
    expect(fs.readdirSync(dir).filter((f) => f !== 'ro')).toEqual([]);
  }, 60_000);

  it('a scenario without territories says there is nothing to draw', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'empty.gpkg');
    fs.copyFileSync(ri, project);
    const store = ProjectStore.open(project);
    try {
      store.createScenario({ id: 'S3', name: 'Blank' });
    } finally {
      store.close();
    }
    for (const format of ['svg', 'pdf', 'pptx']) {
      await expect(exportProject({ project, format, out: path.join(dir, `x.${format}`), scenario: 'Blank' })).rejects.toThrow(/has no territories with units yet/);
    }
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('empty.gpkg'))).toEqual([]);
  }, 60_000);

  it('a failure between slides leaves no partial deck, and an older file survives', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'deck.pptx');
    const failAtThird = (p: { stage: string; done: number }) => {
      if (p.stage === 'pptx slides' && p.done === 3) throw new Error('forced failure at slide 3');
    };
    await expect(exportProject({ project: demo, format: 'pptx', out, progress: failAtThird })).rejects.toThrow(/forced failure/);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.writeFileSync(out, 'previous deck');
    await expect(exportProject({ project: demo, format: 'pptx', out, progress: failAtThird })).rejects.toThrow(/forced failure/);
    expect(fs.readdirSync(dir)).toEqual(['deck.pptx']);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous deck');
  }, 120_000);

  it('the CLI writes a deck with per-slide progress, and answers an unknown scenario plainly', () => {
    const dir = tempDir();
    const ok = tessera('export', ri, '--format', 'pptx', '--out', path.join(dir, 'ri.pptx'), '--title', 'RI', '--labels');
    expect(ok.stderr).toContain('pptx slides 1/3');
    expect(ok.stdout).toMatch(/Wrote .*ri\.pptx \(pptx; scenario "Base plan"\): territories 2\./);
    expect(ok.status).toBe(0);
    // The RI rep '=Bob "Bobby" Tables' goes through pptxgenjs's XML escaping.
    const zip = unzipSync(fs.readFileSync(path.join(dir, 'ri.pptx')));
    const slides = Object.keys(zip).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(3);
    for (const name of slides) parseXml(strFromU8(zip[name]!));
    expect(strFromU8(zip['ppt/slides/slide3.xml']!)).toContain('=Bob &quot;Bobby&quot; Tables');
    const bad = tessera('export', ri, '--format', 'pdf', '--out', path.join(dir, 'x.pdf'), '--scenario', 'Nope');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Scenario "Nope" does not exist/);
    expect(fs.readdirSync(dir)).toEqual(['ri.pptx']);
  }, 120_000);
});
