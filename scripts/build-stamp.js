#!/usr/bin/env node
// What dist/ was built from: a SHA-256 over every file the build reads (the sources, the scenarios it
// precompiles, the configs and the locked dependencies). `npm install` builds dist/ and then writes the
// stamp; the tests' set-up rebuilds only when the stamp no longer matches, so a fresh clone is not built
// twice and a changed file is never tested stale. By content, not by time: a checkout sets every mtime.
//
//   node scripts/build-stamp.js write [ROOT]   records the inputs of the dist/ just built
//   node scripts/build-stamp.js check [ROOT]   exit 0 if dist/ is complete and built from today's inputs, else 1
// ROOT is the Firedrill folder, this script's own by default.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[3] ?? fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.inputs-sha256');
const DIRS = ['sim', 'src', 'bench', 'web', 'scenarios'].filter((d) => existsSync(join(root, d)));
// The configs by pattern, so that a new Vite or TypeScript config is an input without a change here.
const CONFIG = /^(package(-lock)?\.json|tsconfig(\..+)?\.json|vite(\..+)?\.config\.ts)$/;
// What a complete build leaves; a stamp beside a folder deleted by hand is not trusted.
const OUTPUTS = ['dist/src/cli/main.js', 'dist/precompiled', 'dist/drill-worker/worker.js', 'dist/web/index.html', 'dist/report/index.html', 'dist/drill/index.html'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' ? [] : e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

function inputsHash() {
  const hash = createHash('sha256');
  const files = [...DIRS.flatMap((d) => filesUnder(join(root, d))), ...readdirSync(root).filter((f) => CONFIG.test(f)).map((f) => join(root, f))].sort();
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(`${relative(root, file)}\0${content.length}\0`);
    hash.update(content);
  }
  hash.update(`node ${process.version}`);
  return hash.digest('hex');
}

const mode = process.argv[2];
if (mode === 'write') {
  writeFileSync(STAMP, `${inputsHash()}\n`);
} else if (mode === 'check') {
  const fresh = existsSync(STAMP) && OUTPUTS.every((o) => existsSync(join(root, o))) && readFileSync(STAMP, 'utf8').trim() === inputsHash();
  process.exit(fresh ? 0 : 1);
} else {
  process.stderr.write('usage: node scripts/build-stamp.js write|check [ROOT]\n');
  process.exit(2);
}
