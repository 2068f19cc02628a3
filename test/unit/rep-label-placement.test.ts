/** Rep name tags go east of their marker unless a neighbour or the map's edge is in the way there; a tag with no clear place is left out. */
import { describe, expect, it } from 'vitest';
import { WebMercatorViewport } from '@deck.gl/core';
import { covers, placeRepLabels, repMarkerBox, repTagBox } from '../../renderer/src/map/rep-label-placement.ts';
import { mulberry32 } from '../crash/random.ts';
import type { RepMarker } from '../../renderer/src/map/point-layers.ts';

const marker = (name: string, location: [number, number]): RepMarker => ({
  rep: { id: name, name, location } as RepMarker['rep'],
  color: [0, 0, 0, 255],
});
/** 7 px per character: about the tags' 12 px bold font. */
const width = (text: string) => text.length * 7;
/** 'east', 'west', or 'above east' and so on. */
const sides = (markers: RepMarker[]) => Object.fromEntries(markers.map((m) => [m.rep.name, placeName(m.tag)]));
function placeName(tag: RepMarker['tag']): string {
  if (!tag) return 'east';
  const lean = tag.anchor === 'start' ? 'east' : 'west';
  return tag.offset[1] === 0 ? lean : `${tag.offset[1] < 0 ? 'above' : 'below'} ${lean}`;
}
const ZOOM = 4;
/** The lower 48's units, [[west, south], [east, north]]. */
const US: [[number, number], [number, number]] = [[-124.7, 24.5], [-67, 49.4]];

