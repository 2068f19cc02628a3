/**
 * Every export is written to a temporary file in the target folder and renamed over the target at
 * the end, so a failed or cancelled export never leaves a partial file behind (and a previous file
 * of the same name survives a failed overwrite). The rename is atomic on one file system.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';

/** Run `write(tempPath)`, then move the temp file to `target`; on any failure remove the temp file. */
export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T> | T): Promise<T> {
  const out = path.resolve(target);
  const dir = path.dirname(out);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserError(`Cannot write "${target}": the folder "${dir}" does not exist.`);
  }
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) {
    throw new UserError(`Cannot write "${target}": it is a folder. Give a file name.`);
  }
  const temp = path.join(dir, `.${path.basename(out)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    const result = await write(temp);
    fs.renameSync(temp, out);
    return result;
  } catch (error) {
    throw asUserFacing(error, target);
  } finally {
    // SQLite side files too, for the GeoPackage writer.
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  }
}

function asUserFacing(error: unknown, target: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new UserError(`Cannot write "${target}": permission denied (the folder is read-only). Nothing was written.`, { cause: error });
  }
  if (code === 'ENOSPC') return new UserError(`Cannot write "${target}": the disk is full. Nothing was written.`, { cause: error });
  return error;
}

/**
 * Buffered sequential writes to a file descriptor: text exports of a few hundred MB stream out
 * without building one giant string.
 */
export class FileSink {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.chunks.length) fs.writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}
