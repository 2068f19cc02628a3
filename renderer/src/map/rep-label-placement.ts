/**
 * Where each rep's name tag goes at a zoom: east of its marker unless another of six places (west,
 * or above / below leaning east or west) covers less of the other reps' markers and tags, ends less
 * close to another rep's marker (where it would read as that rep's name), and stays on the map:
 * within a little east and west of the units (the fitted map's ends; past them a tag runs under the
 * panel or the tool bar) and, once the map is panned or zoomed, within the part in view. Each tag in
 * turn takes its best place given the others', until none moves; a tag that still covers another tag
 * or a marker there is left out. Positions are screen pixels at the zoom (deck.gl's Web Mercator);
 * repLayers (point-layers.ts) draws the tags where placed. The print places its tags the same way
 * within its map (render-print.ts).
 */
import { WebMercatorViewport } from '@deck.gl/core';
import type { Rep } from '../../../shared/model/project.ts';
import type { LonLatBox } from './units-extent.ts';

/** Pixels between a rep's marker and its name tag beside it. */
const REP_TAG_OFFSET_PX = 11;

/** Tag geometry of repLayers (point-layers.ts): 12 px text beside a 6 px marker, padded 5 x 2 px. */
const TAG_PAD_X = 5;
const TAG_HALF_HEIGHT = 10;
const MARKER_HALF = 8;
/** How far a tag may reach past the east and west ends of the box it is placed in, in pixels. */
export interface TagMargins {
  eastPx: number;
  westPx: number;
}
/** The on-screen map: the fitted view keeps 40 px east of the units (its right padding, initial-view.ts) and 10 px west of them clear of the tool bar. */
const ON_SCREEN_MARGINS: TagMargins = { eastPx: 40, westPx: 10 };
/** How far inside the map's view tags keep, px: on the left, clear of the tool bar (12 px from the edge, 40 px wide: studio.css). */
const VIEW_INSETS = { left: 56, top: 4, right: 4, bottom: 4 };

/** Where tags may go besides the units' box: its margins, and the part of the map in view (none: the whole map). */
export interface TagLimits {
  margins?: TagMargins;
  view?: LonLatBox;
}
/** A covered marker hides where a rep is, and a tag off the map cannot be read; a covered tag only crowds. */
const MARKER_WEIGHT = 3;
/**
 * A tag ending as close to another rep's marker as a tag starts from its own reads as that rep's
 * name: the area of the other marker within this many pixels of the tag is priced like a covered
 * tag (unless the two markers overlap, when every place is as close).
 */
const NEAR_PX = REP_TAG_OFFSET_PX;
const OFF_MAP_WEIGHT = 4;
const MAX_ROUNDS = 8;

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** Numbered boxes filed by the 64 px cells they touch, so a box is checked against its neighbours only. */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly seen: Int32Array;
  private query = 0;

  constructor(private readonly boxes: readonly Box[]) {
    this.seen = new Int32Array(boxes.length);
    boxes.forEach((box, id) => this.forCells(box, (key) => {
      const cell = this.cells.get(key);
      if (cell) cell.push(id);
      else this.cells.set(key, [id]);
    }));
  }

  private forCells(box: Box, visit: (key: number) => void): void {
    for (let x = Math.floor(box.left / 64); x <= Math.floor(box.right / 64); x++) {
      // Cells per axis stay under a million up to zoom 20.
      for (let y = Math.floor(box.top / 64); y <= Math.floor(box.bottom / 64); y++) visit(x * 1e6 + y);
    }
  }

  /** Calls `visit` with the id and overlap area of each filed box overlapping `box`, once each. */
  forOverlapping(box: Box, visit: (id: number, area: number) => void): void {
    const query = ++this.query;
    this.forCells(box, (key) => {
      for (const id of this.cells.get(key) ?? []) {
        if (this.seen[id] === query) continue;
        this.seen[id] = query;
        const area = overlap(box, this.boxes[id]!);
        if (area > 0) visit(id, area);
      }
    });
  }
}

/** Where a rep's name tag sits: beside the marker, or above or below it, leaning east or west. */
export interface TagPlace {
  /** Text anchor: the tag starts at the offset (east) or ends there (west). */
  anchor: 'start' | 'end';
  offset: [number, number];
}

