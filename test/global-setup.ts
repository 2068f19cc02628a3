/**
 * Vitest global setup: build the renderer once for every e2e test file (skipped when
 * dist/renderer is newer than all renderer and shared sources).
 */
import { ensureRendererBuilt } from '../main/host/renderer-build.ts';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt((line) => process.stderr.write(line + '\n'));
}
