/**
 * `firedrill ARGS` in this process: the CLI's own `main`, its output captured.
 * For the many cases of a refusal, where a process each (a third of a second)
 * would cost the suite minutes; the real process is tested elsewhere.
 */
import { vi } from 'vitest';
import { main } from '../src/cli/main.js';

export async function firedrillInProcess(args: string[], options: { cwd?: string } = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => (into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout) as typeof process.stdout.write);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr) as typeof process.stderr.write);
  // As a process started in `cwd` would see it: relative paths, and the names messages echo, from there.
  const home = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const status = await main(args);
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.chdir(home);
    o.mockRestore();
    e.mockRestore();
  }
}
