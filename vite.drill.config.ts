import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspPlugin } from './src/html/cspPlugin.js';

/**
 * The drill page, built into one self-contained file, dist/drill/index.html,
 * with the drill's engine (built first by vite.drillworker.config.ts) inline
 * as text: `firedrill serve` serves it at /drill, and `firedrill export
 * --drill` puts a drill inside it, so that one file opened from disk is a
 * whole drill. Its policy lets it start that worker from a blob, and fetch a
 * drill only from the server it came from.
 */
export default defineConfig({
  root: 'web/drill',
  base: './',
  resolve: { alias: [{ find: /^@drill-worker/, replacement: fileURLToPath(new URL('./dist/drill-worker/worker.js', import.meta.url)) }] },
  plugins: [viteSingleFile(), cspPlugin({ connect: true, worker: true })],
  build: { outDir: '../../dist/drill', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
