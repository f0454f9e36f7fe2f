import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/** The sweep report's page, built into one file that `firedrill sweep` fills with its summary.json. */
export default defineConfig({
  root: 'web/report',
  base: './',
  plugins: [viteSingleFile()],
  build: { outDir: '../../dist/report', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
