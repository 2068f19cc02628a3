/**
 * The shell's security decisions as plain data and pure functions (type-only Electron imports),
 * so tests can inspect them in Node where the Electron runtime cannot start.
 */
import type { WebPreferences } from 'electron';

export const APP_ORIGIN = 'tessera://app';

/** Web preferences of every Tessera window: isolated, sandboxed, no Node, no webviews. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The window may only ever show the app itself. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'tessera:' && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** An IPC call is trusted only from the app window's own main frame on the app origin. */
export function isTrustedSender(sender: { isAppWindow: boolean; frameUrl: string | undefined }): boolean {
  return sender.isAppWindow && sender.frameUrl !== undefined && isAppUrl(sender.frameUrl);
}
