/**
 * The renderer's Content Security Policy: only its own scripts, no eval, no remote anything.
 * Sent as a response header by both hosts (the HTTP host and the Electron shell's app scheme);
 * this is the only place it is written down.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
