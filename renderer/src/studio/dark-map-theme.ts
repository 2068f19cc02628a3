/** Map colours of the dark theme: the same MapTheme shape as the light one (map/map-theme.ts). */
import type { MapTheme } from '../map/map-theme.ts';

export const darkMapTheme: MapTheme = {
  foreignLand: [38, 42, 49, 255],
  countryBorder: [70, 76, 86, 255],
  nationLand: [52, 57, 66, 255],
  unassignedUnit: [78, 84, 94, 255],
  unitFillAlpha: 215,
  unitBorder: [20, 22, 26, 110],
  stateBorder: [22, 24, 28, 200],
  territoryBorder: [240, 242, 245, 235],
  hoverOutline: [255, 255, 255, 255],
  account: [240, 242, 245, 110],
  repFill: [30, 34, 40, 255],
  repOutline: [240, 242, 245, 255],
  repLabel: [240, 242, 245, 255],
  repLabelHalo: [24, 27, 32, 235],
  repLabelBorder: [255, 255, 255, 50],
};
