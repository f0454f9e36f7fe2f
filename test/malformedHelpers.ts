/**
 * Shared by the malformed-scenario tests: edit one line of the built-in
 * Pangyo scenario, run `firedrill run FILE --out out.ndjson`, and check exit
 * code 2, no stack trace, nothing written; returns the error lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { firedrill } from './cliHelpers.js';

export const PANGYO = readFileSync(new URL('../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8');
export const dir = mkdtempSync(join(tmpdir(), 'firedrill-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces the first occurrence of `find` (which must exist) and returns the text and the 1-based line of the change. */
export function edit(find: string, replace: string, text = PANGYO): { text: string; line: number } {
  const at = text.indexOf(find);
  if (at < 0) throw new Error(`fixture text not found: ${find}`);
  return { text: text.slice(0, at) + replace + text.slice(at + find.length), line: text.slice(0, at).split('\n').length };
}

/** Column (1-based) of `needle` on the given line. */
export function col(text: string, line: number, needle: string): number {
  const c = text.split('\n')[line - 1]!.indexOf(needle);
  if (c < 0) throw new Error(`"${needle}" not on line ${line}`);
  return c + 1;
}

export function run(name: string, text: string, extra: Record<string, string> = {}) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  for (const [f, t] of Object.entries(extra)) writeFileSync(join(dir, f), t);
  const out = join(dir, `${name}.ndjson`);
  const r = firedrill(['run', `${name}.yaml`, '--out', `${name}.ndjson`], { cwd: dir });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  expect(r.stdout).toBe('');
  return r.stderr.trimEnd().split('\n');
}

