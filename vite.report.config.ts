import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspPlugin } from './src/html/cspPlugin.js';

/** The sweep report's page, built into one file that `firedrill sweep` fills with its summary.json; it talks to no server. */
export default defineConfig({
  root: 'web/report',
  base: './',
  plugins: [viteSingleFile(), cspPlugin({ connect: false })],
  build: { outDir: '../../dist/report', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
