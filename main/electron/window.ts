/**
 * The one BrowserWindow, locked down: context isolation, sandbox, no Node in the page, a strict
 * CSP, no navigation away from the app, no new windows, no permissions. The renderer is served
 * from the privileged `tessera://app/` scheme so that the CSP's 'self' means exactly the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../../shared/security/csp.ts';
import { DOWNLOAD_PREFIX, type ExportDownloads } from '../services/export-downloads.ts';
import {
  APP_ORIGIN,
  appFileFor,
  decidePermission,
  decideWindowOpen,
  guardNavigation,
  guardWebviewAttach,
  secureWebPreferences,
} from './security-policy.ts';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'tessera', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serve the built renderer folder on tessera://app/, nothing outside it, and the in-app exports
 * once each at tessera://app/download/<id> (the Save dialog comes from downloads.ts).
 */
export function serveRenderer(rendererDir: string, exports?: ExportDownloads): void {
  const root = path.resolve(rendererDir);
  protocol.handle('tessera', async (request) => {
    const download = exports ? exportDownloadResponse(exports, request.url) : null;
    if (download) return download;
    const file = appFileFor(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback) => callback(decidePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_webContents, permission) => decidePermission(permission));
}

/** A Response for tessera://app/download/<id> (404 once taken or expired), or null for any other address. */
function exportDownloadResponse(exports: ExportDownloads, requestUrl: string): Response | null {
  const url = new URL(requestUrl);
  if (url.host !== 'app' || !url.pathname.startsWith(DOWNLOAD_PREFIX)) return null;
  const download = exports.take(url.pathname.slice(DOWNLOAD_PREFIX.length));
  if (!download) return new Response('This download has expired or was already taken; export again.', { status: 404 });
  // Read whole and delete at once: exports are at most tens of MB, and nothing stays on disk.
  const bytes = fs.readFileSync(download.file);
  download.dispose();
  return new Response(bytes, {
    status: 200,
    headers: {
      'Content-Type': download.mime,
      'Content-Disposition': `attachment; filename="${download.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Tessera',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(decideWindowOpen);
  window.webContents.on('will-navigate', (event, url) => guardNavigation(event, url));
  window.webContents.on('will-redirect', (event, url) => guardNavigation(event, url));
  window.webContents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
  window.webContents.on('will-attach-webview', (event) => guardWebviewAttach(event));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
