/**
 * The shell's security decisions as plain data and pure functions (type-only Electron imports),
 * so tests can inspect them in Node where the Electron runtime cannot start.
 */
import path from 'node:path';
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
    // Middle-click would ask for a new window; denied anyway, but no need to offer the gesture.
    disableBlinkFeatures: 'Auxclick',
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

/** Every permission request (camera, geolocation, notifications, …) is refused: the app needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** window.open, target=_blank and middle-click never open a window. */
export function decideWindowOpen(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Guard for will-navigate, will-redirect, will-frame-navigate: anything but the app is stopped.
 * Returns whether it was stopped.
 */
export function guardNavigation(event: { preventDefault(): void }, url: string): boolean {
  if (isAppUrl(url)) return false;
  event.preventDefault();
  return true;
}

/** <webview> is disabled in the preferences; an attach attempt is stopped as well. */
export function guardWebviewAttach(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/**
 * The file under `root` that a tessera://app/ request may read, or null: other hosts, paths that
 * do not decode, NUL bytes and anything resolving outside `root` (traversal, encoded or not).
 */
export function appFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'tessera:' || url.host !== 'app') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + relative);
  return file.startsWith(base + path.sep) ? file : null;
}
