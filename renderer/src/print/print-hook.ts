/**
 * `window.__tesseraPrint`: how `tessera export --format png|jpeg` drives the print in headless
 * Chromium. The CLI opens the app, waits for `ready()`, calls `render(options)` and gets the encoded
 * file back as base64; tile progress goes to `window.__tesseraPrintProgress` when the CLI exposed it.
 * It renders only what the page already shows (the open project); it can neither edit nor save.
 */
import { printOptionsProblem, type PrintOptions } from '../../../shared/image/print-options.ts';
import { encodeImage } from './encode-image.ts';
import { defaultPrintTitle, renderPrint } from './render-print.ts';
import type { PrintSource } from './print-source.ts';

export interface PrintHookResult {
  base64: string;
  width: number;
  height: number;
  tiles: number;
  labels: number;
}

export interface PrintHook {
  ready(): boolean;
  render(options: Omit<PrintOptions, 'title'> & { title?: string; tileSize?: number }): Promise<PrintHookResult>;
}

declare global {
  interface Window {
    __tesseraPrint?: PrintHook;
    __tesseraPrintProgress?: (tile: number, tiles: number) => void;
  }
}

/** Install the hook on the latest source (a getter, so it always prints what the window shows). */
export function installPrintHook(getSource: () => PrintSource | null): () => void {
  const hook: PrintHook = {
    ready: () => getSource() !== null,
    async render(request) {
      const source = getSource();
      if (!source) throw new Error('No project is open.');
      const problem = printOptionsProblem(request);
      if (problem) throw new Error(problem);
      const options: PrintOptions = { ...request, title: request.title ?? defaultPrintTitle(source) };
      const result = await renderPrint(source, options, {
        tileSize: request.tileSize,
        onProgress: ({ tile, tiles }) => window.__tesseraPrintProgress?.(tile, tiles),
      });
      const bytes = await encodeImage(result.canvas, options.format, options.dpi);
      return { base64: await toBase64(bytes), width: result.canvas.width, height: result.canvas.height, tiles: result.tiles, labels: result.labels };
    },
  };
  window.__tesseraPrint = hook;
  return () => {
    if (window.__tesseraPrint === hook) delete window.__tesseraPrint;
  };
}

/** Base64 through the browser's own encoder (a data: URL), fast for files of tens of MB. */
function toBase64(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the encoded image.'));
    reader.readAsDataURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  });
}
