/**
 * Outside readers for the vector export tests: poppler (pdfinfo, pdftotext, pdftoppm, pdfimages),
 * LibreOffice (PPTX -> PDF) and Chromium (SVG -> pixels). Images come back as PPM (pdftoppm) or
 * canvas pixels, so colours are counted without a PNG decoder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../e2e/support/chromium.ts';

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), width: Number(size?.[1]), height: Number(size?.[2]) };
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Raster images embedded in a PDF (a vector export has none). */
export function pdfImageCount(file: string): number {
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out.trim().split('\n').length - 2;
}

export interface Raster {
  width: number;
  height: number;
  /** RGB bytes */
  rgb: Uint8Array;
}

/** One PDF page rendered by pdftoppm at `dpi`, read back from its binary PPM. */
export function pdfPage(file: string, page: number, dpi: number): Raster {
  const out = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), file], { maxBuffer: 256 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(out.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a binary PPM');
  const [all, w, h] = header;
  return { width: Number(w), height: Number(h), rgb: out.subarray(all.length) };
}

/** Pixels within `tolerance` (per channel) of each #rrggbb colour. */
export function countColours(raster: Raster, colours: readonly string[], tolerance = 3): Record<string, number> {
  const targets = colours.map((c) => [Number.parseInt(c.slice(1, 3), 16), Number.parseInt(c.slice(3, 5), 16), Number.parseInt(c.slice(5, 7), 16)]);
  const counts: Record<string, number> = Object.fromEntries(colours.map((c) => [c, 0]));
  const { rgb } = raster;
  for (let i = 0; i < rgb.length; i += 3) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      if (Math.abs(rgb[i]! - t[0]!) <= tolerance && Math.abs(rgb[i + 1]! - t[1]!) <= tolerance && Math.abs(rgb[i + 2]! - t[2]!) <= tolerance) {
        counts[colours[k]!]!++;
        break;
      }
    }
  }
  return counts;
}

/** Share of pixels that are not (near) white. */
export function inkShare(raster: Raster): number {
  let ink = 0;
  const { rgb } = raster;
  for (let i = 0; i < rgb.length; i += 3) if (rgb[i]! < 245 || rgb[i + 1]! < 245 || rgb[i + 2]! < 245) ink++;
  return ink / (rgb.length / 3);
}

/** PPTX -> PDF through LibreOffice Impress (seconds: keep these few). */
export function pptxToPdf(file: string, outDir: string): string {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(outDir, '.lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, file], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${file}`);
  return pdf;
}

/** An SVG drawn by Chromium onto a canvas: its size and the pixel count per colour. */
export async function svgInChromium(svg: string, colours: readonly string[]): Promise<{ width: number; height: number; counts: Record<string, number>; error?: string }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    return await page.evaluate(
      async ({ svg, colours }) => {
        const img = new Image();
        const loaded = new Promise<string | undefined>((resolve) => {
          img.onload = () => resolve(undefined);
          img.onerror = () => resolve('the SVG did not load as an image');
        });
        img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
        const error = await loaded;
        if (error) return { width: 0, height: 0, counts: {}, error };
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const targets = colours.map((c) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)));
        const counts: Record<string, number> = Object.fromEntries(colours.map((c) => [c, 0]));
        for (let i = 0; i < data.length; i += 4) {
          targets.forEach((t, k) => {
            if (Math.abs(data[i]! - t[0]!) <= 3 && Math.abs(data[i + 1]! - t[1]!) <= 3 && Math.abs(data[i + 2]! - t[2]!) <= 3) counts[colours[k]!]!++;
          });
        }
        return { width: canvas.width, height: canvas.height, counts };
      },
      { svg, colours },
    );
  } finally {
    await browser.close();
  }
}
