/**
 * The PNG/JPEG branch of `tessera export`: options into exportMapImage (main/export/image/), which
 * renders the app's print layout in headless Chromium; tile progress on stderr.
 */
import { UserError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/image/print-options.ts';
import { DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_WIDTH, exportMapImage } from '../../export/image/map-image-export.ts';
import type { CliIO } from '../command.ts';

/** 'png' or 'jpeg' for an image format name (jpg too), else null. */
export function imageFormatOf(format: string): ImageFormat | null {
  const f = format.toLowerCase().replace(/^\./, '');
  return f === 'png' ? 'png' : f === 'jpeg' || f === 'jpg' ? 'jpeg' : null;
}

export interface ImageExportArgs {
  out: string;
  width?: string;
  dpi?: string;
  what?: string;
  scenario?: string;
  title?: string;
  labels?: boolean;
  page?: string;
  json?: boolean;
  quiet?: boolean;
}

export async function runImageExport(project: string, format: ImageFormat, args: ImageExportArgs, io: CliIO): Promise<number> {
  if (args.what !== undefined) throw new UserError(`--what does not apply to ${format.toUpperCase()}: the image shows the whole map of the plan.`);
  if (args.page !== undefined) throw new UserError(`--page applies to PDF and SVG; a ${format.toUpperCase()} is sized by --width (pixels) and --dpi.`);
  const width = args.width === undefined ? DEFAULT_IMAGE_WIDTH : wholeNumber('--width', args.width);
  const dpi = args.dpi === undefined ? DEFAULT_IMAGE_DPI : wholeNumber('--dpi', args.dpi);
  let lastTile = 0;
  const result = await exportMapImage({
    project,
    format,
    out: args.out,
    width,
    dpi,
    scenario: args.scenario,
    title: args.title,
    labels: args.labels ?? false,
    progress: ({ stage, done, total }) => {
      if (args.quiet || args.json || stage === 'done') return;
      if (stage === 'rendering map tiles') {
        if (done !== lastTile) io.stderr(`  rendering map tile ${done} of ${total}…`);
        lastTile = done;
      } else io.stderr(`  ${stage}…`);
    },
  });
  if (args.json) io.stdout(JSON.stringify(result, null, 2));
  else {
    io.stdout(
      `Wrote ${result.file} (${result.format.toUpperCase()} ${result.width.toLocaleString('en-US')} × ${result.height.toLocaleString('en-US')} px at ${result.dpi} dpi, ` +
        `${result.tiles} map ${result.tiles === 1 ? 'tile' : 'tiles'}; scenario "${result.scenario.name}").`,
    );
  }
  return 0;
}

function wholeNumber(option: string, text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value)) throw new UserError(`${option} must be a whole number, not "${text}".`);
  return value;
}
