/**
 * The data credits printed along the bottom of a map image: the sources the About box credits
 * (chrome/AboutDialog.tsx) in one line. Keep the two in step when a data source changes.
 */
export const PRINT_CREDITS =
  'Boundaries: US Census Bureau cartographic boundaries via us-atlas · ZIP data © SimpleMaps.com (CC BY 4.0) · ' +
  'Land and borders: Natural Earth via world-atlas';
