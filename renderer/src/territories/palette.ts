/** Colours offered for new territories and in the colour picker: distinct, readable under white borders. */
export const TERRITORY_SWATCHES = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#8cd17d',
];

/** The first swatch no territory uses yet (the first one when all are used). */
export function freeSwatch(used: Iterable<string>): string {
  const taken = new Set([...used].map((c) => c.toLowerCase()));
  return TERRITORY_SWATCHES.find((c) => !taken.has(c)) ?? TERRITORY_SWATCHES[taken.size % TERRITORY_SWATCHES.length]!;
}
