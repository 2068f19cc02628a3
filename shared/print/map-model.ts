/**
 * The one vector map model behind the SVG, PDF and PPTX exports: units and territories of a plan
 * projected in Web Mercator (the projection of the deck.gl map), fitted into a frame on the page,
 * simplified to the output resolution and cut to the frame, as layers of page shapes.
 *
 * Simplification runs on the topology's arcs (Douglas–Peucker, default 0.25 pt: below what print or
 * a screen shows), and the territory fills and borders are then rebuilt from the simplified arcs
 * with topojson's merge and mesh. A border shared by two units or two territories is therefore one
 * line, simplified once: no slivers or gaps between neighbours, and each border is drawn once.
 */
import { merge, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { MultiPolygon, Position } from 'geojson';
import { clipLines, clipRings, ringBounds } from './clip.ts';
import { polylabel } from './polylabel.ts';
import { simplifyLine } from './simplify.ts';
import { decodeArc } from '../geo/topology-arcs.ts';
import type { Layer, MeasureText, Pt, Rect, Rings, Shape } from './types.ts';

export interface MapTerritory {
  id: string;
  name: string;
  color: string;
}

export interface MapInput {
  /** The project's unit topology (object `units`, geometry ids = unit ids). */
  topology: Topology;
  /** unit id -> territory id */
  assignments: ReadonlyMap<string, string>;
  territories: readonly MapTerritory[];
  /** Land polygons ([lon, lat]) drawn in light grey under and around the plan. */
  land?: readonly MultiPolygon[];
}

export interface MapView {
  frame: Rect;
  /** Territory to centre on, highlighted; the others are drawn muted. */
  focus?: string;
  /** Douglas–Peucker tolerance in points. */
  tolerance?: number;
  labels?: boolean;
  measure?: MeasureText;
  /** Label size in points. */
  labelSize?: number;
  /** Shorten the frame (keeping its top) to the map's own height instead of showing sea above and below. */
  shrinkHeight?: boolean;
  /** Boxes drawn over the map (legend, scale): the map shifts or shrinks a little to keep units out from under them. */
  avoid?: readonly Rect[];
}

/**
 * Where the map goes in its frame: the largest scale (full fit down to 80 %) and position (centred,
 * or pushed to the top and/or right) at which no unit centre lies under a legend or scale box; if
 * none is free, the one with the fewest units covered.
 */
function placeMap(
  frame: Rect,
  margin: number,
  e: { spanX: number; spanY: number; midX: number; midY: number },
  fullScale: number,
  centres: readonly Pt[],
  avoid: readonly Rect[],
): { s: number; cx: number; cy: number } {
  const centred = { s: fullScale, cx: frame.x + frame.w / 2, cy: frame.y + frame.h / 2 };
  if (!avoid.length) return centred;
  const innerTop = frame.y + frame.h * margin;
  const innerRight = frame.x + frame.w * (1 - margin);
  let best = centred;
  let bestCovered = Infinity;
  for (const f of [1, 0.96, 0.92, 0.88, 0.84, 0.8]) {
    const s = fullScale * f;
    const hw = (e.spanX * s) / 2;
    const hh = (e.spanY * s) / 2;
    const spots = [
      { cx: frame.x + frame.w / 2, cy: frame.y + frame.h / 2 },
      { cx: frame.x + frame.w / 2, cy: innerTop + hh },
      { cx: innerRight - hw, cy: frame.y + frame.h / 2 },
      { cx: innerRight - hw, cy: innerTop + hh },
    ];
    for (const spot of spots) {
      let covered = 0;
      for (const [mx, my] of centres) {
        const x = spot.cx + (mx - e.midX) * s;
        const y = spot.cy - (my - e.midY) * s;
        if (avoid.some((r) => x >= r.x - 4 && x <= r.x + r.w + 4 && y >= r.y - 4 && y <= r.y + r.h + 4)) covered++;
      }
      if (covered === 0) return { s, ...spot };
      if (covered < bestCovered) {
        bestCovered = covered;
        best = { s, ...spot };
      }
    }
  }
  return best;
}

export interface MapDrawing {
  frame: Rect;
  layers: Layer[];
  /** Ground metres per point at the map's centre latitude (for the scale bar). */
  metresPerPt: number;
  /** Units of the shown set left out of the extent because they lie far from the rest (Alaska, Hawaii…). */
  outlyingUnits: number;
  /** Vertices drawn after simplification and clipping, and before (for the README's figures). */
  vertices: { drawn: number; source: number };
}

export const MAP_STYLE = {
  sea: '#f4f7fa',
  land: '#e9e9e6',
  unassigned: '#cfcfcf',
  unitBorder: '#ffffff',
  unitBorderWidth: 0.3,
  territoryBorder: '#3a3a3a',
  territoryBorderWidth: 0.8,
  focusBorderWidth: 1.6,
  labelColor: '#1f1f1f',
  mutedLabelColor: '#6b6b6b',
  /** How far muted territories are washed towards white (0..1). */
  muteMix: 0.62,
} as const;

const R = 6378137;
const DEG = Math.PI / 180;

function mercY(lat: number): number {
  const clamped = Math.max(-85, Math.min(85, lat));
  return Math.log(Math.tan(Math.PI / 4 + (clamped * DEG) / 2));
}

const decodedCache = new WeakMap<Topology, Position[][]>();
/** The arcs decoded, once per topology object: a deck draws the same plan on every slide. */
function decodedArcs(topology: Topology): Position[][] {
  let arcs = decodedCache.get(topology);
  if (!arcs) decodedCache.set(topology, (arcs = topology.arcs.map((_, i) => decodeArc(topology, i))));
  return arcs;
}

function arcIndices(g: GeometryObject, out: number[]): number[] {
  const walk = (a: unknown): void => {
    if (typeof a === 'number') out.push(a < 0 ? ~a : a);
    else if (Array.isArray(a)) for (const x of a) walk(x);
  };
  if ('arcs' in g) walk(g.arcs);
  return out;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const emptyBox = (): Box => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
function grow(b: Box, o: Box): void {
  b.minX = Math.min(b.minX, o.minX);
  b.minY = Math.min(b.minY, o.minY);
  b.maxX = Math.max(b.maxX, o.maxX);
  b.maxY = Math.max(b.maxY, o.maxY);
}

/**
 * The extent of a set of unit boxes without far outliers. Unit centres are split where they leave a
 * gap wider than a tenth of their span (and 1°) along longitude or latitude; the small groups are
 * left out as long as together they are at most 15 % of the units. A US plan thus shows the lower
 * 48 at a readable scale instead of a continent of sea between Alaska, Hawaii and Puerto Rico, and
 * California's slide is not stretched to Hawaii. Left-out units are counted and the page says so.
 */
export function coreExtent(boxes: readonly Box[]): { box: Box; outlying: number } {
  let kept = boxes.slice();
  const budget = Math.floor(boxes.length * 0.15);
  for (let round = 0; round < 4; round++) {
    const before = kept.length;
    for (const centre of [(b: Box) => (b.minX + b.maxX) / 2, (b: Box) => (b.minY + b.maxY) / 2]) {
      const group = largestGroup(kept, centre);
      if (boxes.length - group.length <= budget) kept = group;
    }
    if (kept.length === before) break;
  }
  const box = emptyBox();
  for (const b of kept) grow(box, b);
  return { box, outlying: boxes.length - kept.length };
}

/** The largest run of boxes whose centres (sorted on one axis) leave no gap wider than a tenth of the span (and 1°). */
function largestGroup(boxes: Box[], centre: (b: Box) => number): Box[] {
  if (boxes.length < 2) return boxes;
  const sorted = [...boxes].sort((a, b) => centre(a) - centre(b));
  const span = centre(sorted[sorted.length - 1]!) - centre(sorted[0]!);
  const gap = Math.max(1, span * 0.1);
  let best: Box[] = [];
  let run: Box[] = [sorted[0]!];
  for (let i = 1; i < sorted.length; i++) {
    if (centre(sorted[i]!) - centre(sorted[i - 1]!) > gap) {
      if (run.length > best.length) best = run;
      run = [];
    }
    run.push(sorted[i]!);
  }
  return run.length > best.length ? run : best;
}

/** Mix a #rrggbb colour towards white by `t` (0..1). */
export function mixWhite(hex: string, t: number): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  if (!/^#[0-9a-f]{6}$/i.test(hex) || Number.isNaN(n)) return hex;
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round(v + (255 - v) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function buildMap(input: MapInput, view: MapView): MapDrawing {
  let { frame } = view;
  const tolerance = view.tolerance ?? 0.25;
  const object = input.topology.objects.units as GeometryCollection | undefined;
  if (!object || object.type !== 'GeometryCollection') throw new Error('The project has no unit topology to draw.');
  const geometries = object.geometries;
  const arcs = decodedArcs(input.topology);
  const arcBoxes = arcs.map((arc) => {
    const b = emptyBox();
    for (const p of arc) grow(b, { minX: p[0]!, minY: p[1]!, maxX: p[0]!, maxY: p[1]! });
    return b;
  });
  const territoryOf = (g: GeometryObject) => input.assignments.get(String(g.id));

  // Extent: the focused territory's units, else every unit of the plan.
  const shown = geometries.filter((g) => (view.focus ? territoryOf(g) === view.focus : true));
  const unitBoxes = shown.map((g) => {
    const b = emptyBox();
    for (const i of arcIndices(g, [])) grow(b, arcBoxes[i]!);
    return b;
  });
  const { box, outlying } = coreExtent(unitBoxes.filter((b) => Number.isFinite(b.minX)));
  if (!Number.isFinite(box.minX)) throw new Error('Nothing to draw: the plan has no unit shapes in this extent.');

  // Fit the Mercator extent into the frame, with a margin (wider around a single territory).
  const margin = view.focus ? 0.1 : 0.03;
  const mx0 = box.minX * DEG;
  const mx1 = box.maxX * DEG;
  const my0 = mercY(box.minY);
  const my1 = mercY(box.maxY);
  const spanX = Math.max(mx1 - mx0, 1e-9);
  const spanY = Math.max(my1 - my0, 1e-9);
  const fullScale = Math.min((frame.w * (1 - 2 * margin)) / spanX, (frame.h * (1 - 2 * margin)) / spanY);
  let avoid = view.avoid ?? [];
  if (view.shrinkHeight) {
    const h = Math.min(frame.h, (spanY * fullScale) / (1 - 2 * margin) + 24);
    // Boxes anchored to the bottom of the frame move up with it.
    avoid = avoid.map((r) => (r.y > frame.y + frame.h / 2 ? { ...r, y: r.y - (frame.h - h) } : r));
    frame = { ...frame, h };
  }
  const midX = (mx0 + mx1) / 2;
  const midY = (my0 + my1) / 2;
  const centres = unitBoxes.filter((b) => Number.isFinite(b.minX)).map((b): Pt => [((b.minX + b.maxX) / 2) * DEG, mercY((b.minY + b.maxY) / 2)]);
  const { s, cx, cy } = placeMap(frame, margin, { spanX, spanY, midX, midY }, fullScale, centres, avoid);
  const project = (p: Position): Pt => [cx + (p[0]! * DEG - midX) * s, cy - (mercY(p[1]!) - midY) * s];
  const centreLat = (2 * Math.atan(Math.exp(midY)) - Math.PI / 2) / DEG;

  // Arcs near the frame at full resolution; far ones coarsely (they are cut away, but merge needs them).
  const near: Rect = { x: frame.x - 50, y: frame.y - 50, w: frame.w + 100, h: frame.h + 100 };
  let source = 0;
  const pageArcs = arcs.map((arc) => {
    source += arc.length;
    const pts = arc.map(project);
    const b = ringBounds(pts);
    const isNear = !(b.maxX < near.x || b.minX > near.x + near.w || b.maxY < near.y || b.minY > near.y + near.h);
    return simplifyLine(pts, isNear ? tolerance : 10);
  });
  const pageTopology = { type: 'Topology', arcs: pageArcs, objects: { units: object } } as unknown as Topology;

  let drawn = 0;
  const rings = (mp: { coordinates: Position[][][] }): Rings => {
    const out = clipRings(mp.coordinates.flat() as Pt[][], frame);
    for (const r of out) drawn += r.length;
    return out;
  };
  const lines = (ls: { coordinates: Position[][] }): Pt[][] => {
    const out = clipLines(ls.coordinates as Pt[][], frame);
    for (const l of out) drawn += l.length;
    return out;
  };

  const layers: Layer[] = [];
  const background: Shape[] = [{ kind: 'box', id: 'sea', rect: frame, fill: MAP_STYLE.sea, stroke: null }];
  // The frame in lon/lat, to skip land rings far away before projecting them.
  const lonAt = (x: number) => ((x - cx) / s + midX) / DEG;
  const latAt = (y: number) => (2 * Math.atan(Math.exp(midY - (y - cy) / s)) - Math.PI / 2) / DEG;
  const lonLatView = { minX: lonAt(frame.x) - 1, maxX: lonAt(frame.x + frame.w) + 1, minY: latAt(frame.y + frame.h) - 1, maxY: latAt(frame.y) + 1 };
  for (const [i, polygon] of (input.land ?? []).entries()) {
    const nearRings = polygon.coordinates.flat().filter((ring) => {
      const b = ringBounds(ring as Pt[]);
      return !(b.maxX < lonLatView.minX || b.minX > lonLatView.maxX || b.maxY < lonLatView.minY || b.minY > lonLatView.maxY);
    });
    const landRings = clipRings(
      nearRings.map((ring) => simplifyLine(ring.map(project), tolerance)),
      frame,
    );
    if (landRings.length) background.push({ kind: 'fill', id: `land-${i}`, rings: landRings, fill: MAP_STYLE.land });
  }
  layers.push({ id: 'base', clip: frame, shapes: background });

  const byTerritory = new Map<string, GeometryObject[]>();
  const unassigned: GeometryObject[] = [];
  const known = new Set(input.territories.map((t) => t.id));
  for (const g of geometries) {
    const t = territoryOf(g);
    if (t !== undefined && known.has(t)) {
      const list = byTerritory.get(t) ?? [];
      list.push(g);
      byTerritory.set(t, list);
    } else unassigned.push(g);
  }
  const mergeOf = (gs: GeometryObject[]) => merge(pageTopology, gs as Parameters<typeof merge>[1]);

  const fills: Shape[] = [];
  if (unassigned.length) {
    const r = rings(mergeOf(unassigned));
    if (r.length) fills.push({ kind: 'fill', id: 'unassigned', rings: r, fill: MAP_STYLE.unassigned });
  }
  const territoryPolygons = new Map<string, Position[][][]>();
  for (const t of input.territories) {
    const members = byTerritory.get(t.id);
    if (!members?.length) continue;
    const merged = mergeOf(members);
    territoryPolygons.set(t.id, merged.coordinates);
    const r = rings(merged);
    const muted = view.focus !== undefined && t.id !== view.focus;
    if (r.length) fills.push({ kind: 'fill', id: `territory-${t.id}`, rings: r, fill: muted ? mixWhite(t.color, MAP_STYLE.muteMix) : t.color });
  }
  layers.push({ id: 'territories', clip: frame, shapes: fills });

  const key = (g: GeometryObject) => territoryOf(g) ?? '';
  // Around a focused territory only its own unit borders: the muted neighbours stay quiet (and the slide light).
  const unitBorders = lines(
    mesh(pageTopology, object as never, ((a: GeometryObject, b: GeometryObject) => a !== b && key(a) === key(b) && (!view.focus || key(a) === view.focus)) as never),
  );
  const territoryBorders = lines(mesh(pageTopology, object as never, ((a: GeometryObject, b: GeometryObject) => a === b || key(a) !== key(b)) as never));
  layers.push({
    id: 'unit-borders',
    clip: frame,
    shapes: [{ kind: 'lines', id: 'unit-borders', lines: unitBorders, stroke: MAP_STYLE.unitBorder, width: MAP_STYLE.unitBorderWidth }],
  });
  const borders: Shape[] = [
    { kind: 'lines', id: 'territory-borders', lines: territoryBorders, stroke: MAP_STYLE.territoryBorder, width: MAP_STYLE.territoryBorderWidth },
  ];
  if (view.focus && byTerritory.get(view.focus)?.length) {
    const outline = lines(mesh(pageTopology, object as never, ((a: GeometryObject, b: GeometryObject) =>
      (key(a) === view.focus) !== (key(b) === view.focus) || (a === b && key(a) === view.focus)) as never));
    borders.push({ kind: 'lines', id: 'focus-outline', lines: outline, stroke: MAP_STYLE.territoryBorder, width: MAP_STYLE.focusBorderWidth });
  }
  layers.push({ id: 'territory-borders', clip: frame, shapes: borders });

  if (view.labels) layers.push({ id: 'labels', shapes: labelShapes(input.territories, territoryPolygons, view) });

  return {
    frame,
    layers,
    metresPerPt: (R * Math.cos(centreLat * DEG)) / s,
    outlyingUnits: outlying,
    vertices: { drawn, source },
  };
}

/** A name at the pole of inaccessibility of each territory's largest visible piece, if it fits. */
function labelShapes(territories: readonly MapTerritory[], polygons: Map<string, Position[][][]>, view: MapView): Shape[] {
  const size = view.labelSize ?? 9;
  const out: Shape[] = [];
  const inner: Rect = { x: view.frame.x + 4, y: view.frame.y + 4, w: view.frame.w - 8, h: view.frame.h - 8 };
  for (const t of territories) {
    const pieces = polygons.get(t.id);
    if (!pieces) continue;
    let best: { at: Pt; room: number } | null = null;
    for (const poly of pieces) {
      const clipped = clipRings(poly as Pt[][], inner);
      if (!clipped.length) continue;
      const label = polylabel(clipped, 0.5);
      if (label && (!best || label.room > best.room)) best = label;
    }
    if (!best) continue;
    const focus = view.focus === t.id;
    const muted = view.focus !== undefined && !focus;
    const textSize = focus ? size * 1.25 : size;
    const width = view.measure ? view.measure(t.name, textSize, true) : t.name.length * textSize * 0.55;
    // Room is the distance to the nearest edge; a label may overhang a wide piece a little.
    if (!focus && (best.room < textSize * 0.7 || width > best.room * 3.4)) continue;
    const x = Math.min(Math.max(best.at[0], inner.x + width / 2), inner.x + inner.w - width / 2);
    out.push({
      kind: 'text',
      id: `label-${t.id}`,
      text: t.name,
      x,
      y: best.at[1] + textSize * 0.35,
      size: textSize,
      bold: true,
      color: muted ? MAP_STYLE.mutedLabelColor : MAP_STYLE.labelColor,
      anchor: 'middle',
      halo: true,
    });
  }
  return out;
}
