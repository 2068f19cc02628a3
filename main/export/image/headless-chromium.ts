/**
 * The Chromium the CLI renders map images in: `TESSERA_CHROMIUM` when set, else the first of the
 * usual Linux/macOS install paths. Launched headless through playwright-core (no browser download),
 * with the flags that make deck.gl draw through Mesa llvmpipe (WebGL2, correct pixels) on machines
 * without a GPU, and with the browser kept off the network.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { UserError } from '../../../shared/errors.ts';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Shared with the e2e tests' browser (test/e2e/support/chromium.ts): the pixels must be the same. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to use, or a UserError saying how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.TESSERA_CHROMIUM;
  if (given !== undefined) {
    if (!isExecutable(given)) throw new UserError(`TESSERA_CHROMIUM is "${given}", which is not an executable file. ${HOW_TO}`);
    return given;
  }
  const found = CANDIDATES.find(isExecutable);
  if (!found) throw new UserError(`Map images are rendered in a headless Chromium, and none was found (looked in ${CANDIDATES.slice(0, 4).join(', ')} …). ${HOW_TO}`);
  return found;
}

const HOW_TO = 'Install one (Debian/Ubuntu: `apt-get install chromium`) or point TESSERA_CHROMIUM at a Chromium or Chrome executable.';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function launchHeadlessChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new UserError(`Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}
