/**
 * Options of a map image export (PNG/JPEG), checked the same way by the CLI (before it starts a
 * browser) and by the app's export dialog. Width in pixels is the authority; the DPI is written
 * into the file and scales text and line sizes (see `layoutScale`).
 */
export const IMAGE_FORMATS = ['png', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const MIN_WIDTH_PX = 400;
export const MAX_WIDTH_PX = 10_000;
export const MIN_DPI = 72;
export const MAX_DPI = 1200;
export const WIDTH_PRESETS = [1920, 4000, 8000] as const;

/** What the map shows: the window's current view, the whole plan, or one territory. */
export type PrintExtent = { kind: 'view' } | { kind: 'plan' } | { kind: 'territory'; territoryId: string };

export interface PrintOptions {
  format: ImageFormat;
  width: number;
  dpi: number;
  title: string;
  labels: boolean;
  extent: PrintExtent;
}

/** A plain-language problem with the options, or null when they are fine. */
export function printOptionsProblem(options: Pick<PrintOptions, 'width' | 'dpi'>): string | null {
  const { width, dpi } = options;
  if (!Number.isInteger(width) || width < MIN_WIDTH_PX || width > MAX_WIDTH_PX) {
    return `The image width must be a whole number of pixels from ${MIN_WIDTH_PX.toLocaleString('en-US')} to ${MAX_WIDTH_PX.toLocaleString('en-US')}, not ${Number.isFinite(width) ? width.toLocaleString('en-US') : String(width)}.`;
  }
  if (!Number.isFinite(dpi) || dpi < MIN_DPI || dpi > MAX_DPI) {
    return `The DPI must be a number from ${MIN_DPI} to ${MAX_DPI}, not ${String(dpi)}.`;
  }
  return null;
}

/** The layout is designed for a 1,600 px page at 96 dpi. */
export const REFERENCE_WIDTH_PX = 1600;

/**
 * How much bigger than on screen text, lines and symbols are drawn: in proportion to the width (a
 * 4,000 px image has the proportions of a 1,600 px one), and not smaller than their 96-dpi size at
 * the chosen DPI (a 1,920 px image at 300 dpi prints 6.4 in wide with readable text) — but never
 * more than twice the proportional size, so title and legend still fit a small image at high DPI.
 */
export function layoutScale(width: number, dpi: number): number {
  const proportional = width / REFERENCE_WIDTH_PX;
  return Math.min(Math.max(proportional, dpi / 96), proportional * 2);
}
