/**
 * IPC for the contract: one channel, `tessera:call`. Only the app's own window on tessera://app/
 * may call; the call name must be in the contract and the request passes its zod schema
 * (callHandler). Events go out on `tessera:event`.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isCallName, type ApiEvent, type ApiResponse } from '../../shared/api/contract.ts';
import { callHandler } from '../services/dispatch.ts';
import type { ProjectService } from '../services/project-service.ts';
import { isTrustedSender } from './security-policy.ts';

export const CALL_CHANNEL = 'tessera:call';
export const EVENT_CHANNEL = 'tessera:event';

export function serveContractOverIpc(getWindow: () => BrowserWindow | null, service: ProjectService): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const window = getWindow();
    const isMainFrame = event.senderFrame !== null && event.senderFrame === event.sender.mainFrame;
    return isTrustedSender({ isAppWindow: window !== null && event.sender === window.webContents && isMainFrame, frameUrl: event.senderFrame?.url });
  };
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, request: unknown): Promise<ApiResponse<unknown>> => {
    if (!trusted(event)) return { ok: false, error: { code: 'bad-request', message: 'Call refused: unknown sender.' } };
    if (typeof name !== 'string' || !isCallName(name)) {
      return { ok: false, error: { code: 'bad-request', message: `Unknown API call "${String(name)}".` } };
    }
    return callHandler(service.handlers, name, request);
  });
  const unsubscribe = service.onEvent((event: ApiEvent) => getWindow()?.webContents.send(EVENT_CHANNEL, event));
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
