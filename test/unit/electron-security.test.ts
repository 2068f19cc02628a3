/** The Electron shell's security settings, inspected in plain Node (the runtime cannot start here). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appFileFor,
  decidePermission,
  decideWindowOpen,
  guardNavigation,
  guardWebviewAttach,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../main/electron/security-policy.ts';
import { RENDERER_CSP } from '../../shared/security/csp.ts';

describe('Electron window security', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('lets the window show only the app origin', () => {
    expect(isAppUrl('tessera://app/index.html')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'tessera://evil/x', 'javascript:alert(1)', 'not a url']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });

  it('trusts IPC only from the app window on the app origin', () => {
    expect(isTrustedSender({ isAppWindow: true, frameUrl: 'tessera://app/index.html' })).toBe(true);
    expect(isTrustedSender({ isAppWindow: false, frameUrl: 'tessera://app/index.html' })).toBe(false);
    expect(isTrustedSender({ isAppWindow: true, frameUrl: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ isAppWindow: true, frameUrl: undefined })).toBe(false);
  });

  it('serves a CSP without eval, inline scripts or remote origins', () => {
    expect(RENDERER_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*\.|script-src[^;]*unsafe-inline/);
    expect(RENDERER_CSP).toMatch(/object-src 'none'/);
    expect(RENDERER_CSP).toMatch(/frame-ancestors 'none'/);
  });

  it('denies every permission request and every new window', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(decidePermission(permission)).toBe(false);
    }
    for (const url of ['https://example.com/', 'tessera://app/index.html', 'about:blank']) expect(decideWindowOpen({ url })).toEqual({ action: 'deny' });
  });

  it('stops navigation, redirects and webview attachment away from the app', () => {
    const event = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      return e;
    };
    const inApp = event();
    expect(guardNavigation(inApp, 'tessera://app/index.html#x')).toBe(false);
    expect(inApp.prevented).toBe(false);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'tessera://other/', 'http://127.0.0.1:8080/', 'data:text/html,hi']) {
      const away = event();
      expect(guardNavigation(away, url)).toBe(true);
      expect(away.prevented).toBe(true);
    }
    const attach = event();
    guardWebviewAttach(attach);
    expect(attach.prevented).toBe(true);
  });

  it('serves tessera://app/ only from inside the renderer folder', () => {
    const root = path.resolve('/opt/tessera/renderer');
    expect(appFileFor(root, 'tessera://app/')).toBe(path.join(root, 'index.html'));
    expect(appFileFor(root, 'tessera://app/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    // Dot segments, plain or %2e-encoded, are collapsed by the URL parser itself and stay inside.
    expect(appFileFor(root, 'tessera://app/../secret')).toBe(path.join(root, 'secret'));
    expect(appFileFor(root, 'tessera://app/%2e%2e/secret')).toBe(path.join(root, 'secret'));
    // Encoded slashes survive the parser and would climb out after decoding: refused.
    for (const url of [
      'tessera://app/assets/..%2f..%2fsecret',
      'tessera://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'tessera://app/..%5c..%5csecret'.replaceAll('%5c', '%2f'),
      'tessera://app/%00',
      'tessera://app/%E0%A4%A',
      'tessera://evil/index.html',
      'https://app/index.html',
      'not a url',
    ]) {
      expect(appFileFor(root, url), url).toBeNull();
    }
  });

  it('the window and session use exactly these tested policies', () => {
    // The shell cannot start here, so check its wiring in the source: every guard goes through the policy.
    const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../main/electron/window.ts'), 'utf8');
    expect(source).toMatch(/webPreferences: secureWebPreferences\(preloadPath\)/);
    expect(source).toMatch(/setWindowOpenHandler\(decideWindowOpen\)/);
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) expect(source).toMatch(new RegExp(`on\\('${event}', [^\\n]*guardNavigation`));
    expect(source).toMatch(/on\('will-attach-webview', [^\n]*guardWebviewAttach/);
    expect(source).toMatch(/setPermissionRequestHandler\([^\n]*decidePermission/);
    expect(source).toMatch(/setPermissionCheckHandler\([^\n]*decidePermission/);
    expect(source).toMatch(/appFileFor\(root, request\.url\)/);
    expect(source.match(/new BrowserWindow\(/g)).toHaveLength(1);
  });
});