describe('placeRepLabels', () => {
  it('puts a lone tag east of its marker, and keeps the marker object', () => {
    const lone = marker('Maya Chen', [-100, 40]);
    const [placed] = placeRepLabels([lone], ZOOM, US, width);
    expect(placed).toBe(lone);
    expect(placed!.tag).toBeUndefined();
  });

  it('moves a tag west when its east side would cover the next rep', () => {
    // At zoom 4 a degree of longitude is about 23 px: the second rep sits under the first's tag.
    const placed = placeRepLabels([marker('Diego Alvarez', [-118.2, 34.0]), marker('Hannah Brooks', [-116.5, 33.9])], ZOOM, US, width);
    expect(sides(placed)).toEqual({ 'Diego Alvarez': 'west', 'Hannah Brooks': 'east' });
  });

  it('moves a tag west when its east end would stop just short of the next rep’s marker', () => {
    // At zoom 4 a degree of longitude is 22.76 px: Diego's 101 px tag ends 106 px east of his
    // marker, and Hannah's marker starts 5 px further on, where a tag reads as hers.
    const placed = placeRepLabels([marker('Diego Alvarez', [-100, 40]), marker('Hannah Brooks', [-100 + 119 / 22.76, 40])], ZOOM, US, width);
    expect(sides(placed)).toEqual({ 'Diego Alvarez': 'west', 'Hannah Brooks': 'east' });
  });

  it('moves a tag west when it would run past the units’ east edge, and keeps it east when zoomed in', () => {
    const boston = [marker("Liam O'Connor", [-71.06, 42.36])];
    // Zoom 2.25: the lower 48 fitted into a laptop's 540 px wide map, which ends about 40 px east of Maine.
    expect(sides(placeRepLabels(boston, 2.25, US, width))).toEqual({ "Liam O'Connor": 'west' });
    // Zoomed in, Maine's coast is far enough east for the tag.
    expect(sides(placeRepLabels(boston, 4, US, width))).toEqual({ "Liam O'Connor": 'east' });
  });

  it('keeps a West Coast tag east when west it would run off the map', () => {
    // San Francisco: 2 degrees from the coast, too little room for the tag at zoom 4.
    expect(sides(placeRepLabels([marker('Diego Alvarez', [-122.4, 37.8])], ZOOM, US, width))).toEqual({ 'Diego Alvarez': 'east' });
  });

  it('keeps tags inside the part of the map in view once the map is panned or zoomed', () => {
    // Zoom 6 (91 px a degree), the view ending 1 degree east of Chicago and 0.2 degrees above Denver.
    const view: [[number, number], [number, number]] = [[-106, 38], [-86.6, 40]];
    const chicago = [marker('Grace Kowalski', [-87.6, 41.9 - 2.5])];
    expect(sides(placeRepLabels(chicago, 6, US, width))).toEqual({ 'Grace Kowalski': 'east' });
    expect(sides(placeRepLabels(chicago, 6, US, width, { view }))).toEqual({ 'Grace Kowalski': 'west' });
    // A rep just east of the view: no tag reaching in from the edge.
    const [offView] = placeRepLabels([marker('Priya Natarajan', [-86.3, 39.4])], 6, US, width, { view });
    expect(offView!.tagHidden).toBe(true);
    // A tag beside a marker 18 px under the view's top edge fits; above it would not, so a rep
    // to the east and one to the west push it below.
    const row = [marker('Western reps', [-100.75, 39.8]), marker('Middle rep 1', [-100, 39.8]), marker('Eastern reps', [-99.25, 39.8])];
    const placed = sides(placeRepLabels(row, 6, US, width, { view }));
    expect(placed['Middle rep 1']).toMatch(/^below /);
  });

  it('lifts a tag above or below its marker when a rep on each side takes both beside places', () => {
    // Three reps 3 degrees (68 px) apart at zoom 4; 12-character names make 94 px tags.
    const row = [marker('Western reps', [-103, 35]), marker('Middle rep 1', [-100, 35]), marker('Eastern reps', [-97, 35])];
    const placed = sides(placeRepLabels(row, ZOOM, US, width));
    expect(placed['Middle rep 1']).toMatch(/^(above|below) /);
    // The outer two lean away from the middle one (the eastern one may drop below, clear of a tag above the middle).
    expect(placed['Western reps']).toMatch(/west$/);
    expect(placed['Eastern reps']).toMatch(/east$/);
  });

  it('leaves both tags east when the reps are far apart', () => {
    const placed = placeRepLabels([marker('A', [-118.2, 34.0]), marker('B', [-90, 34.0])], ZOOM, US, width);
    expect(placed.every((m) => m.tag === undefined)).toBe(true);
  });

  it('leaves out the tags that find no clear place, never drawing one over another, and keeps every marker', () => {
    // 200 reps in a 12° x 6° patch at zoom 4 (about 270 x 160 px): far more names than room.
    const rnd = mulberry32(7);
    const crowd = Array.from({ length: 200 }, (_, i) => marker(`Rep ${i}`, [-100 + rnd() * 12, 35 + rnd() * 6]));
    const placed = placeRepLabels(crowd, ZOOM, US, width);
    expect(placed).toHaveLength(200);
    const shown = placed.filter((m) => !m.tagHidden);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100);
    const viewport = new WebMercatorViewport({ width: 1, height: 1, longitude: 0, latitude: 0, zoom: ZOOM });
    const at = (m: RepMarker) => viewport.project(m.rep.location) as [number, number];
    const tags = shown.map((m) => repTagBox(at(m), width(m.rep.name), m.tag));
    const markers = placed.map((m) => repMarkerBox(at(m)));
    // At most a touch of padding (4 px) between drawn tags, and with other reps' markers.
    for (let i = 0; i < tags.length; i++) {
      for (let j = i + 1; j < tags.length; j++) expect(covers(tags[i]!, tags[j]!), `${shown[i]!.rep.name} / ${shown[j]!.rep.name}`).toBe(false);
      markers.forEach((box, k) => {
        if (placed[k] !== shown[i]) expect(covers(tags[i]!, box), `${shown[i]!.rep.name} / marker ${k}`).toBe(false);
      });
    }
  });

  it('shows every tag of a few reps in one city, each at its own side', () => {
    const city = ['Ana', 'Ben', 'Cy'].map((name) => marker(name, [-90, 38]));
    const placed = placeRepLabels(city, ZOOM, US, width);
    expect(placed.filter((m) => m.tagHidden)).toEqual([]);
    expect(new Set(Object.values(sides(placed))).size).toBe(3);
  });

  it('keeps tags within the box given with the margins given (the print: its map, no margin)', () => {
    // Zoom 4 (about 23 px a degree): Boston's east tag reaches 107 px east of its marker, 15 px past
    // 67°W. A map ending at 62.6°W has room for it there; one ending at 70°W, 24 px east of Boston, does not.
    const boston = [marker("Liam O'Connor", [-71.06, 42.36])];
    const printMap: [[number, number], [number, number]] = [[-124.7, 24.5], [-62.6, 49.4]];
    expect(sides(placeRepLabels(boston, ZOOM, printMap, width, { margins: { eastPx: 0, westPx: 0 } }))).toEqual({ "Liam O'Connor": 'east' });
    const tightMap: [[number, number], [number, number]] = [[-124.7, 24.5], [-70, 49.4]];
    expect(sides(placeRepLabels(boston, ZOOM, tightMap, width, { margins: { eastPx: 0, westPx: 0 } }))).toEqual({ "Liam O'Connor": 'west' });
  });
});

describe('repTagBox', () => {
  it('puts the east tag 11 px right of the marker, padded 5 px, 20 px high', () => {
    expect(repTagBox([100, 50], 70)).toEqual({ left: 106, top: 40, right: 186, bottom: 60 });
  });

  it('ends a west tag 11 px left of the marker, and scales offsets and padding for a print', () => {
    expect(repTagBox([100, 50], 70, { anchor: 'end', offset: [-11, 0] })).toEqual({ left: 14, top: 40, right: 94, bottom: 60 });
    // At scale 2 the text is measured at the print's size (140 px); offsets and padding double.
    expect(repTagBox([100, 50], 140, undefined, 2)).toEqual({ left: 112, top: 30, right: 272, bottom: 70 });
  });
});
