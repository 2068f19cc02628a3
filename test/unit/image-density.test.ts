/**
 * DPI in encoded images (shared/image/density.ts): a pHYs chunk that pngjs (which checks every
 * chunk's CRC) still decodes, a JFIF density, and the sizes read back from the headers.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { imageInfo, withDensity } from '../../shared/image/density.ts';
import { layoutScale, printOptionsProblem } from '../../shared/image/print-options.ts';
import { niceRound, scaleBars } from '../../renderer/src/print/scale-bar.ts';

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return new Uint8Array(PNG.sync.write(image));
}

describe('image density', () => {
  it('writes pHYs into a PNG, replaces an existing one, and keeps the pixels', () => {
    const original = png(33, 21);
    expect(imageInfo(original)).toEqual({ format: 'png', width: 33, height: 21, dpi: null });
    const at300 = withDensity(original, 300);
    expect(imageInfo(at300)).toEqual({ format: 'png', width: 33, height: 21, dpi: 300 });
    const at96 = withDensity(at300, 96);
    expect(imageInfo(at96).dpi).toBe(96);
    expect(at96.length).toBe(at300.length);
    const decoded = PNG.sync.read(Buffer.from(at96));
    expect([decoded.width, decoded.height, decoded.data[0]]).toEqual([33, 21, 200]);
  });

  it('sets the JFIF density of a JPEG, and adds a JFIF header when there is none', () => {
    // SOI, APP0 JFIF (aspect only), SOF0 of 640 x 480, EOI: enough header for the reader.
    const jfif = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof = [0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0];
    const jpeg = Uint8Array.from([0xff, 0xd8, ...jfif, ...sof, 0xff, 0xd9]);
    expect(imageInfo(jpeg)).toEqual({ format: 'jpeg', width: 640, height: 480, dpi: null });
    expect(imageInfo(withDensity(jpeg, 300))).toEqual({ format: 'jpeg', width: 640, height: 480, dpi: 300 });
    const bare = Uint8Array.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
    expect(imageInfo(withDensity(bare, 150))).toEqual({ format: 'jpeg', width: 640, height: 480, dpi: 150 });
  });

  it('refuses what is not a PNG or JPEG', () => {
    expect(() => withDensity(Uint8Array.from([1, 2, 3]), 96)).toThrow(/Not a PNG or JPEG/);
  });
});

describe('print options and scale bar', () => {
  it('checks width and DPI in plain words', () => {
    expect(printOptionsProblem({ width: 4000, dpi: 150 })).toBeNull();
    expect(printOptionsProblem({ width: 0, dpi: 150 })).toMatch(/from 400 to 10,000, not 0/);
    expect(printOptionsProblem({ width: 50_000, dpi: 150 })).toMatch(/not 50,000/);
    expect(printOptionsProblem({ width: 4000, dpi: 5 })).toMatch(/DPI must be a number from 72/);
  });

  it('scales the layout with the width, and with the DPI up to twice that', () => {
    expect(layoutScale(1600, 96)).toBe(1);
    expect(layoutScale(8000, 96)).toBe(5);
    expect(layoutScale(1920, 150)).toBeCloseTo(1.5625);
    expect(layoutScale(1920, 300)).toBeCloseTo(2.4);
  });

  it('picks round 1-2-5 lengths no longer than the room given', () => {
    expect([niceRound(0.7), niceRound(3), niceRound(19), niceRound(730)]).toEqual([0.5, 2, 10, 500]);
    const { km, mi } = scaleBars(4, 38, 150);
    expect(km.lengthPx).toBeLessThanOrEqual(150);
    expect(mi.lengthPx).toBeLessThanOrEqual(150);
    expect(km.label).toMatch(/^\d[\d,]* km$/);
    // 1 mile = 1.609 km on the same bar scale.
    expect(mi.lengthPx / km.lengthPx).toBeCloseTo((Number(mi.label.split(' ')[0]!.replace(',', '')) * 1.609344) / Number(km.label.split(' ')[0]!.replace(',', '')), 5);
  });
});
