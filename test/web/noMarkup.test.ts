import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cliHelpers.js';

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The ways a string becomes markup or code in a page. */
const SINKS = /\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|\.html\(|document\.write|srcdoc|DOMParser|createContextualFragment|\beval\(|new Function\b|setAttribute\(\s*['"](on\w+|style)['"]/;

describe('the pages’ code', () => {
  it('never turns a string into markup or code: DOM is built from text nodes and attributes (web/src/dom.ts)', () => {
    const files = [...sources(join(ROOT, 'web')), ...sources(join(ROOT, 'src', 'stream')), join(ROOT, 'src', 'sweep', 'summarySchema.ts'), join(ROOT, 'src', 'sweep', 'olderNames.ts')];
    expect(files.length).toBeGreaterThan(15);
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SINKS.test(line) && !line.trimStart().startsWith('*') && !line.trimStart().startsWith('//') ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
