import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Every .ts file under a folder of the repository. */
function sources(folder: string): string[] {
  const dir = join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers imported or re-exported by a file. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((m[1] ?? m[2])!);
  }
  return found;
}

/** The repository folder a relative import lands in (`sim`, `src/model`, …). */
function target(file: string, specifier: string): string {
  return relative(ROOT, resolve(dirname(file), specifier));
}

describe('module boundaries', () => {
  it('sim/ imports nothing from the rest of the project, and no HTTP, files or DOM', () => {
    const offenders: string[] = [];
    for (const file of sources('sim')) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.') && !target(file, spec).startsWith('sim')) offenders.push(`${relative(ROOT, file)} → ${spec}`);
        if (/^node:|^(http|https|fs|net|ws)$/.test(spec)) offenders.push(`${relative(ROOT, file)} → ${spec}`);
      }
      if (/\bdocument\.|\bwindow\.|Date\.now\(|Math\.random\(/.test(readFileSync(file, 'utf8'))) {
        offenders.push(`${relative(ROOT, file)} uses the DOM, the wall clock or Math.random`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('src/ never imports from web/, bench/ or test/, and src/model never reaches HTTP or the DOM', () => {
    const offenders: string[] = [];
    for (const file of sources('src')) {
      const inModel = relative(ROOT, file).startsWith(join('src', 'model'));
      for (const spec of imports(file)) {
        if (spec.startsWith('.') && /^(web|bench|test)\b/.test(target(file, spec))) offenders.push(`${relative(ROOT, file)} → ${spec}`);
        if (inModel && /^node:(http|https|net|fs)|^ws$/.test(spec)) offenders.push(`${relative(ROOT, file)} → ${spec}`);
      }
      if (inModel && /\bdocument\.|\bwindow\./.test(readFileSync(file, 'utf8'))) offenders.push(`${relative(ROOT, file)} uses the DOM`);
    }
    expect(offenders).toEqual([]);
  });

  it('a stepped run, the drill\'s engine and everything they import run in a browser worker: no node: modules, no files', () => {
    // Followed through the project's own files; packages (xstate, seedrandom) are browser-safe.
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of imports(file)) {
        if (/^node:|^(fs|path|crypto|worker_threads|ws|yaml|commander)$/.test(spec)) offenders.push(`${relative(ROOT, file)} → ${spec}`);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      }
    };
    visit(join(ROOT, 'src', 'run', 'steppedRun.ts'));
    visit(join(ROOT, 'src', 'run', 'runScenario.ts'));
    // The drill's engine runs in the page's worker: a session, counterfactuals and the debrief with it.
    visit(join(ROOT, 'src', 'drill', 'engine.ts'));
    expect([...seen].some((f) => f.endsWith(join('drill', 'debrief.ts')))).toBe(true);
    expect(seen.size).toBeGreaterThan(15);
    expect(offenders).toEqual([]);
  });

  it('the checker itself sees imports (it would catch a backward arrow)', () => {
    const kernelFiles = sources('sim');
    expect(kernelFiles.length).toBeGreaterThan(5);
    expect(imports(join(ROOT, 'sim', 'environment.ts'))).toContain('./queue.js');
  });
});
