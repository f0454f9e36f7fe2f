import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

/**
 * Runs, comparisons and sweeps that draw their parameters (`--priors`,
 * `--posterior FILE`): they say what they drew, and the same seed gives every
 * design the same draws, so comparisons stay paired.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-uncertain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const posterior = {
  kind: 'firedrill-posterior',
  version: 1,
  scenario: 'pangyo-2022',
  design: 'as-built-2022',
  policy: 'historical',
  method: 'a hand-made fixture',
  targets: ['serverCurve'],
  distance: 'root mean square',
  seed: 1,
  draws: 3,
  accepted: 3,
  tolerance: 0.1,
  parameters: [
    { path: 'people.restartCrews', text: 'restart curve', prior: { logUniform: [0.5, 2] } },
    { path: 'sites.pangyo.restoration.bypass.leadTime', text: 'restart curve', prior: { logUniform: [0.33, 3] } },
  ],
  particles: [
    { seed: 11, distance: 0.01, factors: [0.8, 1.3] },
    { seed: 12, distance: 0.02, factors: [1.2, 0.9] },
    { seed: 13, distance: 0.03, factors: [1, 1.6] },
  ],
};
writeFileSync(join(dir, 'posterior.json'), JSON.stringify(posterior));
writeFileSync(join(dir, 'twin.yaml'), `extends: ${join(ROOT, 'scenarios', 'pangyo-2022.yaml')}\ndesign: { id: twin, title: The same as built }\n`);

describe('run, compare and sweep with drawn parameters', () => {
  it('firedrill run --posterior says what it drew, in the report and in --json', async () => {
    const r = firedrill(['run', '--posterior', 'posterior.json', '--seed', '2'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nParameters drawn on seed 2, the calibrated ones from the posterior \(particle \d\), the rest from their priors \(values as written: firedrill params\):\n/);
    expect(r.stdout).toMatch(/\npeople\.restartCrews +calibrated +posterior +×(0\.800|1\.200|1\.000) +\(?\d/);
    // The same draw as --json, in this process: the report above is the process.
    const json = JSON.parse((await firedrillInProcess(['run', '--posterior', 'posterior.json', '--seed', '2', '--json'], { cwd: dir })).stdout) as { parameters: { source: string; values: Array<{ path: string; from: string }> } };
    expect(json.parameters.source).toBe('posterior');
    expect(json.parameters.values.filter((v) => v.from === 'posterior').map((v) => v.path)).toEqual(posterior.parameters.map((p) => p.path));
    // Without drawing, in this process: run --json as a process is tested in run.test.ts.
    const plain = JSON.parse((await firedrillInProcess(['run', '--seed', '2', '--json'])).stdout) as Record<string, unknown>;
    expect(plain.parameters).toBeUndefined();
  });

  // In this process (the CLI's own main): a refusal's exit 2 as a process is tested in run.test.ts.
  it('refuses --priors with --posterior, a posterior that is missing or not one, and one that names what the scenario does not calibrate', async () => {
    const both = await firedrillInProcess(['run', '--priors', '--posterior', 'posterior.json'], { cwd: dir });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('firedrill: give --priors or --posterior, not both (a posterior draws the calibrated parameters; the others come from their priors either way)\n');
    const missing = await firedrillInProcess(['run', '--posterior', 'nope.json'], { cwd: dir });
    expect([missing.status, missing.stderr]).toEqual([2, 'firedrill: --posterior nope.json: cannot be read: it does not exist\n']);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...posterior, particles: [] }));
    const bad = await firedrillInProcess(['run', '--posterior', 'bad.json'], { cwd: dir });
    expect([bad.status, bad.stderr]).toEqual([2, 'firedrill: --posterior bad.json: expected a posterior written by firedrill calibrate; at particles: Too small: expected array to have >=1 items\n']);
    writeFileSync(join(dir, 'assumed.json'), JSON.stringify({ ...posterior, parameters: [{ path: 'people.engineers', text: 'x', prior: { logUniform: [0.5, 2] } }], particles: [{ seed: 1, distance: 0, factors: [1] }] }));
    const assumed = await firedrillInProcess(['run', '--posterior', 'assumed.json'], { cwd: dir });
    expect([assumed.status, assumed.stderr]).toEqual([2, 'firedrill: --posterior assumed.json: people.engineers is tagged assumed in pangyo-2022, not calibrated: only calibrated parameters are drawn from a posterior\n']);
  });

  // Seed by seed, on four seeds, in-process: test/run/drawnRun.test.ts; here the command, on one.
  it('firedrill compare: two identical designs differ by exactly zero, drawing their parameters', () => {
    for (const seed of ['2']) {
      const r = firedrill(['compare', '--designs', 'as-built-2022,twin.yaml', '--seeds', seed, '--posterior', 'posterior.json', '--json'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { parameters: string; designs: Array<{ allRestoredHours: number; allRestoredVsFirstHours: number; services: unknown }> };
      expect(json.parameters).toBe('drawn: calibrated from posterior.json, the rest from their priors');
      expect(json.designs[1]!.allRestoredHours).toBe(json.designs[0]!.allRestoredHours);
      // Null only where neither was restored by the horizon (a wide draw): then there is no difference to take.
      expect(json.designs[1]!.allRestoredVsFirstHours).toBe(json.designs[0]!.allRestoredHours === null ? null : 0);
      expect(json.designs[1]!.services).toEqual(json.designs[0]!.services);
    }
  });

  it('firedrill sweep: identical designs have identical rows and a paired difference of zero with a zero-width interval; the drawn factors are columns', () => {
    const out = join(dir, 'sweep');
    const r = firedrill(['sweep', '--designs', 'as-built-2022,twin.yaml', '--seeds', '1..4', '--posterior', 'posterior.json', '--workers', '2', '--out', out], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    const header = rows[0]!.split(',');
    expect(header).toContain('param:people.restartCrews');
    expect(header).toContain('param:fire.gasSuppressionSuccess');
    const body = rows.slice(1).map((row) => row.split(','));
    expect(body).toHaveLength(8);
    for (let i = 0; i < 4; i++) expect(body[4 + i]!.slice(2)).toEqual(body[i]!.slice(2)); // same seed, same everything but the design's name
    const restart = header.indexOf('param:people.restartCrews');
    expect(new Set(body.map((row) => row[restart])).size).toBeGreaterThan(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { paired: Array<{ meanDifference: number | null; ci95: [number | null, number | null]; n: number; excluded: number }>; uncertainty: { source: string; posteriorSha256: string } };
    // Four seeds are enough only if the pairs still give an interval: say so, so that it cannot pass empty.
    expect(summary.paired.some((p) => p.n >= 2)).toBe(true);
    for (const p of summary.paired) {
      if (p.n >= 2) {
        expect(p.meanDifference).toBe(0);
        expect(p.ci95).toEqual([0, 0]);
      }
    }
    expect(summary.uncertainty).toMatchObject({ source: 'posterior', posteriorSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The same folder with other draws is another sweep.
    const other = firedrill(['sweep', '--designs', 'as-built-2022,twin.yaml', '--seeds', '1..4', '--priors', '--out', out], { cwd: dir });
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/holds another sweep/);
  });
});
