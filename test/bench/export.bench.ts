/**
 * Map image export benchmark: wall time of `exportMapImage` (what `tessera export --format png`
 * runs) for the demo project at 4,000 px and 8,000 px wide, end to end — copying the project,
 * starting the HTTP host and headless Chromium, loading the app, rendering the map tiles through
 * software GL (Mesa llvmpipe), composing the page, PNG encoding and the atomic write — and the
 * share spent between the first and last tile. Real data (the demo: 3,231 US counties).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoProject } from '../../main/demo/build-demo.ts';
import { exportMapImage } from '../../main/export/image/map-image-export.ts';
import { ensureRendererBuilt } from '../../main/host/renderer-build.ts';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function timed(project: string, out: string, width: number) {
  const started = performance.now();
  let firstTileAt = 0;
  let lastTileAt = 0;
  const result = await exportMapImage({
    project,
    format: 'png',
    out,
    width,
    dpi: 96,
    labels: true,
    progress: ({ stage, done, total }) => {
      if (stage !== 'rendering map tiles') return;
      if (done === 1) firstTileAt = performance.now();
      if (done === total) lastTileAt = performance.now();
    },
  });
  const finished = performance.now();
  const seconds = (finished - started) / 1000;
  return {
    seconds: round(seconds),
    // Copy, host, Chromium start, app load, layer set-up and the first tile.
    untilFirstTileSeconds: round((firstTileAt - started) / 1000),
    tiles: result.tiles,
    tilesSecondsAfterFirst: round((lastTileAt - firstTileAt) / 1000),
    // Frame, legend and labels, PNG encoding in the page, transfer to Node, atomic write, shutdown.
    afterLastTileSeconds: round((finished - lastTileAt) / 1000),
    width: result.width,
    height: result.height,
    megabytes: round(result.bytes / 1e6),
  };
}

export default async function exportBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-export-'));
  try {
    const project = path.join(dir, 'demo.gpkg');
    await buildDemoProject(project);
    await ensureRendererBuilt();
    const loadBefore = os.loadavg().map((x) => round(x));
    const png4000 = await timed(project, path.join(dir, 'map-4000.png'), 4000);
    const png8000 = await timed(project, path.join(dir, 'map-8000.png'), 8000);
    return { data: 'demo project: 3,231 US counties, 12 territories', png4000, png8000, load: { before: loadBefore, after: os.loadavg().map((x) => round(x)) } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
