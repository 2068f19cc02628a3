/**
 * Map colours of the light theme, in one place so a dark theme is one more object of this shape.
 * Water is the CSS background of the map container (the deck canvas is transparent).
 */
import { hexToRgba, type Rgba } from '../util/color.ts';

export interface MapTheme {
  foreignLand: Rgba;
  countryBorder: Rgba;
  nationLand: Rgba;
  unassignedUnit: Rgba;
  /** Opacity of territory fills over the land colour, 0-255. */
  unitFillAlpha: number;
  unitBorder: Rgba;
  stateBorder: Rgba;
  territoryBorder: Rgba;
  hoverOutline: Rgba;
  account: Rgba;
  repFill: Rgba;
  repOutline: Rgba;
  repLabel: Rgba;
  repLabelHalo: Rgba;
  repLabelBorder: Rgba;
}

export const lightMapTheme: MapTheme = {
  foreignLand: [236, 236, 232, 255],
  countryBorder: [200, 200, 194, 255],
  nationLand: [250, 250, 248, 255],
  unassignedUnit: [222, 222, 222, 255],
  unitFillAlpha: 205,
  unitBorder: [255, 255, 255, 110],
  stateBorder: [255, 255, 255, 210],
  territoryBorder: [38, 42, 48, 235],
  hoverOutline: [20, 20, 20, 255],
  account: [33, 37, 46, 90],
  repFill: [255, 255, 255, 255],
  repOutline: [30, 34, 40, 255],
  repLabel: [30, 34, 40, 255],
  repLabelHalo: [255, 255, 255, 235],
  repLabelBorder: [0, 0, 0, 40],
};

/** Parsed fills per theme and colour: the map asks for every territory's fill on each edit. */
const parsedFills = new WeakMap<MapTheme, Map<string, Rgba>>();

/** Fill colour of a unit in a territory of colour `hex` (`null` hex = unassigned); shared, read only. */
export function unitFill(theme: MapTheme, hex: string | null): Rgba {
  if (hex === null) return theme.unassignedUnit;
  let byHex = parsedFills.get(theme);
  if (!byHex) parsedFills.set(theme, (byHex = new Map()));
  let fill = byHex.get(hex);
  if (!fill) byHex.set(hex, (fill = hexToRgba(hex, theme.unitFillAlpha)));
  return fill;
}
