/**
 * Load on the HTTP host: `clients` concurrent clients on 127.0.0.1 for `seconds`, each reading
 * (getInfo, now and then the full getMapData) and applying edits that move its own disjoint set of
 * units, in its own seeded order. Every response is checked as it arrives (status, shape, and the
 * client's own units as it last wrote them); afterwards the history must hold exactly each client's
 * acknowledged edits in its order, and the plan each client's last word on its units.
 * Shared by test/integration/load-http.test.ts (short) and scripts/stress.ts (long).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { MapData, ProjectInfo } from '../../shared/model/project.ts';
import { startHttpHost } from '../../main/host/http-host.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { mulberry32 } from '../crash/random.ts';

export interface LoadSummary {
  clients: number;
  seconds: number;
  requests: number;
  edits: number;
  reads: number;
  mapReads: number;
  status5xx: number;
  errors: string[];
  requestsPerSecond: number;
}

export async function runHttpLoad(
  file: string,
  /** Each client goes on past `seconds` until it has made `minEditsPerClient` edits (slow machines). */
  options: { clients: number; seconds: number; seed: number; unitsPerClient?: number; minEditsPerClient?: number },
): Promise<LoadSummary> {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-load-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tessera</title>');
  const service = new ProjectService(ProjectStore.open(file));
  const host = await startHttpHost({ service, staticDir });
  const base = `http://127.0.0.1:${host.port}`;
  const summary: LoadSummary = { clients: options.clients, seconds: options.seconds, requests: 0, edits: 0, reads: 0, mapReads: 0, status5xx: 0, errors: [], requestsPerSecond: 0 };
  const fail = (message: string) => {
    if (summary.errors.length < 50) summary.errors.push(message);
  };

  const call = async <T>(name: string, body: unknown): Promise<{ status: number; json: { ok: boolean; value?: T; error?: { message: string } } }> => {
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-token': host.token },
      body: JSON.stringify(body),
    });
    summary.requests++;
    if (res.status >= 500) summary.status5xx++;
    return { status: res.status, json: (await res.json()) as { ok: boolean; value?: T; error?: { message: string } } };
  };

  try {
    const first = await call<MapData>('getMapData', {});
    const map = first.json.value!;
    const scenarioId = map.scenario.id;
    const territories = map.territories.map((t) => t.id);
    const unitCount = map.units.length;
    const perClient = options.unitsPerClient ?? 40;
    const historyBefore = (service as unknown as { store: ProjectStore }).store.db.prepare('SELECT max(seq) FROM tessera_history').pluck().get() as number | null;

    const acked: string[][] = [];
    const models: Map<string, string | null>[] = [];
    const started = Date.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.clients }, async (_, k) => {
        const random = mulberry32(options.seed * 7919 + k);
        // Disjoint units: every clients-th unit starting at k.
        const mine = map.units.filter((_, i) => i % options.clients === k).slice(0, perClient).map((u) => u.id);
        const model = new Map(mine.map((u) => [u, map.assignments[u] ?? null]));
        models[k] = model;
        acked[k] = [];
        let n = 0;
        while (Date.now() < deadline || acked[k]!.length < (options.minEditsPerClient ?? 0)) {
          const r = random();
          if (r < 0.55) {
            const unitIds = [mine[Math.floor(random() * mine.length)]!, mine[Math.floor(random() * mine.length)]!].filter((u, i, a) => a.indexOf(u) === i);
            const to = territories[Math.floor(random() * territories.length)]!;
            const label = `load c${k} #${n++}`;
            const response = await call('applyEdit', {
              scenarioId,
              edit: { label, ops: [{ op: 'assign', unitIds, from: unitIds.map((u) => model.get(u) ?? null), to }] },
            });
            if (response.status !== 200 || !response.json.ok) fail(`client ${k} edit ${label}: ${response.status} ${JSON.stringify(response.json.error)}`);
            else {
              for (const u of unitIds) model.set(u, to);
              acked[k]!.push(label);
              summary.edits++;
            }
          } else if (r < 0.95) {
            const response = await call<ProjectInfo>('getInfo', {});
            summary.reads++;
            const info = response.json.value;
            const assigned = info ? info.territories.reduce((s, t) => s + t.units, 0) + info.unassigned.units : -1;
            if (response.status !== 200 || info?.layers.find((l) => l.name === 'units')?.features !== unitCount || assigned !== unitCount) {
              fail(`client ${k} getInfo: ${response.status} units ${assigned}/${unitCount}`);
            }
          } else {
            const response = await call<MapData>('getMapData', {});
            summary.mapReads++;
            const value = response.json.value;
            if (response.status !== 200 || !value) fail(`client ${k} getMapData: ${response.status}`);
            else for (const [u, t] of model) if ((value.assignments[u] ?? null) !== t) fail(`client ${k} getMapData: unit ${u} is ${value.assignments[u]}, it wrote ${t}`);
          }
        }
      }),
    );
    summary.requestsPerSecond = Math.round((summary.requests * 1000) / (Date.now() - started));

    // Persisted, in order: reopen the file independently of the host's connection.
    await host.close();
    service.close();
    const store = ProjectStore.open(file);
    try {
      const rows = store.db
        .prepare('SELECT label FROM tessera_history WHERE scenario_id = ? AND seq > ? ORDER BY seq')
        .pluck()
        .all(scenarioId, historyBefore ?? 0) as string[];
      for (let k = 0; k < options.clients; k++) {
        const got = rows.filter((l) => l.startsWith(`load c${k} #`));
        if (JSON.stringify(got) !== JSON.stringify(acked[k])) fail(`client ${k}: history holds ${got.length} edits, acknowledged ${acked[k]!.length}, or out of order`);
      }
      const plan = store.assignments(scenarioId);
      for (let k = 0; k < options.clients; k++) {
        for (const [u, t] of models[k]!) if ((plan.get(u) ?? null) !== t) fail(`client ${k}: unit ${u} persisted as ${plan.get(u)}, last acknowledged ${t}`);
      }
      const integrity = store.db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') fail(`integrity_check: ${String(integrity)}`);
    } finally {
      store.close();
    }
    return summary;
  } finally {
    await host.close().catch(() => {});
    fs.rmSync(staticDir, { recursive: true, force: true });
  }
}
