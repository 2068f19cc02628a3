/**
 * Safe extraction of a .zip source into a private temporary folder. Guards against zip bombs
 * (entry count, total uncompressed size, compression ratio, sizes that lie) and entry paths that
 * escape the target folder. Junk (`__MACOSX/`, `._*`, `.DS_Store`, `Thumbs.db`) is skipped, and
 * only files an importer can read are extracted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { UserError } from '../../shared/errors.ts';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries over `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/** The national Census ZCTA shapefile unzips to about 1 GB; allow a few times that. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 ** 2,
};

const READABLE = /\.(shp|shx|dbf|prj|cpg|qpj|geojson|json|gpkg|kml|csv|tsv|txt|zip)$/i;

export function isJunkEntry(name: string): boolean {
  const parts = name.split('/');
  const base = parts.at(-1) ?? '';
  return parts.includes('__MACOSX') || base.startsWith('._') || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini';
}

/** Extract `zipFile` into a new temporary folder and return it; the caller removes it. */
export async function extractZip(zipFile: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  const label = path.basename(zipFile);
  if (fs.statSync(zipFile).size === 0) throw new UserError(`"${label}" is empty (0 bytes): it is not a usable zip file.`);
  // Loaded here, not at start-up: most imports (and every import worker) never open a zip.
  const { default: yauzlModule } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzlModule.open(zipFile, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err ? reject(err) : resolve(z),
      ),
    );
  } catch (error) {
    throw new UserError(`"${label}" is not a readable zip file (${(error as Error).message}).`, { cause: error });
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new UserError(`"${label}" holds ${zip.entryCount} entries (more than ${limits.maxEntries}); it is refused as a possible zip bomb.`);
  }
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-import-'));
  try {
    await extractEntries(zip, target, label, limits);
    return target;
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    zip.close();
  }
}

function extractEntries(zip: yauzl.ZipFile, target: string, label: string, limits: ZipLimits): Promise<void> {
  let total = 0;
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => reject(error);
    zip.on('error', (error: Error) =>
      fail(
        /invalid relative path|absolute path/i.test(error.message)
          ? new UserError(`"${label}" contains an entry whose path points outside the archive (${error.message}); it is refused.`)
          : new UserError(`"${label}" is damaged: ${error.message}.`, { cause: error }),
      ),
    );
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      void handle(entry).then(
        () => zip.readEntry(),
        (error: unknown) => fail(error),
      );
    });
    const handle = async (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/\\/g, '/');
      const destination = path.resolve(target, name);
      if (path.isAbsolute(name) || /^[A-Za-z]:/.test(name) || !destination.startsWith(target + path.sep)) {
        throw new UserError(`"${label}" contains an entry whose path points outside the archive ("${entry.fileName}"); it is refused.`);
      }
      if (name.endsWith('/') || isJunkEntry(name) || !READABLE.test(name)) return;
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        throw new UserError(
          `"${label}" unpacks to more than ${Math.round(limits.maxTotalBytes / 1024 ** 3)} GB; it is refused as a possible zip bomb.`,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw new UserError(
          `"${label}": entry "${name}" expands ${Math.round(ratio)} times (${Math.round(entry.uncompressedSize / 1024 ** 2)} MB); it is refused as a possible zip bomb.`,
        );
      }
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      try {
        // Inside the try: a damaged entry (bad offsets, sizes past the end) fails on open.
        const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
          zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))),
        );
        await pipeline(stream, fs.createWriteStream(destination));
      } catch (error) {
        throw new UserError(`"${label}": entry "${name}" cannot be unpacked (${(error as Error).message}).`, { cause: error });
      }
    };
    zip.readEntry();
  });
}
