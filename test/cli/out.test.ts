import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

/**
 * `--out` writes what it is given without replacing it (issue 16, finding 2).
 * Symlinks to the machine's devices are made inside a temporary folder, so
 * that an old build, which renamed a file over the path, could only ever
 * replace the test's own link and never /dev/stdout or /dev/full themselves.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

// A recording of seed 1 written through a symlink: checked below, and then the recording export reads.
let throughLink: ReturnType<typeof firedrill>;
beforeAll(() => {
  symlinkSync('real.ndjson', at('link.ndjson'));
  throughLink = firedrill(['run', '--seed', '1', '--json', '--out', at('link.ndjson')]);
});

describe('firedrill run --out', () => {
  it('writes through a symlink to its own stdout (what /dev/stdout is), leaving the symlink in place', () => {
    symlinkSync('/proc/self/fd/1', at('stdout-link'));
    const r = firedrill(['run', '--seed', '1', '--out', at('stdout-link')]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(JSON.parse(lines[0]!).type).toBe('run.start');
    // The recording is the whole of stdout: no report after it to spoil the NDJSON.
    expect(JSON.parse(lines.at(-1)!).type).toBe('run.end');
    expect(lstatSync(at('stdout-link')).isSymbolicLink()).toBe(true);
  });

  it('takes - as stdout, and refuses --json beside it (both would write to stdout)', () => {
    const r = firedrill(['run', '--seed', '1', '--out', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l !== '').every((l) => JSON.parse(l).type !== undefined)).toBe(true);
    const both = firedrill(['run', '--out', '-', '--json']);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('firedrill: --out - and --json would both write to stdout; give --out a file name, or leave out --json\n');
  });

  it('leaves /dev/stdout a symlink when it is given literally', () => {
    // The machine's own /dev/stdout: checked before and after, so a regression cannot pass unnoticed.
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    const r = spawnSync('bash', ['-c', `node bin/firedrill.js run --seed 2 --out /dev/stdout | tail -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).type).toBe('run.end');
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('writes a device through, reporting a full one in one line with exit code 2', () => {
    symlinkSync('/dev/full', at('full-link'));
    // The smallest example: a full device refuses the first write, whatever the recording's size.
    const r = firedrill(['run', join(ROOT, 'scenarios/examples/hello-world.yaml'), '--out', at('full-link')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`firedrill: cannot write ${at('full-link')} (a device): no space left on the device (ENOSPC)\n`);
    expect(readlinkSync(at('full-link'))).toBe('/dev/full');
  });

  it('writes the file a symlink points to, whole, and keeps the symlink', () => {
    const r = throughLink;
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(at('link.ndjson')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(at('real.ndjson'), 'utf8').trim().split('\n').at(-1)!).type).toBe('run.end');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  // In this process (the CLI's own main): the same refusal as a process is the full device's, above.
  it('refuses, before running, what cannot hold a recording', async () => {
    const cases: Array<[string, string]> = [
      ['/proc/version', "firedrill: refusing to write /proc/version: it is a file of the kernel's proc file system, not storage; choose a file on disk\n"],
      [dir, `firedrill: cannot write ${dir}: it is a folder; expected a file name\n`],
      [at('missing/run.ndjson'), `firedrill: cannot write ${at('missing/run.ndjson')}: the folder ${at('missing')} does not exist\n`],
    ];
    for (const [out, message] of cases) {
      const r = await firedrillInProcess(['run', '--out', out]);
      expect(r.status, out).toBe(2);
      expect(r.stderr).toBe(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(at('missing'))).toBe(false);
  });
});

describe('firedrill export --html and sweep --out', () => {
  it('export writes through a symlink and takes - as stdout', () => {
    expect(throughLink.status).toBe(0);
    const recording = at('real.ndjson');
    symlinkSync('page.html', at('page-link.html'));
    const r = firedrill(['export', recording, '--html', at('page-link.html')]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(at('page-link.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('page.html'), 'utf8')).toContain('id="recording"');
    const piped = firedrill(['export', recording, '--html', '-']);
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('id="recording"');
    expect(piped.stderr).toMatch(/^Wrote - \(\d+ messages, \d+ KiB\)/);
  });

  it('sweep refuses an --out that is not a folder, and writes through a symlink inside its folder', () => {
    const notAFolder = firedrill(['sweep', '--designs', 'naver-like', '--seeds', '1', '--out', '/dev/null']);
    expect(notAFolder.status).toBe(2);
    expect(notAFolder.stderr).toBe('firedrill: cannot write into /dev/null: it is not a folder\n');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    const out = at('lab');
    // One run is enough: the outputs, not the runs, are what is written through.
    expect(firedrill(['sweep', '--designs', 'naver-like', '--seeds', '1', '--out', out, '--progress', 'none']).status).toBe(0);
    rmSync(join(out, 'runs.csv'));
    symlinkSync(at('runs-elsewhere.csv'), join(out, 'runs.csv'));
    rmSync(join(out, 'summary.json')); // a complete sweep rewrites its outputs when run again
    const again = firedrill(['sweep', '--designs', 'naver-like', '--seeds', '1', '--out', out, '--progress', 'none']);
    expect(again.status, again.stderr).toBe(0);
    expect(lstatSync(join(out, 'runs.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('runs-elsewhere.csv'), 'utf8').split('\n')[0]).toMatch(/^design,policy,variation,seed,/);
  });
});
