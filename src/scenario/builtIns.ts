/**
 * Where the built-in scenarios and designs are, and how a name or a path
 * given on the command line becomes a file. Kept apart from the loader so that
 * what opens a precompiled built-in imports no YAML parser and no schema.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
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

/** Names of the built-in scenarios. */
export function listBuiltInScenarios(): string[] {
  return readdirSync(scenariosFolder()).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml')).sort();
}

/** Names of the built-in designs (`scenarios/designs/*.yaml`). */
export function listBuiltInDesigns(): string[] {
  return readdirSync(join(scenariosFolder(), 'designs')).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml')).sort();
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

