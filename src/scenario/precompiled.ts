/**
 * Built-in scenarios and designs, validated when Firedrill is built and kept
 * as JSON beside the compiled code (`dist/precompiled/`). Parsing the YAML with
 * its positions and validating it was a fifth of a cold `firedrill run` (about
 * 0.2 s); a server run or a `compare` paid it for every design. Each entry names
 * the files it was made from with their SHA-256, so an edited scenario is never
 * served stale: on any difference the loader reads the YAML as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOutput } from '../files/output.js';
import { builtInFolder, displayPath, resolveScenarioPath } from './builtIns.js';
import { rememberFingerprint } from './identity.js';
import type { DesignInfo, Loaded, LoadOptions } from './load.js';
import type { Scenario } from './schema.js';

const FORMAT = 2;

/** Where the build writes the entries; run from source, it names a folder that does not exist. */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../../precompiled/', import.meta.url));

interface Entry {
  format: typeof FORMAT;
  /** The files of the `extends` chain, base first, relative to the scenarios folder. */
  sources: Array<{ file: string; sha256: string }>;
  scenario: Scenario;
  design: DesignInfo | null;
  /** The scenario's fingerprint, worked out at build time. */
  fingerprint: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The entry's path for a scenario file inside `folder`, or null for one outside it. */
function entryPath(path: string, folder: string, dir: string): string | null {
  const rel = relative(folder, path);
  if (rel.startsWith('..') || isAbsolute(rel) || !rel.endsWith('.yaml')) return null;
  return join(dir, rel.replace(/\.yaml$/, '.json'));
}

/** The precompiled load of `path`, or null when it has none or one of its files changed since. */
export function readPrecompiled(path: string, folder: string, dir = PRECOMPILED_DIR): Loaded | null {
  const at = entryPath(path, folder, dir);
  if (at === null) return null;
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(at, 'utf8')) as Entry;
  } catch {
    return null; // none (run from source, or not built yet) or unreadable: the YAML it is
  }
  if (entry?.format !== FORMAT || !Array.isArray(entry.sources) || entry.sources.length === 0) return null;
  if (join(folder, entry.sources.at(-1)!.file) !== path) return null;
  const files: string[] = [];
  for (const source of entry.sources) {
    const file = join(folder, source.file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    if (sha256(text) !== source.sha256) return null;
    files.push(displayPath(file));
  }
  rememberFingerprint(entry.scenario, entry.fingerprint);
  return { scenario: entry.scenario, design: entry.design, files, fingerprint: entry.fingerprint };
}

/** What the loader would give for a scenario or design by name or path, when a current entry has it; else null. */
export function readBuiltInEntry(nameOrPath: string, kind: 'scenario' | 'design', options: LoadOptions): Loaded | null {
  if (options.edit !== undefined) return null; // an edited document is validated anew
  const folder = builtInFolder();
  return folder === null ? null : readPrecompiled(resolveScenarioPath(nameOrPath, kind), folder);
}

/** Writes the entry of a chain loaded from `paths` (absolute, base first), whole or not at all. */
export function writePrecompiled(loaded: Loaded, paths: string[], folder: string, dir = PRECOMPILED_DIR): void {
  const at = entryPath(paths.at(-1)!, folder, dir);
  if (at === null) throw new RangeError(`${paths.at(-1)} is not inside ${folder}`);
  const entry: Entry = {
    format: FORMAT,
    sources: paths.map((p) => ({ file: relative(folder, p), sha256: sha256(readFileSync(p, 'utf8')) })),
    scenario: loaded.scenario,
    design: loaded.design,
    fingerprint: loaded.fingerprint,
  };
  mkdirSync(dirname(at), { recursive: true });
  writeOutput(at, JSON.stringify(entry));
}
