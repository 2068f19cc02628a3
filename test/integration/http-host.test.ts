/** The HTTP host's security and protocol, on a real project and a real socket. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpHost, type HttpHost } from '../../main/host/http-host.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoCopy, tempDir } from '../helpers/temp.ts';

let host: HttpHost;
let service: ProjectService;
let base: string;
const staticDir = tempDir();
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tessera</title>');
fs.mkdirSync(path.join(staticDir, 'assets'));
fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside the renderer folder');

beforeAll(async () => {
  service = new ProjectService(ProjectStore.open(await demoCopy()));
  host = await startHttpHost({ service, staticDir, maxBodyBytes: 64 * 1024 });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  service.close();
});

const withToken = (extra: Record<string, string> = {}) => ({ 'x-tessera-token': host.token, ...extra });
const post = (name: string, body: unknown, headers: Record<string, string> = withToken({ 'content-type': 'application/json' })) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP host', () => {
  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses page, asset and API requests without the token (401), or with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    expect((await post('getInfo', {}, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await fetch(`${base}/?token=${'x'.repeat(host.token.length)}`)).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { cookie: `tessera_token_${host.port}=nope` } })).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly cookie, then serves with it', async () => {
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/<title>Tessera/);
  });

  it('refuses requests whose Host header is not this loopback port (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example:80', 'x-tessera-token': host.token } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
    });
    expect(status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await fetch(`${base}${p}`, { headers: withToken() });
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toMatch(/outside the renderer/);
    }
  });

  it('answers contract calls and validates their arguments', async () => {
    const ok = await post('getInfo', {});
    expect(ok.status).toBe(200);
    const info = (await ok.json()) as { ok: boolean; value: { layers: { name: string; features: number }[] } };
    expect(info.value.layers.find((l) => l.name === 'units')?.features).toBe(3231);

    const bad = await post('applyEdit', { scenarioId: 'S1', edit: { label: '', ops: [] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Invalid request for applyEdit/);

    const user = await post('applyEdit', { scenarioId: 'S1', edit: { label: 'x', ops: [{ op: 'assign', unitIds: ['nope'], from: [null], to: 'T01' }] } });
    expect(user.status).toBe(422);
    expect(await user.json()).toEqual({ ok: false, error: { code: 'user', message: 'Unit "nope" does not exist in this project.' } });

    expect((await post('noSuchCall', {})).status).toBe(404);
    expect((await post('getInfo', '{not json')).status).toBe(400);
    expect((await post('getInfo', {}, withToken({ 'content-type': 'text/plain' }))).status).toBe(415);
  });

  it('limits the size of request bodies', async () => {
    const res = await post('getInfo', JSON.stringify({ pad: 'x'.repeat(100 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('refuses a WebSocket without the token and pushes events to one with it', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    const failure = await new Promise<string>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      refused.on('error', (e) => resolve(e.message));
    });
    expect(failure).toMatch(/401/);

    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: { 'x-tessera-token': host.token } });
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const event = new Promise<unknown>((resolve) => socket.on('message', (data) => resolve(JSON.parse(String(data)))));
    await post('applyEdit', { scenarioId: 'S1', edit: { label: 'move', ops: [{ op: 'assign', unitIds: ['17031'], from: ['T06'], to: 'T05' }] } });
    expect(await event).toEqual({ name: 'projectChanged', payload: { reason: 'edited', scenarioId: 'S1' } });
    socket.close();
  });
});

describe('HTTP host: more ways in', () => {
  it('binds 127.0.0.1 itself, not every interface (kernel socket table), and is unreachable on other loopback addresses', async () => {
    const net = await import('node:net');
    const hexPort = host.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = fs
      .readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A');
    expect(listening.map((cols) => cols[1])).toEqual([`0100007F:${hexPort}`]);
    expect(fs.readFileSync('/proc/net/tcp6', 'utf8')).not.toMatch(new RegExp(`:${hexPort} [0-9A-F:]+ 0A `));
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.2', port: host.port }, () => resolve('connected'));
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('answers HEAD like GET without a body, and only with the token', async () => {
    expect((await fetch(`${base}/`, { method: 'HEAD' })).status).toBe(401);
    const head = await fetch(`${base}/assets/app.js`, { method: 'HEAD', headers: withToken() });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/api/getInfo`, { method: 'HEAD', headers: withToken() })).status).toBe(405);
    expect((await fetch(`${base}/`, { method: 'PUT', headers: withToken(), body: 'x' })).status).toBe(405);
  });

  it('refuses a WebSocket from a foreign page even with the token (Origin check), and with a foreign Host', async () => {
    for (const headers of [
      { 'x-tessera-token': host.token, origin: 'https://evil.example' },
      { 'x-tessera-token': host.token, origin: `http://127.0.0.1:${host.port + 1}` },
      { 'x-tessera-token': host.token, host: 'evil.example' },
    ]) {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers });
      const outcome = await new Promise<string>((resolve) => {
        socket.on('open', () => resolve('open'));
        socket.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        socket.on('error', (e) => resolve(e.message));
      });
      expect(outcome).toMatch(/401/);
    }
    const wrongPath = new WebSocket(`ws://127.0.0.1:${host.port}/api/getInfo`, { headers: withToken() });
    expect(
      await new Promise<string>((resolve) => {
        wrongPath.on('open', () => resolve('open'));
        wrongPath.on('error', (e) => resolve(e.message));
      }),
    ).toMatch(/401/);
  });

  it('survives a very long URL and oversized headers with a 4xx, and keeps serving', async () => {
    const http = await import('node:http');
    const statusOf = (options: { path: string; headers?: Record<string, string> }) =>
      new Promise<number>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: host.port, ...options }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(-1));
      });
    const long = await statusOf({ path: '/assets/' + 'a'.repeat(100_000), headers: withToken() });
    expect(long === -1 || (long >= 400 && long < 500)).toBe(true);
    const fat = await statusOf({ path: '/', headers: { ...withToken(), 'x-pad': 'p'.repeat(64 * 1024) } });
    expect(fat === -1 || (fat >= 400 && fat < 500)).toBe(true);
    expect((await post('getInfo', {})).status).toBe(200);
  });

  it('keeps serving with hundreds of idle sockets open and 50 requests in flight at once', async () => {
    const net = await import('node:net');
    const idle = await Promise.all(
      Array.from(
        { length: 300 },
        () =>
          new Promise<import('node:net').Socket>((resolve, reject) => {
            const socket = net.connect({ host: '127.0.0.1', port: host.port }, () => resolve(socket));
            socket.on('error', reject);
          }),
      ),
    );
    try {
      const responses = await Promise.all(Array.from({ length: 50 }, () => post('getInfo', {})));
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('limits the size of WebSocket frames from a client', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: withToken() });
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send('x'.repeat(1024 * 1024));
    expect([1008, 1009]).toContain(await closed);
  });
});