/** Above / below: the tag's centre line 2 px clear of the marker, its near end over the marker's centre. */
const OVER = MARKER_HALF + TAG_HALF_HEIGHT - 2;
/** Beside the marker, east: where a tag goes unless placed elsewhere (`tag` unset). */
export const TAG_EAST: TagPlace = { anchor: 'start', offset: [REP_TAG_OFFSET_PX, 0] };
/** In order of preference: the first that covers nothing wins; east beside the marker is the default. */
const TAG_PLACES: readonly TagPlace[] = [
  TAG_EAST,
  { anchor: 'end', offset: [-REP_TAG_OFFSET_PX, 0] },
  { anchor: 'start', offset: [0, -OVER] },
  { anchor: 'start', offset: [0, OVER] },
  { anchor: 'end', offset: [0, -OVER] },
  { anchor: 'end', offset: [0, OVER] },
];
/** A small price per step down the preference order, so ties go to the preferred place. */
const PLACE_PENALTY = 1;

/** The box of a rep's marker at `x, y`, scaled by `s` as repTagBox. */
export function repMarkerBox([x, y]: readonly [number, number], s = 1): Box {
  const half = MARKER_HALF * s;
  return { left: x - half, top: y - half, right: x + half, bottom: y + half };
}

/**
 * The box of a name tag `textWidth` pixels wide whose marker is at `x, y`, at `place` (east when
 * none); `s` scales the tag's offsets and padding (a print's layout scale; textWidth is already at it).
 */
export function repTagBox([x, y]: readonly [number, number], textWidth: number, place: TagPlace = TAG_EAST, s = 1): Box {
  const { anchor, offset: [dx, dy] } = place;
  const width = textWidth + 2 * TAG_PAD_X * s;
  const left = anchor === 'start' ? x + (dx - TAG_PAD_X) * s : x + (dx + TAG_PAD_X) * s - width;
  return { left, top: y + (dy - TAG_HALF_HEIGHT) * s, right: left + width, bottom: y + (dy + TAG_HALF_HEIGHT) * s };
}

/**
 * The markers with `tag` set where a place other than east of the marker is better for the name
 * tag, and `tagHidden` where even the best place leaves the tag over another tag or marker (see
 * `uncovered`). `textWidth` gives a name's width in pixels at the tag's font. Tags keep within
 * `box` (the units, for the on-screen map) widened by the margins, and within the view (TagLimits).
 */
