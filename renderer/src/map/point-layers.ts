/** Accounts as small dots sized by potential; reps as ringed markers in their territory colour with a name label. */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Account, Rep, Territory } from '../../../shared/model/project.ts';
import { hexToRgba, type Rgba } from '../util/color.ts';
import type { MapTheme } from './map-theme.ts';
import { TAG_EAST, type TagPlace } from './rep-label-placement.ts';

export function accountLayer(accounts: readonly Account[], theme: MapTheme) {
  return new ScatterplotLayer<Account>({
    id: 'accounts',
    data: accounts,
    getPosition: (a) => a.location,
    // Area grows with potential; clamped so the smallest stay visible and the largest do not cover a county.
    getRadius: (a) => Math.min(3.5, Math.max(1.1, Math.sqrt(Math.max(a.potential, 0) / 1e6) * 1.4)),
    radiusUnits: 'pixels',
    getFillColor: theme.account,
    stroked: false,
    updateTriggers: { getFillColor: [theme.account] },
  });
}

export interface RepMarker {
  rep: Rep;
  color: Rgba;
  /** Where the name tag goes (rep-label-placement.ts); east of the marker when not set. */
  tag?: TagPlace;
  /** No room for the name tag at this zoom (rep-label-placement.ts): only the marker is drawn. */
  tagHidden?: true;
}

export const REP_TAG_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Rep name widths in the tags' 12 px font, measured once per name (the screen's and the print's placement). */
const tagWidths = new Map<string, number>();
let tagContext: CanvasRenderingContext2D | null | undefined;
export function repTagWidth(name: string): number {
  let width = tagWidths.get(name);
  if (width === undefined) {
    tagContext ??= document.createElement('canvas').getContext('2d');
    if (tagContext) tagContext.font = `600 12px ${REP_TAG_FONT}`;
    width = tagContext ? tagContext.measureText(name).width : name.length * 7.5;
    tagWidths.set(name, width);
  }
  return width;
}
/** Where a rep's name tag is drawn: where placed, east of the marker by default. */
export const tagPlace = (m: RepMarker): TagPlace => m.tag ?? TAG_EAST;
export const REP_LABELS_LAYER_ID = 'rep-labels';

/** One marker per rep, coloured by the territory the rep covers (grey when covering none). */
export function repMarkers(reps: readonly Rep[], territories: Iterable<Territory>): RepMarker[] {
  const colorOfRep = new Map<string, Rgba>();
  for (const t of territories) if (t.repId) colorOfRep.set(t.repId, hexToRgba(t.color));
  return reps.map((rep) => ({ rep, color: colorOfRep.get(rep.id) ?? [140, 140, 140, 255] }));
}

/** Changes exactly when repMarkers' colours would: which territory colour each rep takes. */
export function repColourKey(territories: Iterable<Territory>): string {
  let key = '';
  for (const t of territories) if (t.repId) key += `${t.repId}=${t.color};`;
  return key;
}

export function repLayers(markers: readonly RepMarker[], theme: MapTheme) {
  return [
    new ScatterplotLayer<RepMarker>({
      id: 'reps',
      data: markers,
      getPosition: (m) => m.rep.location,
      getRadius: 6,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (m) => m.color,
      getLineColor: theme.repOutline,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [markers], getLineColor: [theme.repOutline] },
    }),
    new TextLayer<RepMarker>({
      id: REP_LABELS_LAYER_ID,
      data: markers.filter((m) => !m.tagHidden),
      getPosition: (m) => m.rep.location,
      getText: (m) => m.rep.name,
      getSize: 12,
      sizeUnits: 'pixels',
      getColor: theme.repLabel,
      getPixelOffset: (m) => tagPlace(m).offset,
      getTextAnchor: (m) => tagPlace(m).anchor,
      getAlignmentBaseline: 'center',
      fontFamily: REP_TAG_FONT,
      fontWeight: 600,
      fontSettings: { sdf: true, fontSize: 48, buffer: 4 },
      background: true,
      getBackgroundColor: theme.repLabelHalo,
      backgroundPadding: [5, 2, 5, 2],
      backgroundBorderRadius: 3,
      getBorderColor: theme.repLabelBorder,
      getBorderWidth: 1,
      updateTriggers: { getColor: [theme.repLabel], getBackgroundColor: [theme.repLabelHalo], getBorderColor: [theme.repLabelBorder] },
    }),
  ];
}
