/**
 * Saving exports from the window, through Electron's download mechanism:
 * - map images: the renderer renders and encodes the image itself and hands it over as a Blob
 *   download (the same code path as in a browser), accepted only from blob: URLs of the app page;
 * - every other format (Export… dialog): main wrote the file (services/export-downloads.ts) and the
 *   page downloads it once from tessera://app/download/<id>, accepted only from that address.
 * Either way the shell asks where to save with the native Save dialog, only for the file types
 * of download-policy.ts, and cancels the download when the user cancels — nothing else can write
 * files this way.
 */
import path from 'node:path';
import { BrowserWindow, dialog, session, type DownloadItem, type Event, type WebContents } from 'electron';
import { allowedDownload, IMAGE_FILTERS } from './download-policy.ts';

/** Call once, after app 'ready'. */
export function handleImageDownloads(): void {
  session.defaultSession.on('will-download', (_event: Event, item: DownloadItem, webContents: WebContents) => {
    const name = item.getFilename();
    const filter = allowedDownload(item.getURL(), name);
    if (!filter) {
      item.cancel();
      return;
    }
    const window = BrowserWindow.fromWebContents(webContents);
    const title = IMAGE_FILTERS[path.extname(name).toLowerCase()] ? 'Save map image' : 'Save export';
    const options = { title, defaultPath: name, filters: [filter] };
    const target = window ? dialog.showSaveDialogSync(window, options) : dialog.showSaveDialogSync(options);
    if (target) item.setSavePath(target);
    else item.cancel();
  });
}
