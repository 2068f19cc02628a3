/**
 * Electronegativity (Doyensec's static checker for Electron apps) as the project runs it: what it
 * scans, and each finding we accept with the reason. Run by test/integration/hostile-electron.test.ts
 * in `npm test`; the test fails on any HIGH finding not accepted here.
 */
export const ELECTRONEGATIVITY = {
  /** The shell's sources and the preload exactly as shipped (bundled to CommonJS by the test). */
  scan: ['main/electron'],
  preloadEntry: 'main/electron/preload.ts',
  electronVersion: '41.7.1',
  accepted: [
    {
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      file: 'window.ts',
      why:
        'The checker reads object literals only, and the window takes its preferences from secureWebPreferences(), which sets ' +
        'contextIsolation: true; test/unit/electron-security.test.ts asserts both the values and that window.ts passes them.',
      /** Accepted only while the window really gets its preferences from the tested function. */
      sourceMustMatch: /webPreferences: secureWebPreferences\(preloadPath\)/,
    },
    {
      check: 'SANDBOX_JS_CHECK',
      file: 'window.ts',
      why: 'Same as above: sandbox: true comes from secureWebPreferences().',
      sourceMustMatch: /webPreferences: secureWebPreferences\(preloadPath\)/,
    },
    {
      check: 'AUXCLICK_JS_CHECK',
      file: 'window.ts',
      why: "Same as above: disableBlinkFeatures: 'Auxclick' comes from secureWebPreferences(); new windows are denied anyway.",
      sourceMustMatch: /webPreferences: secureWebPreferences\(preloadPath\)/,
    },
    {
      check: 'CSP_GLOBAL_CHECK',
      file: 'N/A',
      why:
        'The CSP is sent as a response header by the tessera:// protocol handler (window.ts) from shared/security/csp.ts, which the ' +
        'checker does not follow; test/unit/electron-security.test.ts checks the policy (no eval, no inline script, no remote origins).',
      sourceMustMatch: null,
    },
  ],
} as const;
