import { defineConfig } from 'vite';

/** The viewer (web/) is built into dist/web; `firedrill serve` serves that folder, never the dev server. */
export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { host: '127.0.0.1' },
});
