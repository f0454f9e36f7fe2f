import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PosteriorFile } from '../../src/calibrate/posterior.js';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

/**
 * `firedrill calibrate` on a small fit (24 draws, 4 kept): the same seed gives
 * the same posterior, byte for byte, with one worker or two; killed with
 * SIGKILL, it resumes without redoing a finished run and writes the same file;
 * run in shards and merged, it writes the same file too.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ARGS = ['calibrate', '--draws', '24', '--accept', '4', '--no-check', '--progress', 'none'];
const posterior = (out: string) => readFileSync(join(out, 'posterior.json'), 'utf8');

describe('firedrill calibrate', () => {
  let reference = '';

  it('writes the same posterior for the same seed with 1 or 2 workers, and tells the calibrated factors', () => {
    const one = firedrill([...ARGS, '--workers', '1', '--out', join(dir, 'one')]);
    expect(one.status, one.stderr).toBe(0);
    const two = firedrill([...ARGS, '--workers', '2', '--out', join(dir, 'two')]);
    expect(two.status, two.stderr).toBe(0);
    reference = posterior(join(dir, 'one'));
    expect(posterior(join(dir, 'two'))).toBe(reference);
    const file = PosteriorFile.parse(JSON.parse(reference));
    expect(file).toMatchObject({ scenario: 'pangyo-2022', design: 'as-built-2022', policy: 'historical', targets: ['serverCurve'], seed: 1, draws: 24, accepted: 4 });
    expect(file.parameters.map((p) => p.path)).toContain('sites.pangyo.restoration.bypass.leadTime');
    expect(file.parameters.map((p) => p.path)).not.toContain('people.engineers'); // assumed: integrated out, not fitted
    // Kept in order of distance, the last one's distance the tolerance.
    expect(file.particles.map((p) => p.distance)).toEqual([...file.particles.map((p) => p.distance)].sort((a, b) => a - b));
    expect(file.tolerance).toBe(file.particles.at(-1)!.distance);
    expect(one.stdout).toMatch(/^Posterior: 4 of 24 draws kept \(tolerance \d\.\d{4}\), fitted to serverCurve; .*posterior\.json\n {2}fire\.gasSuppressionSuccess: factor median ×\d/);
  });

  it('resumes after SIGKILL without redoing finished runs, and writes the same posterior', async () => {
    const out = join(dir, 'killed');
    const journal = join(out, 'fit', 'journal.ndjson');
    const lines = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0);
    // On one worker, killed once its first four runs are in: 20 are left, so the kill lands mid-fit even on a
    // fast machine (a fit of 12 draws on two workers once finished before it).
    const killedAt = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), ...ARGS, '--workers', '1', '--out', out], { stdio: 'ignore' });
      const poll = setInterval(() => {
        if (lines() >= 4) {
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(lines());
      });
    });
    expect(killedAt).toBeGreaterThanOrEqual(4);
    expect(killedAt).toBeLessThan(24);
    expect(existsSync(join(out, 'posterior.json'))).toBe(false);
    const r = firedrill([...ARGS, '--workers', '2', '--progress', 'plain', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Resumed: ${killedAt} runs were already done.`);
    // Only the runs left were run: a run done again would add a line to the journal.
    expect(lines()).toBe(24);
    expect(posterior(out)).toBe(reference);
    const again = firedrill([...ARGS, '--workers', '2', '--progress', 'plain', '--out', out]);
    expect(again.stderr).toContain('Resumed: 24 runs were already done.');
    expect(lines()).toBe(24);
    expect(posterior(out)).toBe(reference);
  });

  it('runs in shards that firedrill merge puts together; the same command without --shard then writes the same posterior', () => {
    for (const k of [1, 2]) {
      const r = firedrill([...ARGS, '--workers', '1', '--shard', `${k}/2`, '--out', join(dir, `part-${k}`)]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Shard ${k}/2 of the fit done`);
      expect(existsSync(join(dir, `part-${k}`, 'posterior.json'))).toBe(false);
    }
    const m = firedrill(['merge', join(dir, 'part-1', 'fit'), join(dir, 'part-2', 'fit'), '--out', join(dir, 'whole', 'fit')]);
    expect(m.status, m.stderr).toBe(0);
    const r = firedrill([...ARGS, '--workers', '1', '--out', join(dir, 'whole')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Resumed: 24 runs were already done.');
    expect(posterior(join(dir, 'whole'))).toBe(reference);
  });

  it('fits another built-in scenario as written: the OVHcloud fire, its two calibrated parameters', () => {
    const r = firedrill(['calibrate', 'ovh-sbg-2021', '--draws', '4', '--accept', '1', '--no-check', '--workers', '1', '--progress', 'none', '--out', join(dir, 'ovh')]);
    expect(r.status, r.stderr).toBe(0);
    const file = PosteriorFile.parse(JSON.parse(posterior(join(dir, 'ovh'))));
    expect([file.scenario, file.targets, file.parameters.map((p) => p.path)]).toEqual(['ovh-sbg-2021', ['serverCurve'], ['servers.cleanRack', 'sites.sbg.restoration.cableReplacement.leadTime']]);
  });

  // In this process (the CLI's own main): a refusal's exit code 2 as a process is tested in run.test.ts.
  it('refuses bad numbers with one line and exit code 2, writing nothing', async () => {
    const out = join(dir, 'bad');
    const more = await firedrillInProcess(['calibrate', '--draws', '10', '--accept', '20', '--out', out]);
    expect([more.status, more.stderr]).toEqual([2, 'firedrill: --accept: expected at most --draws (10) runs, got 20\n']);
    const word = await firedrillInProcess(['calibrate', '--draws', 'many', '--out', out]);
    expect([word.status, word.stderr]).toEqual([2, 'firedrill: --draws: expected a whole number from 1 to 1,000,000, got "many"\n']);
    expect(existsSync(join(out, 'posterior.json'))).toBe(false);
    const unknown = await firedrillInProcess(['calibrate', 'pangyo-2023', '--out', out]);
    expect([unknown.status, unknown.stderr]).toEqual([2, 'pangyo-2023:1:1: expected a built-in scenario (ovh-sbg-2021, pangyo-2022) or a path to a .yaml file; did you mean "pangyo-2022"?\n']);
  });
});
