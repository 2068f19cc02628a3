/**
 * Saving map images from the window: the renderer renders and encodes the image itself and hands
 * it over as a Blob download (the same code path as in a browser). Here the shell accepts only
 * downloads of blob: URLs made by the app page, asks where to save with the native Save dialog,
 * and cancels the download when the user cancels — nothing else can write files this way.
 */
import path from 'node:path';
import { BrowserWindow, dialog, session, type DownloadItem, type Event, type WebContents } from 'electron';
import { APP_ORIGIN } from './security-policy.ts';

const IMAGE_FILTERS: Record<string, Electron.FileFilter> = {
  '.png': { name: 'PNG image', extensions: ['png'] },
  '.jpg': { name: 'JPEG image', extensions: ['jpg', 'jpeg'] },
};

/** Call once, after app 'ready'. */
export function handleImageDownloads(): void {
  session.defaultSession.on('will-download', (_event: Event, item: DownloadItem, webContents: WebContents) => {
    const name = item.getFilename();
    const filter = IMAGE_FILTERS[path.extname(name).toLowerCase()];
    if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`) || !filter) {
      item.cancel();
      return;
    }
    const window = BrowserWindow.fromWebContents(webContents);
    const options = { title: 'Save map image', defaultPath: name, filters: [filter] };
    const target = window ? dialog.showSaveDialogSync(window, options) : dialog.showSaveDialogSync(options);
    if (target) item.setSavePath(target);
    else item.cancel();
  });
}
