import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/**
 * The viewer (web/) is built into one self-contained file, dist/web/index.html:
 * `firedrill serve` serves that file, `firedrill export` inlines a recording
 * into it, and it opens from file:// where module scripts from disk are refused.
 */
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [viteSingleFile()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
});
