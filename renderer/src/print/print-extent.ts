/**
 * The map box of a print: the window's current view, the whole plan or one territory, and the
 * shape (height / width) of the map on the page. The plan and territory boxes hold the main
 * groups of their units (units-extent.ts: Alaska, Hawaii, Puerto Rico next to the lower 48 are left
 * out rather than shrinking the map to a dot). A territory or the current view prints those on their own.
 */
import { WebMercatorViewport } from '@deck.gl/core';
import type { PrintExtent } from '../../../shared/image/print-options.ts';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import { decodeUnits } from '../map/unit-geometry.ts';
import { CONTIGUOUS_US } from '../map/initial-view.ts';
import { unitAnchors } from '../map/unit-anchors.ts';
import { mainGroups, type LonLatBox } from '../map/units-extent.ts';
import { currentViewBox, type PrintSource } from './print-source.ts';

export interface MapFrame {
  box: LonLatBox;
  /** Map height / width on the page. */
  aspect: number;
}

export function mapFrame(source: PrintSource, extent: PrintExtent): MapFrame {
  if (extent.kind === 'view') {
    const view = currentViewBox(source.mapApi);
    if (view) return view;
    return fromBox(CONTIGUOUS_US);
  }
  const members = extent.kind === 'territory' ? memberFilter(source.plan, extent.territoryId) : anyAssigned(source.plan);
  const anchors = unitAnchors(decodeUnits(source.data.unitTopology)).filter((a) => Number.isFinite(a.at[0]) && members(a.id));
  if (anchors.length === 0) {
    if (extent.kind === 'territory') throw new Error('That territory has no units to show.');
    return fromBox(CONTIGUOUS_US);
  }
  return fromBox(paddedBox(mainGroups(anchors.map((a) => a.at))));
}

function memberFilter(plan: PlanState, territoryId: string): (unitId: string) => boolean {
  if (!plan.territories.has(territoryId)) throw new Error(`There is no territory "${territoryId}" in this scenario.`);
  return (unitId) => plan.assignments.get(unitId) === territoryId;
}

function anyAssigned(plan: PlanState): (unitId: string) => boolean {
  // A plan with nothing assigned yet prints every unit.
  return plan.assignments.size === 0 ? () => true : (unitId) => plan.assignments.has(unitId);
}

function paddedBox(points: [number, number][]): LonLatBox {
  let box: LonLatBox = [
    [Infinity, Infinity],
    [-Infinity, -Infinity],
  ];
  for (const [x, y] of points) {
    box[0] = [Math.min(box[0][0], x), Math.min(box[0][1], y)];
    box[1] = [Math.max(box[1][0], x), Math.max(box[1][1], y)];
  }
  // Anchor points are unit centres: widen by a typical unit so edge units are not cut in half.
  const span = Math.max(box[1][0] - box[0][0], box[1][1] - box[0][1], 0.2);
  const grow = span * 0.03;
  box = [
    [box[0][0] - grow, Math.max(-84, box[0][1] - grow)],
    [box[1][0] + grow, Math.min(84, box[1][1] + grow)],
  ];
  return box;
}

/** A box with the page shape that fits it in Mercator, kept between a wide 1:2.2 and a square. */
function fromBox(box: LonLatBox): MapFrame {
  const viewport = new WebMercatorViewport({ width: 1000, height: 1000, longitude: 0, latitude: 0, zoom: 0 });
  const [x0, y0] = viewport.projectFlat(box[0]);
  const [x1, y1] = viewport.projectFlat(box[1]);
  const aspect = Math.abs(y1! - y0!) / Math.max(1e-9, Math.abs(x1! - x0!));
  return { box, aspect: Math.min(1, Math.max(1 / 2.2, aspect)) };
}

/** Centre and zoom that fit the frame's box into a map of `width` × `height` output pixels, inside `padding`. */
export function fitFrame(
  frame: MapFrame,
  width: number,
  height: number,
  padding: { top: number; right: number; bottom: number; left: number },
): { longitude: number; latitude: number; zoom: number } {
  const { longitude, latitude, zoom } = new WebMercatorViewport({ width, height }).fitBounds(frame.box, { padding });
  return { longitude, latitude, zoom };
}
