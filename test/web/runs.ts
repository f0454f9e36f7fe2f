/**
 * What `firedrill run` gives, for the browser tests to hold the page against.
 * One run answers both questions a test asks of it (its `--json` summary and
 * its recording, `--out`), and a run asked for again is not run again: a
 * Pangyo run is most of a second. The command runs in this process
 * (`firedrillInProcess`); as a real process it is tested in test/cli/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { firedrillInProcess } from '../inProcess.js';

/** A run as the command gives it: stdout of `--json`, parsed, and the recording's text. */
export interface RunOutputs<Json> {
  json: Json;
  ndjson: string;
}

/** `firedrill run ARGS --json --out FILE` in `dir`, once per distinct ARGS. */
export function createRuns<Json>(dir: string): (args: string[]) => Promise<RunOutputs<Json>> {
  const done = new Map<string, Promise<RunOutputs<Json>>>();
  // One at a time: firedrillInProcess borrows this process's stdout while the command runs.
  let queue: Promise<unknown> = Promise.resolve();
  return (args) => {
    const key = JSON.stringify(args);
    let run = done.get(key);
    if (run === undefined) {
      const out = join(dir, `run-${done.size}.ndjson`);
      run = queue.then(async () => {
        const r = await firedrillInProcess(['run', ...args, '--json', '--out', out]);
        expect(r.status, r.stderr).toBe(0);
        return { json: JSON.parse(r.stdout) as Json, ndjson: readFileSync(out, 'utf8') };
      });
      queue = run.catch(() => undefined);
      done.set(key, run);
    }
    return run;
  };
}
