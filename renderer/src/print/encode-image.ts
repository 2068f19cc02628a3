/** A rendered page as PNG or JPEG bytes, with the DPI written into the file's header. */
import { withDensity } from '../../../shared/image/density.ts';
import type { ImageFormat } from '../../../shared/image/print-options.ts';

export const IMAGE_MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };

export async function encodeImage(canvas: HTMLCanvasElement, format: ImageFormat, dpi: number): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, IMAGE_MIME[format], 0.92));
  if (!blob) throw new Error(`The browser could not encode the ${canvas.width} × ${canvas.height} px image as ${format.toUpperCase()}.`);
  return withDensity(new Uint8Array(await blob.arrayBuffer()), dpi);
}
