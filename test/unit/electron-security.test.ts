/** The Electron shell's security settings, inspected in plain Node (the runtime cannot start here). */
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender, secureWebPreferences } from '../../main/electron/security-policy.ts';
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
});
