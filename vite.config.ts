import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspPlugin } from './src/html/cspPlugin.js';

/**
 * The viewer (web/) is built into one self-contained file, dist/web/index.html:
 * `firedrill serve` serves that file, `firedrill export` inlines a recording
 * into it, and it opens from file:// where module scripts from disk are refused.
 * Its Content-Security-Policy (a meta element) lets it talk only to the server
 * it came from.
 */
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [viteSingleFile(), cspPlugin({ connect: true })],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
});
