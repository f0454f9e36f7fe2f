#!/usr/bin/env node
// Builds the viewer (dist/web/index.html) and the drill page (dist/drill/index.html) when they are
// missing or older than their sources, so `npm start` is quick when nothing changed and never serves
// a stale page.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
const stale = (built, sources) => !existsSync(built) || statSync(built).mtimeMs < sources;
const build = (what, configs) => {
  process.stderr.write(`Building ${what}…\n`);
  for (const config of configs) execFileSync(process.execPath, [vite, 'build', ...(config ? ['-c', config] : []), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
};

const viewerSources = Math.max(newest(join(root, 'web', 'src')), statSync(join(root, 'web', 'index.html')).mtimeMs, ...['stream', 'html', 'sweep'].map((d) => newest(join(root, 'src', d))), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (stale(join(root, 'dist', 'web', 'index.html'), viewerSources)) build('the viewer', [null]);
// The drill page carries the whole simulation: any source of the model can change it.
const drillSources = Math.max(newest(join(root, 'web')), newest(join(root, 'src')), newest(join(root, 'sim')), statSync(join(root, 'vite.drill.config.ts')).mtimeMs, statSync(join(root, 'vite.drillworker.config.ts')).mtimeMs);
if (stale(join(root, 'dist', 'drill', 'index.html'), drillSources)) build('the drill page', ['vite.drillworker.config.ts', 'vite.drill.config.ts']);
