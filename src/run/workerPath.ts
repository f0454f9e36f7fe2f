/**
 * Where a worker thread's script is. Workers run compiled JavaScript: from
 * dist/ the worker is the file beside its caller, compiled with it. From the
 * TypeScript sources (the tests import them directly) it is the build in
 * dist/, which may be older than the sources; then every file the worker
 * imports is checked against its source, and a stale or missing build is
 * refused with a message saying how to rebuild, instead of silently running
 * yesterday's model.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The build a worker would load is missing or older than its sources. */
export class StaleBuildError extends Error {
  override name = 'StaleBuildError';
}

/** The nearest folder above `from` with a package.json: the repository root. */
function rootOf(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new StaleBuildError(`cannot find the package root above ${from}`);
  }
}

// Relative module specifiers of a compiled file: `from './x.js'`, `import('./x.js')`, `import './x.js'`.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The first compiled file, among `entry` and what it imports, that is missing
 * or older than its TypeScript source; null if the build is current.
 */
export function findStaleBuild(entry: string, root: string): { built: string; source: string } | null {
  const dist = join(root, 'dist');
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const built = queue.pop()!;
    if (seen.has(built)) continue;
    seen.add(built);
    const source = join(root, relative(dist, built)).replace(/\.js$/, '.ts');
    if (!existsSync(built)) return { built, source };
    if (existsSync(source) && statSync(source).mtimeMs > statSync(built).mtimeMs) return { built, source };
    for (const [, spec] of readFileSync(built, 'utf8').matchAll(IMPORT)) queue.push(resolve(dirname(built), spec!));
  }
  return null;
}

/**
 * The URL of the worker script `worker` (relative to the caller, `./worker.js`)
 * for a caller at `callerUrl` (its `import.meta.url`). Throws a StaleBuildError
 * when the caller runs from source and the build is missing or stale.
 */
export function workerUrl(callerUrl: string, worker: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(worker, callerUrl);
  const callerDir = dirname(fileURLToPath(callerUrl));
  const root = rootOf(callerDir);
  const built = join(root, 'dist', relative(root, callerDir), worker);
  const stale = findStaleBuild(built, root);
  if (stale !== null) {
    const [b, s] = [relative(root, stale.built), relative(root, stale.source)];
    throw new StaleBuildError(existsSync(stale.built)
      ? `the worker's build is older than its source (${b} is older than ${s}); run npm run build:node`
      : `the worker's build is missing (${b}); run npm run build:node`);
  }
  return pathToFileURL(built);
}
