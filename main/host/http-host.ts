/**
 * The HTTP host (`tessera serve`): the built renderer and the API contract over HTTP + WebSocket,
 * for running in a browser when the Electron runtime is absent, and for the end-to-end tests.
 *
 * Security: listens on 127.0.0.1 only; every request (page, asset, API, WebSocket) must carry the
 * per-launch token as `?token=`, the cookie set from it, or the `x-tessera-token` header, else 401;
 * the Host header must name this loopback port (DNS rebinding); API bodies are JSON of bounded size
 * and validated with the contract's zod schemas; static paths cannot leave the renderer folder.
 * In-app exports (`exportFile`) are served once at /download/<random id>, behind the same check.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { isCallName, type ApiResponse } from '../../shared/api/contract.ts';
import { RENDERER_CSP } from '../../shared/security/csp.ts';
import type { ProjectService } from '../services/project-service.ts';
import { callHandler } from '../services/dispatch.ts';
import { DOWNLOAD_PREFIX, type ReadyDownload } from '../services/export-downloads.ts';

export interface HttpHostOptions {
  service: ProjectService;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Largest accepted API request body, bytes. */
  maxBodyBytes?: number;
}

export interface HttpHost {
  /** The address to open, token included. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = crypto.randomBytes(32).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built: ${path.join(staticDir, 'index.html')} is missing.`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  let port = 0;
  const cookieName = () => `tessera_token_${port}`;

  const authorised = (req: http.IncomingMessage, url: URL): boolean => {
    const offered = [url.searchParams.get('token'), header(req, 'x-tessera-token'), cookie(req, cookieName())];
    return offered.some((t) => t !== null && safeEqual(t, token));
  };
  const hostAllowed = (req: http.IncomingMessage) => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req)) return sendText(res, 403, 'Forbidden: unexpected Host header.');
    if (!authorised(req, url)) return sendText(res, 401, 'Unauthorised: open the address Tessera printed, including its token.');
    if (url.searchParams.has('token') && req.method === 'GET') {
      // Move the token from the address into an HttpOnly cookie and drop it from the URL bar.
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: url.pathname + url.search }).end();
      return;
    }
    if (url.pathname.startsWith('/api/')) return void handleApi(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
      if (req.method !== 'GET') return sendText(res, 405, 'Downloads use GET.');
      return serveDownload(res, options.service.exports.take(url.pathname.slice(DOWNLOAD_PREFIX.length)));
    }
    serveStatic(res, staticDir, url.pathname);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'API calls use POST.');
    if (!isCallName(name)) return sendJson(res, 404, { ok: false, error: { code: 'bad-request', message: `Unknown API call "${name}".` } });
    // A JSON content type forces a CORS preflight on cross-site requests, which we never grant.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'bad-request', message: 'API calls take application/json.' } });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, maxBodyBytes));
    } catch (error) {
      const tooLarge = (error as Error).message === 'too-large';
      return sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: { code: 'bad-request', message: tooLarge ? `Request larger than ${maxBodyBytes} bytes.` : 'Request body is not valid JSON.' },
      });
    }
    const response = await callHandler(options.service.handlers, name, body);
    const status = response.ok ? 200 : response.error.code === 'bad-request' ? 400 : response.error.code === 'user' ? 422 : 500;
    sendJson(res, status, response);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (url.pathname !== '/events' || !hostAllowed(req) || !originOk || !authorised(req, url)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = options.service.onEvent((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      ws.on('message', () => ws.close(1008, 'The events socket is one-way.'));
      // Without a listener, a bad frame (e.g. over maxPayload) is an uncaught exception that ends `tessera serve`.
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveStatic(res: http.ServerResponse, root: string, pathname: string): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendText(res, 400, 'Bad path.');
  }
  if (relative.includes('\0')) return sendText(res, 400, 'Bad path.');
  const file = path.resolve(root, '.' + (relative === '/' ? '/index.html' : relative));
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(res, 404, 'Not found.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return sendText(res, 404, 'Not found.');
  }
  if (!stat.isFile()) return sendText(res, 404, 'Not found.');
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
}

/** An in-app export, once: the id is already forgotten; the file is deleted when the response ends. */
function serveDownload(res: http.ServerResponse, download: ReadyDownload | null): void {
  if (!download) return sendText(res, 404, 'This download has expired or was already taken; export again.');
  res.writeHead(200, {
    'Content-Type': download.mime,
    'Content-Length': download.size,
    'Content-Disposition': `attachment; filename="${download.filename}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  const stream = fs.createReadStream(download.file);
  res.once('close', () => {
    stream.destroy();
    download.dispose();
  });
  stream.pipe(res);
}

/** Read a request body of at most `limit` bytes; past it, the rest is drained unread and refused. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return reject(new Error('too-large'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      reject(new Error('too-large'));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text + '\n');
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

