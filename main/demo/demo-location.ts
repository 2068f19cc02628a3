/** Where the built-in demo project lives when no project is given: the user's data folder. */
import os from 'node:os';
import path from 'node:path';

export function dataDir(): string {
  if (process.env.TESSERA_DATA_DIR) return path.resolve(process.env.TESSERA_DATA_DIR);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Tessera');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Tessera');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'tessera');
}

export function defaultDemoPath(): string {
  return path.join(dataDir(), 'demo.gpkg');
}
