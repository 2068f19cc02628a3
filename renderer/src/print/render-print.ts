/**
 * One print, start to end: the page layout for the options, the map drawn by tiles with the
 * on-screen map's layers, then title, legend, scale bar, north arrow, credits and (optionally)
 * territory labels around and over it, on one 2D canvas. The dialog's preview is the same call at
 * a smaller `renderWidth` with the full size's proportions.
 */
import { WebMercatorViewport } from '@deck.gl/core';
import { layoutScale, type PrintOptions } from '../../../shared/image/print-options.ts';
import { decodeUnits } from '../map/unit-geometry.ts';
import { PRINT_CREDITS } from './credits.ts';
import { SCALE_BOX_HEIGHT, drawLegend, drawMapBorder, drawPageFrame, drawRepTags, drawScaleAndNorth, drawTerritoryLabels, type LabelSpot, type RepTag, type TerritoryKey } from './draw-page.ts';
import { renderMapTiles, type TileProgress } from './map-tiles.ts';
import { pageLayout, type PageLayout } from './page-layout.ts';
import { fitFrame, mapFrame } from './print-extent.ts';
import { PRINT_WATER, printLayers } from './print-layers.ts';
import type { PrintSource } from './print-source.ts';
import { unitAnchors } from '../map/unit-anchors.ts';
import { repMarkers, repTagWidth, tagPlace, type RepMarker } from '../map/point-layers.ts';
import { placeRepLabels, repMarkerBox, repTagBox } from '../map/rep-label-placement.ts';


export interface PrintRun {
  /** Output width; default the options' width (smaller for a preview). */
  renderWidth?: number;
  /** Largest map tile (tests use small tiles to exercise stitching). */
  tileSize?: number;
  onProgress?(progress: TileProgress): void;
  signal?: AbortSignal;
}

export interface PrintResult {
  canvas: HTMLCanvasElement;
  layout: PageLayout;
  tiles: number;
  labels: number;
}

export async function renderPrint(source: PrintSource, options: PrintOptions, run: PrintRun = {}): Promise<PrintResult> {
  const width = Math.round(run.renderWidth ?? options.width);
  const s = layoutScale(options.width, options.dpi) * (width / options.width);
  const frame = mapFrame(source, options.extent);
  const keys = territoryKeys(source);
  let layout = pageLayout(width, s, frame.aspect);
  let padding = { top: 0, right: 0, bottom: 0, left: 0 };
  // The height the legend's columns are fitted to (drawLegend); the current view's floating legend fits the map.
  let legendRoom: number | undefined;
  if (options.extent.kind !== 'view') {
    // A whole-plan or territory map keeps a column on the left for the legend and a band at the
    // bottom for the scale bar, so neither covers a territory; the page grows instead.
    const scratch = document.createElement('canvas').getContext('2d')!;
    legendRoom = 1e6;
    let legend = drawLegend(scratch, layout, source.fillScale.legend, keys, legendRoom);
    const pad = Math.round(14 * s);
    // Rep name tags extend east of their marker: keep room for the widest on the right.
    const repTag = Math.max(0, ...source.data.reps.map((r) => (26 + repTagWidth(r.name)) * s));
    padding = { top: pad, right: pad + Math.round(repTag), bottom: Math.round(SCALE_BOX_HEIGHT * s) + 2 * pad, left: Math.round(legend.width) + 2 * pad };
    const mapWidth = layout.map.width;
    if (padding.left + padding.right > mapWidth * 0.6) {
      // A narrow page has no room for the column: the legend takes a band below the plan instead,
      // in as many columns as the unpadded map's height asks for, beside the scale bar.
      legendRoom = layout.map.height;
      legend = drawLegend(scratch, layout, source.fillScale.legend, keys, legendRoom);
      padding = { top: pad, right: pad, bottom: Math.round(Math.max(legend.height, SCALE_BOX_HEIGHT * s)) + 2 * pad, left: pad };
    }
    const fitted = (mapWidth - padding.left - padding.right) * frame.aspect + padding.top + padding.bottom;
    layout = pageLayout(width, s, Math.max(fitted, legend.height + 2 * pad) / mapWidth);
  }
  const { map } = layout;
  const view = fitFrame(frame, map.width, map.height, padding);
  const viewport = new WebMercatorViewport({ width: map.width, height: map.height, ...view });
  const markers = placedRepMarkers(source, viewport, s, padding.left);

  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext('2d');
  if (!context || canvas.width !== layout.width) {
    throw new Error(`The browser cannot make a ${layout.width.toLocaleString('en-US')} × ${layout.height.toLocaleString('en-US')} px image: it is larger than its canvas limit.`);
  }
  drawPageFrame(context, layout, pageText(source, options));
  const tiles = await renderMapTiles({
    layers: printLayers(source, s, markers),
    view,
    width: map.width,
    height: map.height,
    background: PRINT_WATER,
    target: { context, x: map.x, y: map.y },
    tileSize: run.tileSize,
    onTile: run.onProgress,
    signal: run.signal,
  });
  const reps = repsOnPage(layout, markers, viewport);
  drawRepTags(context, layout, reps.tags);
  drawMapBorder(context, layout);
  const legendBox = drawLegend(context, layout, source.fillScale.legend, keys, legendRoom);
  const scaleBox = drawScaleAndNorth(context, layout, viewport);
  const labels = options.labels
    ? drawTerritoryLabels(context, layout, labelSpots(source, viewport), [legendBox, scaleBox, ...reps.boxes])
    : 0;
  return { canvas, layout, tiles, labels };
}

