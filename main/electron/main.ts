/**
 * Electron main process: the thin shell. Opens the project given on the command line (or the
 * built-in demo), serves the contract over IPC, and shows the renderer in a locked-down window.
 * All behaviour lives in the services below main/, which run (and are tested) in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { buildDemoProject } from '../demo/build-demo.ts';
import { ProjectService } from '../services/project-service.ts';
import { ProjectStore } from '../store/project-store.ts';
import { serveContractOverIpc } from './ipc.ts';
import { installMenu } from './menu.ts';
import { handleImageDownloads } from './downloads.ts';
import { createMainWindow, registerAppScheme, serveRenderer } from './window.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(here, '../../dist/renderer');
const PRELOAD = path.join(here, 'preload.cjs');

registerAppScheme();
app.enableSandbox();

async function projectFile(): Promise<string> {
  const given = process.argv.slice(app.isPackaged ? 1 : 2).find((arg) => arg.endsWith('.gpkg'));
  if (given) return path.resolve(given);
  const demo = path.join(app.getPath('userData'), 'demo.gpkg');
  if (!fs.existsSync(demo)) await buildDemoProject(demo);
  return demo;
}

app.whenReady().then(async () => {
  const service = new ProjectService(ProjectStore.open(await projectFile()));
  let window: BrowserWindow | null = null;
  const getWindow = () => window;
  serveRenderer(RENDERER_DIR, service.exports);
  serveContractOverIpc(getWindow, service);
  installMenu(getWindow, service);
  handleImageDownloads();
  window = createMainWindow(PRELOAD);
  window.on('closed', () => (window = null));
  app.on('window-all-closed', () => {
    service.close();
    app.quit();
  });
});
