/**
 * Where the built-in scenarios and designs are, and how a name or a path
 * given on the command line becomes a file. Kept apart from the loader so that
 * what opens a precompiled built-in imports no YAML parser and no schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of built-in scenarios (`scenarios/` at the repository root), from source or compiled code. */
export function scenariosFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'scenarios', 'pangyo-2022.yaml'))) return join(dir, 'scenarios');
    dir = dirname(dir);
  }
  throw new Error('the built-in scenarios folder (scenarios/) was not found next to Firedrill');
}

/** The built-in folder, or null when it is missing (a file given by path still loads). */
export function builtInFolder(): string | null {
  try {
    return scenariosFolder();
  } catch {
    return null;
  }
}

/**
 * The built-ins are those `scenarios/built-ins.json` names, not whatever sits in the folder: a file a
 * user drops there (a draft, a broken one) must not become a built-in, change what the built-ins list,
 * or fail the build that precompiles them.
 */
interface Manifest {
  scenarios: string[];
  /** Design name → the built-in scenario it extends. */
  designs: Record<string, string>;
  /** Example scenarios in `scenarios/examples/`, by name. */
  examples: string[];
}

const manifests = new Map<string, Manifest>();

/** The manifest of a scenarios folder. */
export function builtInManifest(folder = scenariosFolder()): Manifest {
  let manifest = manifests.get(folder);
  if (manifest === undefined) {
    const raw = JSON.parse(readFileSync(join(folder, 'built-ins.json'), 'utf8')) as Partial<Manifest>;
    manifest = { scenarios: raw.scenarios ?? [], designs: raw.designs ?? {}, examples: raw.examples ?? [] };
    manifests.set(folder, manifest);
  }
  return manifest;
}

/** Names of the built-in scenarios. */
export function listBuiltInScenarios(folder = scenariosFolder()): string[] {
  return [...builtInManifest(folder).scenarios].sort();
}

/** Names of the built-in designs (`scenarios/designs/*.yaml` named in the manifest); with `of`, only those extending that built-in scenario. */
export function listBuiltInDesigns(of?: string, folder = scenariosFolder()): string[] {
  return Object.entries(builtInManifest(folder).designs).filter(([, base]) => of === undefined || base === of).map(([name]) => name).sort();
}

/** The scenario a command runs when none is named. */
export const DEFAULT_SCENARIO = 'pangyo-2022';

/** The built-in scenario a name or path stands for, or null for a file of the user's own. */
export function builtInScenarioName(nameOrPath: string, folder = scenariosFolder()): string | null {
  const names = builtInManifest(folder).scenarios;
  const path = resolveScenarioPath(nameOrPath, 'scenario');
  return names.find((n) => join(folder, `${n}.yaml`) === path) ?? null;
}

/**
 * The designs a sweep or a comparison runs when none are named: the built-in designs of a built-in
 * scenario, or, for a scenario of the user's own (or one with no designs), the scenario as written.
 */
export function defaultDesigns(scenario: string | undefined): string[] {
  const name = builtInScenarioName(scenario ?? DEFAULT_SCENARIO);
  const designs = name === null ? [] : listBuiltInDesigns(name);
  return designs.length > 0 ? designs : [scenario ?? DEFAULT_SCENARIO];
}

/**
 * How a name given where a design is expected loads: a built-in scenario stands for itself as written,
 * which is what `defaultDesigns` gives for a scenario without designs of its own.
 */
export function designKind(name: string): 'scenario' | 'design' {
  return !listBuiltInDesigns().includes(name) && listBuiltInScenarios().includes(name) ? 'scenario' : 'design';
}

/** The built-in files of a folder, as paths: scenarios, then designs, then examples. */
export function builtInFiles(folder = scenariosFolder()): string[] {
  const m = builtInManifest(folder);
  return [...m.scenarios.map((n) => join(folder, `${n}.yaml`)), ...Object.keys(m.designs).map((n) => join(folder, 'designs', `${n}.yaml`)), ...m.examples.map((n) => join(folder, 'examples', `${n}.yaml`))];
}

/** A path as error messages and `Loaded.files` show it: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel || p;
}

/** Resolves a scenario or design given by name (built-in) or path. */
export function resolveScenarioPath(nameOrPath: string, kind: 'scenario' | 'design', from = process.cwd()): string {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml');
  if (looksLikePath) return isAbsolute(nameOrPath) ? nameOrPath : resolve(from, nameOrPath);
  const folder = kind === 'design' ? join(scenariosFolder(), 'designs') : scenariosFolder();
  return join(folder, `${nameOrPath}.yaml`);
}