function pageText(source: PrintSource, options: PrintOptions) {
  const { data, plan } = source;
  const date = new Date();
  const territories = plan.territories.size;
  const units = data.units.length;
  const subtitle = [
    `Scenario “${data.scenario.name}”`,
    `${territories.toLocaleString('en-US')} ${territories === 1 ? 'territory' : 'territories'}`,
    `${units.toLocaleString('en-US')} units`,
    date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }),
  ].join('  ·  ');
  return { title: options.title, subtitle, credits: PRINT_CREDITS, imprint: `Made with Tessera · ${date.toISOString().slice(0, 10)}` };
}

/**
 * The rep markers with their name tags placed as on screen (rep-label-placement.ts), clear of each
 * other and within the printed map east of `westPx` (the legend's column). Sizes on the page are
 * the screen's times `s`, which places like the screen's sizes at a zoom log2(s) lower.
 */
function placedRepMarkers(source: PrintSource, viewport: WebMercatorViewport, s: number, westPx: number): RepMarker[] {
  const [west, south] = viewport.unproject([westPx, viewport.height]) as [number, number];
  const [east, north] = viewport.unproject([viewport.width, 0]) as [number, number];
  const markers = repMarkers(source.data.reps, source.plan.territories.values());
  return placeRepLabels(markers, viewport.zoom - Math.log2(s), [[west, south], [east, north]], repTagWidth, { margins: { eastPx: 0, westPx: 0 } });
}

/**
 * Where the rep markers and their name tags fall on the page: the tags to write (drawRepTags), and
 * the boxes of markers and tags, which territory names keep clear of.
 */
function repsOnPage(layout: PageLayout, markers: readonly RepMarker[], viewport: WebMercatorViewport) {
  const { s, map } = layout;
  const tags: RepTag[] = [];
  const boxes = markers.flatMap((marker) => {
    const [x, y] = viewport.project(marker.rep.location) as [number, number];
    const at: [number, number] = [map.x + x, map.y + y];
    if (marker.tagHidden) return [repMarkerBox(at, s)];
    const place = tagPlace(marker);
    tags.push({ text: marker.rep.name, anchor: place.anchor, x: at[0] + place.offset[0] * s, y: at[1] + place.offset[1] * s });
    return [repMarkerBox(at, s), repTagBox(at, repTagWidth(marker.rep.name) * s, place, s)];
  });
  return { tags, boxes: boxes.map((b) => ({ x: b.left, y: b.top, width: b.right - b.left, height: b.bottom - b.top })) };
}

/** Default title: project and scenario. */
export function defaultPrintTitle(source: Pick<PrintSource, 'data'>): string {
  return `${source.data.projectName} — ${source.data.scenario.name}`;
}

function territoryKeys({ data, plan }: PrintSource): TerritoryKey[] {
  const repName = new Map(data.reps.map((r) => [r.id, r.name]));
  return [...plan.territories.values()].map((t) => ({ name: t.name, color: t.color, rep: t.repId ? (repName.get(t.repId) ?? null) : null }));
}

/**
 * Where each territory's name may go: member units nearest the territory's area-weighted centre
 * first (so a crescent's label sits on its own land), largest territory first.
 */
function labelSpots(source: PrintSource, viewport: WebMercatorViewport): LabelSpot[] {
  const anchors = unitAnchors(decodeUnits(source.data.unitTopology));
  const groups = new Map<string, typeof anchors>();
  for (const anchor of anchors) {
    const territoryId = source.plan.assignments.get(anchor.id);
    if (territoryId === undefined || !Number.isFinite(anchor.at[0])) continue;
    let group = groups.get(territoryId);
    if (!group) groups.set(territoryId, (group = []));
    group.push(anchor);
  }
  const spots: (LabelSpot & { area: number })[] = [];
  const [width, height] = [viewport.width, viewport.height];
  for (const [territoryId, all] of groups) {
    const territory = source.plan.territories.get(territoryId);
    if (!territory) continue;
    // Only the units on this map: Alaska must not pull the Northwest's label into the Pacific.
    const members = all.filter((m) => {
      const [x, y] = viewport.project(m.at);
      return x! >= 0 && y! >= 0 && x! <= width && y! <= height;
    });
    if (members.length === 0) continue;
    let area = 0;
    let x = 0;
    let y = 0;
    for (const m of members) {
      area += m.area;
      x += m.at[0] * m.area;
      y += m.at[1] * m.area;
    }
    if (area <= 0) continue;
    const centre: [number, number] = [x / area, y / area];
    // Member units nearest the centre first; every few units, so a blocked spot has alternatives.
    const byDistance = members
      .map((m) => ({ m, d: (m.at[0] - centre[0]) ** 2 + (m.at[1] - centre[1]) ** 2 }))
      .sort((a, b) => a.d - b.d);
    const step = Math.max(1, Math.floor(byDistance.length / 40));
    const candidates = byDistance
      .filter((_, i) => i % step === 0)
      .map(({ m }) => {
        const [px, py] = viewport.project(m.at);
        return [px!, py!] as [number, number];
      });
    spots.push({ text: territory.name, candidates, area });
  }
  return spots.sort((a, b) => b.area - a.area);
}
