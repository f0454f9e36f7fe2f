import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

/**
 * `deploy/`: the image and the Kubernetes Indexed Job that the README gives for
 * sweeps beyond one machine. There is no container engine here, so the test
 * does what they would do: it lays out the files the Dockerfile copies, builds
 * them as `npm ci` would, and runs the Job's own shell commands inside that
 * tree, each shard with its JOB_COMPLETION_INDEX, then the merge Job's command.
 * Only the seed range (10,000 → 3) and the volume's path are changed.
 */
const tmp = mkdtempSync(join(tmpdir(), 'firedrill-deploy-'));
const image = join(tmp, 'image');
const results = join(tmp, 'results');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Container {
  command: string[];
  args: string[];
}
interface JobSpec {
  completionMode?: string;
  completions?: number;
  template: { spec: { containers: Container[] } };
}

const dockerfile = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');
const jobs = parseAllDocuments(readFileSync(join(ROOT, 'deploy/sweep-job.yaml'), 'utf8')).map((d) => d.toJS() as { metadata: { name: string }; spec: JobSpec });
const sweepJob = jobs.find((j) => j.spec.completionMode === 'Indexed')!;
const mergeJob = jobs.find((j) => j !== sweepJob)!;

/** The Dockerfile's instructions, one per line (it uses no continuations but the RUN's `&&`). */
const instructions = dockerfile
  .split('\n')
  .filter((l) => /^[A-Z]+ /.test(l))
  .map((l) => ({ op: l.split(' ', 1)[0]!, rest: l.slice(l.indexOf(' ') + 1).trim() }));

/** Runs one container's shell command as its pod would, in the image's working directory. */
function runContainer(container: Container, env: Record<string, string>) {
  expect(container.command).toEqual(['/bin/sh', '-c']);
  const script = container.args[0]!.replaceAll('/results', results).replace(/--seeds \S+/, '--seeds 1..3');
  const r = spawnSync('/bin/sh', ['-c', script], { cwd: image, encoding: 'utf8', env: { ...process.env, ...env, FIREDRILL_DEBUG: '' } });
  expect(r.status, `${script}\n${r.stderr}`).toBe(0);
  return r;
}

beforeAll(() => {
  // The image's file tree: every COPY, into WORKDIR.
  const workdir = instructions.find((i) => i.op === 'WORKDIR')!.rest;
  expect(workdir.startsWith('/')).toBe(true);
  for (const { op, rest } of instructions) {
    if (op !== 'COPY') continue;
    const parts = rest.split(/\s+/);
    const dest = parts.pop()!;
    for (const src of parts) {
      const to = dest.endsWith('/') ? join(image, dest, src) : join(image, dest);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(join(ROOT, src), to, { recursive: true });
    }
  }
  // `npm ci` installs the lock file's packages (the repository's own, linked) and runs `prepare`.
  expect(instructions.find((i) => i.op === 'RUN')!.rest).toMatch(/^npm ci\b/);
  symlinkSync(join(ROOT, 'node_modules'), join(image, 'node_modules'), 'dir');
  const build = spawnSync('npm', ['run', 'prepare', '--silent'], { cwd: image, encoding: 'utf8' });
  expect(build.status, build.stderr + build.stdout).toBe(0);
}, 180_000);

describe('deploy/', () => {
  it('the image runs firedrill as its entry point, with the scenarios and the viewer built in', async () => {
    expect(JSON.parse(instructions.find((i) => i.op === 'ENTRYPOINT')!.rest)).toEqual(['node', 'bin/firedrill.js']);
    const inImage = spawnSync(process.execPath, ['bin/firedrill.js', 'run', '--json', '--seed', '3'], { cwd: image, encoding: 'utf8' });
    expect(inImage.status, inImage.stderr).toBe(0);
    // The repository's answer from its own main, in this process: the image's is the process under test.
    expect(inImage.stdout).toBe((await firedrillInProcess(['run', '--json', '--seed', '3'])).stdout);
    expect(readFileSync(join(image, 'dist/web/index.html'), 'utf8')).toContain('<script');
  });

  it("the Indexed Job's shards, merged by the merge Job, equal one unsharded sweep", () => {
    const n = sweepJob.spec.completions!;
    expect(n).toBeGreaterThan(1);
    const shardArgs: string[] = [];
    for (let index = 0; index < n; index++) {
      runContainer(sweepJob.spec.template.spec.containers[0]!, { JOB_COMPLETION_INDEX: String(index) });
      const manifest = JSON.parse(readFileSync(join(results, `shard-${index + 1}`, 'sweep.json'), 'utf8')) as { shard: { index: number; count: number } };
      shardArgs.push(`${manifest.shard.index}/${manifest.shard.count}`);
    }
    expect(shardArgs).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
    runContainer(mergeJob.spec.template.spec.containers[0]!, {});

    const designs = /--designs (\S+)/.exec(sweepJob.spec.template.spec.containers[0]!.args[0]!)![1]!;
    const whole = join(tmp, 'whole');
    const r = firedrill(['sweep', '--designs', designs, '--seeds', '1..3', '--out', whole]);
    expect(r.status, r.stderr).toBe(0);
    for (const file of ['runs.csv', 'summary.json', 'journal.ndjson']) {
      expect(readFileSync(join(results, 'merged', file), 'utf8'), file).toBe(readFileSync(join(whole, file), 'utf8'));
    }
  });
});
