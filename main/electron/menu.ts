/** The native menu: File (Open, Import, Export), Edit (undo/redo forwarded to the renderer), View, Help. */
import { Menu, dialog, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { isUserError } from '../../shared/errors.ts';
import type { ApiEvents } from '../../shared/api/contract.ts';
import type { ProjectService } from '../services/project-service.ts';

export function installMenu(getWindow: () => BrowserWindow | null, service: ProjectService): void {
  const send = (command: ApiEvents['menuCommand']['command']) =>
    getWindow()?.webContents.send('tessera:event', { name: 'menuCommand', payload: { command } });

  const report = async (action: () => unknown) => {
    try {
      await action();
    } catch (error) {
      const window = getWindow();
      const message = isUserError(error) ? error.message : `Unexpected error: ${(error as Error).message}`;
      if (window) await dialog.showMessageBox(window, { type: 'error', message: 'Tessera', detail: message });
    }
  };

  const openProject = () =>
    report(async () => {
      const window = getWindow();
      if (!window) return;
      const result = await dialog.showOpenDialog(window, {
        title: 'Open project',
        filters: [{ name: 'Tessera project (GeoPackage)', extensions: ['gpkg'] }],
        properties: ['openFile'],
      });
      if (!result.canceled && result.filePaths[0]) service.open(result.filePaths[0]);
    });

  const exportCopy = () =>
    report(async () => {
      const window = getWindow();
      if (!window) return;
      const result = await dialog.showSaveDialog(window, {
        title: 'Export a copy of the project',
        filters: [{ name: 'GeoPackage', extensions: ['gpkg'] }],
      });
      if (!result.canceled && result.filePath) await service.handlers.saveCopy({ path: result.filePath });
    });

  const importFile = () =>
    report(async () => {
      const window = getWindow();
      if (!window) return;
      const result = await dialog.showOpenDialog(window, {
        title: 'Import boundaries or accounts',
        filters: [{ name: 'Shapefile, zip, GeoJSON, GeoPackage, KML, CSV', extensions: ['shp', 'zip', 'geojson', 'json', 'gpkg', 'kml', 'csv', 'tsv'] }],
        properties: ['openFile'],
      });
      if (!result.canceled && result.filePaths[0]) await service.importFile(result.filePaths[0]);
    });

  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: openProject },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: importFile },
        { label: 'Export Project Copy…', accelerator: 'CmdOrCtrl+Shift+E', click: exportCopy },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { label: 'Export Map Image…', accelerator: 'CmdOrCtrl+Shift+P', click: () => send('exportMapImage') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
