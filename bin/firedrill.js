#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('firedrill: the compiled CLI is missing (dist/src/cli/main.js); run `npm run build:node` in the Firedrill folder.\n');
  process.exit(2);
}
const { runCli } = await import(main.href);
await runCli(process.argv.slice(2));
