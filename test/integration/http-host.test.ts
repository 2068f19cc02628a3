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
