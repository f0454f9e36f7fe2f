/**
 * Shared by the malformed-scenario tests: edit one line of the built-in
 * Pangyo scenario, run `firedrill run FILE --out out.ndjson`, and check exit
 * code 2, no stack trace, nothing written; returns the error lines.
 *
 * The command runs in this process (the CLI's own `main`, output captured):
 * a process per case cost a third of a second each, about a minute of the
 * suite over the 80 cases. `runAsProcess` keeps the real thing for a few.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { firedrill } from './cliHelpers.js';
import { firedrillInProcess } from './inProcess.js';

export const PANGYO = readFileSync(new URL('../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8');

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

function write(dir: string, name: string, text: string, extra: Record<string, string>): string {
  writeFileSync(join(dir, `${name}.yaml`), text);
  for (const [f, t] of Object.entries(extra)) writeFileSync(join(dir, f), t);
  return join(dir, `${name}.ndjson`);
}

function refused(r: { status: number | null; stdout: string; stderr: string }, out: string): string[] {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  expect(r.stdout).toBe('');
  return r.stderr.trimEnd().split('\n');
}

/**
 * A folder for one test file's cases, removed after its tests, and the two
 * ways to run a case in it. Called at the top of each test file: the files a
 * test worker runs one after another share this module, so the folder is the
 * file's, not the module's.
 */
export function malformedCases(): {
  dir: string;
  run(name: string, text: string, extra?: Record<string, string>): Promise<string[]>;
  runAsProcess(name: string, text: string, extra?: Record<string, string>): string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** `firedrill run NAME.yaml --out NAME.ndjson` in `dir`, in this process; messages name files as the process would. */
  async function run(name: string, text: string, extra: Record<string, string> = {}): Promise<string[]> {
    const out = write(dir, name, text, extra);
    const r = await firedrillInProcess(['run', join(dir, `${name}.yaml`), '--out', out]);
    // The process was run in `dir` with relative names: the same messages, without the folder.
    const strip = (x: string) => x.replaceAll(`${dir}/`, '');
    return refused({ status: r.status, stdout: strip(r.stdout), stderr: strip(r.stderr) }, out);
  }

  /** The same as `run`, as a real `firedrill` process. */
  function runAsProcess(name: string, text: string, extra: Record<string, string> = {}): string[] {
    const out = write(dir, name, text, extra);
    return refused(firedrill(['run', `${name}.yaml`, '--out', `${name}.ndjson`], { cwd: dir }), out);
  }
  return { dir, run, runAsProcess };
}
