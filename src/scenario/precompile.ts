/**
 * Build step (`npm run build:node`): validates every built-in scenario and
 * design and writes its precompiled entry (see precompiled.ts). A built-in
 * that does not validate fails the build with the loader's own message.
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ScenarioError } from './errors.js';
import { loadChain } from './load.js';
import { builtInFiles, scenariosFolder } from './builtIns.js';
import { PRECOMPILED_DIR, writePrecompiled } from './precompiled.js';

/** Writes an entry for each built-in of `folder` (its `built-ins.json`); returns the files done. */
export function precompileBuiltIns(folder = scenariosFolder(), dir = PRECOMPILED_DIR): string[] {
  rmSync(dir, { recursive: true, force: true }); // no entry outlives the file it was made from
  const files = builtInFiles(folder);
  for (const file of files) {
    const { loaded, paths } = loadChain(file);
    writePrecompiled(loaded, paths, folder, dir);
  }
  return files;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    precompileBuiltIns();
  } catch (error) {
    process.stderr.write(`precompiling the built-in scenarios: ${error instanceof ScenarioError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
