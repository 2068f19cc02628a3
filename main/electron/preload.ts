/**
 * Preload (sandboxed; bundled to CommonJS): exposes exactly the contract's calls, the event
 * subscription and the path of a dropped file on `window.tesseraApi`. Nothing else crosses.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.ts';
import { CALL_NAMES } from '../../shared/api/call-names.ts';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke('tessera:call', name, request)]),
);

contextBridge.exposeInMainWorld('tesseraApi', {
  ...calls,
  onEvent(listener: (event: ApiEvent) => void): () => void {
    const handler = (_event: unknown, payload: ApiEvent) => listener(payload);
    ipcRenderer.on('tessera:event', handler);
    return () => ipcRenderer.removeListener('tessera:event', handler);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
