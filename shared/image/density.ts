/**
 * Print density (DPI) in encoded images. Browsers' canvas encoders write no density (PNG) or
 * 1:1 "aspect only" (JPEG JFIF), so the map image export sets it afterwards: a PNG `pHYs` chunk
 * (pixels per metre) after IHDR, a JFIF APP0 segment with units = dots per inch. The pixels are
 * untouched; only the header bytes change. Also reads both back (for the tests and the CLI report).
 */

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const METRES_PER_INCH = 0.0254;

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

/** The image with its density set to `dpi` (PNG or JPEG; throws on anything else). */
export function withDensity(bytes: Uint8Array, dpi: number): Uint8Array {
  if (!Number.isFinite(dpi) || dpi <= 0) throw new Error(`A density must be a positive number of dots per inch, not ${dpi}.`);
  if (isPng(bytes)) return pngWithDensity(bytes, dpi);
  if (isJpeg(bytes)) return jpegWithDensity(bytes, dpi);
  throw new Error('Not a PNG or JPEG image.');
}

/** Width, height and density (dpi, null when the file declares none) of a PNG or JPEG. */
export function imageInfo(bytes: Uint8Array): { format: 'png' | 'jpeg'; width: number; height: number; dpi: number | null } {
  if (isPng(bytes)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let dpi: number | null = null;
    for (const chunk of pngChunks(bytes)) {
      if (chunk.type === 'pHYs' && bytes[chunk.dataAt + 8] === 1) {
        dpi = Math.round(view.getUint32(chunk.dataAt) * METRES_PER_INCH);
      }
    }
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20), dpi };
  }
  if (isJpeg(bytes)) {
    let width = 0;
    let height = 0;
    let dpi: number | null = null;
    for (const segment of jpegSegments(bytes)) {
      const at = segment.at + 4;
      if (segment.marker === 0xe0 && ascii(bytes, at, 5) === 'JFIF\0') {
        const units = bytes[at + 7];
        const x = (bytes[at + 8]! << 8) | bytes[at + 9]!;
        if (units === 1) dpi = x;
        else if (units === 2) dpi = Math.round(x * 2.54);
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (segment.marker >= 0xc0 && segment.marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(segment.marker)) {
        height = (bytes[at + 1]! << 8) | bytes[at + 2]!;
        width = (bytes[at + 3]! << 8) | bytes[at + 4]!;
      }
    }
    return { format: 'jpeg', width, height, dpi };
  }
  throw new Error('Not a PNG or JPEG image.');
}

function pngWithDensity(bytes: Uint8Array, dpi: number): Uint8Array {
  const ppm = Math.round(dpi / METRES_PER_INCH);
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, ppm);
  view.setUint32(4, ppm);
  data[8] = 1; // unit: metre
  const phys = pngChunk('pHYs', data);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const chunk of pngChunks(bytes)) {
    if (chunk.type === 'pHYs') continue; // replaced
    parts.push(bytes.subarray(chunk.at, chunk.end));
    if (chunk.type === 'IHDR') parts.push(phys);
  }
  return concat(parts);
}

interface PngChunk {
  type: string;
  at: number;
  dataAt: number;
  end: number;
}

function* pngChunks(bytes: Uint8Array): Generator<PngChunk> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error('The PNG is truncated.');
    yield { type, at, dataAt: at + 8, end };
    at = end;
    if (type === 'IEND') return;
  }
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

function jpegWithDensity(bytes: Uint8Array, dpi: number): Uint8Array {
  const density = Math.min(65535, Math.round(dpi));
  for (const segment of jpegSegments(bytes)) {
    if (segment.marker === 0xe0 && ascii(bytes, segment.at + 4, 5) === 'JFIF\0') {
      const copy = bytes.slice();
      const at = segment.at + 4;
      copy[at + 7] = 1; // units: dots per inch
      copy[at + 8] = density >> 8;
      copy[at + 9] = density & 0xff;
      copy[at + 10] = density >> 8;
      copy[at + 11] = density & 0xff;
      return copy;
    }
  }
  // No JFIF header: add one right after SOI.
  const app0 = Uint8Array.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1, density >> 8, density & 0xff, density >> 8, density & 0xff, 0, 0]);
  return concat([bytes.subarray(0, 2), app0, bytes.subarray(2)]);
}

/** Marker segments up to the start of scan (segment.at is the 0xFF of the marker). */
function* jpegSegments(bytes: Uint8Array): Generator<{ marker: number; at: number }> {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xd9 || marker === 0xda) return; // EOI or SOS: no more headers
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    yield { marker, at };
    at += 2 + length;
  }
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
