import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cliHelpers.js';

/**
 * A reader that stops reading (`| head`) is a normal end of output, not a
 * crash (issue 16, finding 3; issue 14): exit code 0 and nothing on stderr.
 * Real pipes, real processes.
 */
const BIN = join(ROOT, 'bin', 'firedrill.js');
const HELLO = 'scenarios/examples/hello-world.yaml';

/** Runs the CLI with its stdout a pipe whose reading end is closed before the CLI writes anything. */
function withReaderGone(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FIREDRILL_DEBUG: '' } });
    // Closed at once: Node takes tens of milliseconds to start, so every write the CLI makes meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** Runs a shell pipeline and returns the exit code of its first command. */
function firstOfPipeline(pipeline: string): { status: number; stderr: string; stdout: string } {
  const r = spawnSync('bash', ['-c', `${pipeline}; exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status!, stderr: r.stderr, stdout: r.stdout };
}

describe('a closed pipe ends the output quietly', () => {
  it('firedrill run --seed 1 --out LINK-TO-STDOUT | head -c 100: exit 0, no stack trace (a recording far larger than the pipe buffer)', () => {
    // /proc/self/fd/1 is what /dev/stdout points to; through a name of our own (see out.test.ts).
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-pipes-'));
    symlinkSync('/proc/self/fd/1', join(dir, 'stdout'));
    const r = firstOfPipeline(`node bin/firedrill.js run --seed 1 --out ${join(dir, 'stdout')} | head -c 100`);
    rmSync(dir, { recursive: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toHaveLength(100);
  });

  it('firedrill run --out - | head -c 100 and firedrill run | head -1', () => {
    for (const pipeline of ['node bin/firedrill.js run --seed 1 --out - | head -c 100', 'node bin/firedrill.js run | head -1']) {
      const r = firstOfPipeline(pipeline);
      expect(r.stderr, pipeline).toBe('');
      expect(r.status, pipeline).toBe(0);
    }
  });

  // The reader is gone before the first write, so every write fails whatever the output's size: the
  // smallest example does for the runs (the pipelines above keep Pangyo's recording, larger than a pipe).
  it.each([
    [['run', HELLO, '--json']],
    [['run', HELLO]],
    [['run', HELLO, '--seed', '3', '--out', '-']],
    [['--help']],
    [['run', '--help']],
    [['designs']],
    [['compare', '--designs', 'as-built-2022,naver-like', '--json']],
  ])('firedrill %j with its reader gone exits 0 with nothing on stderr', async (args) => {
    const r = await withReaderGone(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps exit code 2 for a usage error even when stdout is closed', async () => {
    const r = await withReaderGone(['run', '--seed', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--seed <n>' argument 'x' is invalid/);
  });
});