export function placeRepLabels<M extends { rep: Pick<Rep, 'name' | 'location'>; tag?: TagPlace; tagHidden?: true }>(
  markers: readonly M[],
  zoom: number,
  box: LonLatBox,
  textWidth: (text: string) => number,
  { margins = ON_SCREEN_MARGINS, view }: TagLimits = {},
): M[] {
  const places = TAG_PLACES.length;
  // deck.gl's own projection at the zoom; the centre is arbitrary, as only distances between points count.
  const viewport = new WebMercatorViewport({ width: 1, height: 1, longitude: 0, latitude: 0, zoom });
  const pixel = (lonLat: [number, number]) => viewport.project(lonLat) as [number, number];
  const at = markers.map((m) => pixel(m.rep.location));
  // The map's box in pixels at the zoom: tags pay for their area outside it.
  const map: Box = { left: pixel(box[0])[0] - margins.westPx, top: -Infinity, right: pixel(box[1])[0] + margins.eastPx, bottom: Infinity };
  // A rep whose marker is out of view gets no tag: one reaching in from the edge names no marker.
  let inView = (_i: number) => true;
  if (view) {
    const [left, top] = pixel([view[0][0], view[1][1]]);
    const [right, bottom] = pixel([view[1][0], view[0][1]]);
    map.left = Math.max(map.left, left + VIEW_INSETS.left);
    map.right = Math.min(map.right, right - VIEW_INSETS.right);
    map.top = top + VIEW_INSETS.top;
    map.bottom = bottom - VIEW_INSETS.bottom;
    inView = (i) => at[i]![0] >= left && at[i]![0] <= right && at[i]![1] >= top && at[i]![1] <= bottom;
  }
  // Candidate boxes numbered i * places + p: rep i's tag at TAG_PLACES[p].
  const boxes = at.flatMap((xy, i) => {
    const width = textWidth(markers[i]!.rep.name);
    return TAG_PLACES.map((place) => repTagBox(xy, width, place));
  });
  const markerBoxes = at.map((xy) => repMarkerBox(xy));
  const markerGrid = new BoxGrid(markerBoxes);
  const tagGrid = new BoxGrid(boxes);

  // What a place costs by itself: markers covered, map edge passed, its rank in the preference.
  const fixedCost = boxes.map((box, k) => {
    const i = Math.floor(k / places);
    let cost = (k % places) * PLACE_PENALTY;
    markerGrid.forOverlapping(box, (j, area) => {
      if (j !== i) cost += MARKER_WEIGHT * area;
    });
    const near = { left: box.left - NEAR_PX, top: box.top, right: box.right + NEAR_PX, bottom: box.bottom };
    markerGrid.forOverlapping(near, (j, area) => {
      // A rep in the same place (markers overlapping) is beside every tag of this one: no place helps.
      if (j !== i && overlap(markerBoxes[i]!, markerBoxes[j]!) === 0) cost += area;
    });
    const outside = (box.right - box.left) * (box.bottom - box.top) - overlap(box, map);
    return cost + OFF_MAP_WEIGHT * outside;
  });
  // Per candidate: the other reps' candidates it overlaps, as parallel lists of rep, place and area.
  const clashes = boxes.map((box, k) => {
    const own = Math.floor(k / places);
    const reps: number[] = [], placeOf: number[] = [], areas: number[] = [];
    tagGrid.forOverlapping(box, (other, area) => {
      const rep = Math.floor(other / places);
      if (rep === own) return;
      reps.push(rep);
      placeOf.push(other - rep * places);
      areas.push(area);
    });
    return { reps, placeOf, areas };
  });

  // Each tag starts at its best place on its own, then moves while another place costs it less given the others'.
  const place = markers.map((_, i) => {
    let best = 0;
    for (let p = 1; p < places; p++) if (fixedCost[i * places + p]! < fixedCost[i * places + best]!) best = p;
    return best;
  });
  const cost = (k: number) => {
    const { reps, placeOf, areas } = clashes[k]!;
    let sum = fixedCost[k]!;
    for (let c = 0; c < reps.length; c++) if (place[reps[c]!] === placeOf[c]) sum += areas[c]!;
    return sum;
  };
  const eastToWest = markers.map((_, i) => i).sort((a, b) => at[b]![0] - at[a]![0]);
  for (let round = 0, moved = true; moved && round < MAX_ROUNDS; round++) {
    moved = false;
    for (const i of eastToWest) {
      let best = place[i]!;
      let bestCost = cost(i * places + best);
      for (let p = 0; p < places; p++) {
        if (p === place[i]) continue;
        const c = cost(i * places + p);
        if (c < bestCost) [best, bestCost] = [p, c];
      }
      if (best !== place[i]) {
        place[i] = best;
        moved = true;
      }
    }
  }
  const shown = uncovered(markers.map((_, i) => boxes[i * places + place[i]!]!), markerBoxes, markerGrid, inView);
  return markers.map((m, i) => {
    if (place[i] === 0 && shown[i]) return m;
    const placed: M = place[i] === 0 ? { ...m } : { ...m, tag: TAG_PLACES[place[i]!] };
    if (!shown[i]) placed.tagHidden = true;
    return placed;
  });
}

/**
 * How deep (px, across and down) a drawn tag may reach into another drawn tag or a marker: the two
 * tags' 2 px paddings (an above tag sits 4 px into a neighbour's east tag), not a letter.
 */
const TOUCH_PX = 4;

/** Whether box a reaches into box b deeper than a touch, across and down. */
export const covers = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOUCH_PX && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOUCH_PX;

/**
 * Which placed tags to draw: in marker order, each of a rep `candidate` that covers no tag drawn
 * before it and no other rep's marker. Where reps crowd (hundreds at a country-wide zoom), the rest
 * are left out rather than drawn over each other; they appear as the map zooms in, and every marker stays.
 */
function uncovered(tags: readonly Box[], markers: readonly Box[], markerGrid: BoxGrid, candidate: (i: number) => boolean): Uint8Array {
  const shown = new Uint8Array(tags.length);
  const tagGrid = new BoxGrid(tags);
  tags.forEach((box, i) => {
    if (!candidate(i)) return;
    let clear = true;
    tagGrid.forOverlapping(box, (j) => {
      if (j !== i && shown[j] && covers(box, tags[j]!)) clear = false;
    });
    markerGrid.forOverlapping(box, (j) => {
      if (j !== i && covers(box, markers[j]!)) clear = false;
    });
    if (clear) shown[i] = 1;
  });
  return shown;
}
