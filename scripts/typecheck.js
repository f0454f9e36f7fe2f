#!/usr/bin/env node
// Type-checks the Node side (src, sim, bench, test) and the browser side (web/) at once: each tsc is
// single-threaded, so on two cores both together take about as long as the longer one. Each one's
// messages are printed whole, the Node side's first; the exit code is 1 if either found an error.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

const check = (project) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ project, ok: false, output: `${error.message}\n` }));
    child.on('close', (code) => resolve({ project, ok: code === 0, output }));
  });

const results = await Promise.all(['tsconfig.json', 'web/tsconfig.json'].map(check));
for (const r of results) {
  if (r.output) process.stdout.write(r.output);
  if (!r.ok) process.stderr.write(`type-check of ${r.project} failed\n`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
