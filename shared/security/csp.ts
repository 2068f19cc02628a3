/**
 * The renderer's Content Security Policy: only its own scripts, no eval, no remote anything.
 * Served as a header by the HTTP host and as a response header by the Electron shell.
 * Inline styles are allowed because React sets style attributes; scripts never inline.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
