/**
 * One exported map page (the SVG and PDF layout): title band on top, the map below filling the
 * page to the margins, legend, scale and north arrow inside the map frame, credits underneath.
 */
import { buildMap, type MapInput, type MapDrawing } from './map-model.ts';
import { footerShapes, legendShapes, scaleBoxEstimate, scaleShapes, titleShapes, DATA_CREDITS, type LegendEntry } from './page-parts.ts';
import type { MeasureText, Page, Rect } from './types.ts';

/** Page sizes in points, landscape. */
export const PAGE_SIZES = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
} as const;
export type PageSize = keyof typeof PAGE_SIZES;

export interface MapPageSpec {
  page: PageSize;
  title: string;
  subtitle: string;
  legend: readonly LegendEntry[];
  labels: boolean;
  measure: MeasureText;
  /** Extra words for the bottom-right note (e.g. the date). */
  note?: string;
}

export function mapPage(input: MapInput, spec: MapPageSpec): { page: Page; map: MapDrawing } {
  const { width, height } = PAGE_SIZES[spec.page];
  const margin = 30;
  const band = 44;
  const frame: Rect = { x: margin, y: margin + band, w: width - 2 * margin, h: height - 2 * margin - band - 12 };
  const legend = legendShapes(frame, spec.legend, spec.measure, frame.h * 0.62);
  const legendBox = legend[0]?.kind === 'box' ? [legend[0].rect] : [];
  const map = buildMap(input, { frame, labels: spec.labels, measure: spec.measure, labelSize: 9, avoid: [...legendBox, scaleBoxEstimate(frame)] });
  const notes = [map.outlyingUnits ? `${map.outlyingUnits.toLocaleString('en-US')} outlying units not shown` : '', spec.note ?? ''].filter(Boolean);
  const page: Page = {
    width,
    height,
    title: spec.title,
    layers: [
      { id: 'title', shapes: titleShapes(margin, margin - 4, spec.title, spec.subtitle) },
      ...map.layers,
      { id: 'frame', shapes: [{ kind: 'box', id: 'map-frame', rect: frame, fill: null, stroke: '#9a9a9a', width: 0.6 }] },
      { id: 'legend', shapes: legend },
      { id: 'scale', shapes: scaleShapes(frame, map.metresPerPt, spec.measure) },
      { id: 'credits', shapes: footerShapes(margin, height - margin + 4, width - 2 * margin, DATA_CREDITS, notes.join(' · '), spec.measure) },
    ],
  };
  return { page, map };
}
