import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * A production build started from a process whose NODE_ENV is something else (vitest sets "test")
 * would bundle React's development build and development JSX. Vite reads NODE_ENV after loading
 * this file, so set it here for the build and put the caller's value back when the build ends.
 */
function productionNodeEnv(): Plugin[] {
  const previous = process.env.NODE_ENV;
  if (previous === 'production') return [];
  process.env.NODE_ENV = 'production';
  const restore = () => {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  };
  return [
    {
      name: 'tessera:restore-node-env',
      buildEnd(error) {
        if (error) restore();
      },
      closeBundle: restore,
    },
  ];
}

/**
 * Builds the renderer (renderer/index.html) into dist/renderer. `base: './'` keeps asset URLs
 * relative so the same build loads from the HTTP host and from a file:// URL in Electron.
 */
export default defineConfig(({ command, mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [...(command === 'build' && mode === 'production' ? productionNodeEnv() : []), react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // deck.gl + luma.gl are one large chunk by nature; the app is loaded from disk, not a network.
    chunkSizeWarningLimit: 4000,
  },
}));
