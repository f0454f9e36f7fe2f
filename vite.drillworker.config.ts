import { defineConfig } from 'vite';

/**
 * The drill's engine (web/drill/worker.ts: the whole simulation) as one
 * classic script, dist/drill-worker/worker.js. The drill page inlines it and
 * starts it from a blob, so the page stays one file that opens from disk.
 */
export default defineConfig({
  build: {
    outDir: 'dist/drill-worker',
    emptyOutDir: true,
    lib: { entry: 'web/drill/worker.ts', formats: ['iife'], name: 'FiredrillDrill', fileName: () => 'worker.js' },
    chunkSizeWarningLimit: 4000,
  },
});
