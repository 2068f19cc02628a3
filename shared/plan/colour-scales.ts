/**
 * Colour scales of the map modes, all readable with colour-vision deficiencies:
 * - sequential: viridis (van der Walt & Smith, matplotlib 2015), perceptually uniform and
 *   colour-blind safe, run from light (low) to dark (high) so more reads as darker on a light map;
 * - diverging: ColorBrewer RdBu (Brewer, colorbrewer2.org, marked colour-blind safe), blue below
 *   target, red above, a neutral middle class for the tolerance band.
 * Colours are [r, g, b] 0-255.
 */
export type Rgb = [number, number, number];

/** Viridis at 0, 1/8, ..., 1 (matplotlib's table), dark purple to yellow. */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [253, 231, 37],
];

/** Sequential colour at t in [0, 1]: 0 = low (light yellow) .. 1 = high (dark purple). */
export function sequentialColour(t: number): Rgb {
  const x = (1 - Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0))) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as Rgb;
}

/** k colours for k classes, low to high, evenly spaced on the sequential scale. */
export function sequentialClasses(k: number): Rgb[] {
  if (k <= 1) return [sequentialColour(0.5)];
  return Array.from({ length: k }, (_, i) => sequentialColour(0.04 + (0.92 * i) / (k - 1)));
}

/** ColorBrewer RdBu, 7 classes, from far below target (blue) to far above (red). */
export const DEVIATION_COLOURS: readonly Rgb[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [240, 240, 240],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/**
 * Class of a signed deviation % against a tolerance % (both in percent, e.g. 12.5 and 10):
 * 3 = within ±tolerance; 2/4 = up to 2x outside; 1/5 = up to 3x; 0/6 = beyond. Null deviation
 * (no target) counts as in the band.
 */
export function deviationClass(deviationPct: number | null, tolerancePct: number): number {
  if (deviationPct === null || !Number.isFinite(deviationPct)) return 3;
  const tol = tolerancePct > 0 ? tolerancePct : 1e-9;
  const steps = Math.abs(deviationPct) <= tol ? 0 : Math.min(3, Math.ceil(Math.abs(deviationPct) / tol) - 1);
  return deviationPct < 0 ? 3 - steps : 3 + steps;
}

/** Legend labels of the seven deviation classes for a tolerance %, e.g. "−30% or less" .. "+30% or more". */
export function deviationClassLabels(tolerancePct: number): string[] {
  const t = tolerancePct;
  const p = (v: number) => `${formatPct(v)}%`;
  return [
    `below −${p(3 * t)}`,
    `−${p(3 * t)} to −${p(2 * t)}`,
    `−${p(2 * t)} to −${p(t)}`,
    `within ±${p(t)}`,
    `+${p(t)} to +${p(2 * t)}`,
    `+${p(2 * t)} to +${p(3 * t)}`,
    `above +${p(3 * t)}`,
  ];
}

function formatPct(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
