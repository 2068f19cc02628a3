/**
 * Colours for regions: darker, more saturated than the territory swatches, so a region's swatch
 * (and outline, where drawn) reads as a group rather than as one more territory.
 */
export const REGION_SWATCHES = ['#1f4e79', '#8c2d04', '#2d6a4f', '#6a3d9a', '#b8860b', '#7f2704', '#005f73', '#9b2226'];

/** The first region colour not in use yet (cycling when all are used). */
export function freeRegionColour(used: Iterable<string>): string {
  const taken = new Set([...used].map((c) => c.toLowerCase()));
  return REGION_SWATCHES.find((c) => !taken.has(c)) ?? REGION_SWATCHES[taken.size % REGION_SWATCHES.length]!;
}
