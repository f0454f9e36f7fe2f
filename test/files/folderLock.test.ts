import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, STALE_MS, lockFolder } from '../../src/files/folderLock.js';
import { OutputError } from '../../src/files/output.js';
import { ROOT } from '../cliHelpers.js';

const root = mkdtempSync(join(tmpdir(), 'firedrill-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => mkdtempSync(join(root, `f${n++}-`));
const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string };

describe('lockFolder', () => {
  it('refuses a second taker, naming the holder, until the first releases', () => {
    const dir = folder();
    const lock = lockFolder(dir, 'firedrill sweep --seeds 1..9');
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockFolder(dir, 'again')).toThrow(OutputError);
    expect(() => lockFolder(dir, 'again')).toThrow(new RegExp(`^${dir} is in use by another firedrill \\(pid ${process.pid}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z: firedrill sweep --seeds 1\\.\\.9\\); wait for it to finish, or choose another --out$`));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockFolder(dir, 'third').release();
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const dir = folder();
    // A real holder in another process, killed where it stands: no release, no exit handler.
    const script = `import { lockFolder } from ${JSON.stringify(join(ROOT, 'dist/src/files/folderLock.js'))}; lockFolder(${JSON.stringify(dir)}, 'doomed'); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(lockOf(dir).pid).toBe(child.pid);
    expect(() => lockFolder(dir, 'too early')).toThrow(/is in use by another firedrill \(pid \d+, since .*: doomed\)/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lock = lockFolder(dir, 'resume');
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('does not mistake a later process with the holder\'s pid for the holder', () => {
    const dir = folder();
    const lock = lockFolder(dir, 'mine');
    const text = readFileSync(join(dir, LOCK_FILE), 'utf8');
    lock.release();
    // Our own pid, alive, but with another start time: the holder was an earlier process that had this pid.
    const holder = JSON.parse(text) as { startTicks: number | null };
    if (holder.startTicks === null) return; // not Linux: only the pid can be checked
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...holder, startTicks: holder.startTicks - 1, command: 'long gone' }));
    lockFolder(dir, 'new').release();
  });

  it('trusts the heartbeat for a holder on another machine: fresh is alive, a minute old is stale', () => {
    const dir = folder();
    const remote = { pid: 1, host: 'another-pod', pidNamespace: null, bootId: null, startTicks: null, command: 'firedrill sweep --shard 2/3', since: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(remote));
    expect(() => lockFolder(dir, 'here')).toThrow(/is in use by another firedrill \(pid 1 on another-pod, since 2026-01-01T00:00:00\.000Z: firedrill sweep --shard 2\/3\)/);
    const old = new Date(Date.now() - STALE_MS - 1000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    const lock = lockFolder(dir, 'here');
    expect(lockOf(dir).host).toBe(hostname());
    lock.release();
  });

  it('waits out a lock being written this instant, and takes over one left empty by a kill', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(() => lockFolder(dir, 'x')).toThrow(/in use by another firedrill \(starting now\)/);
    const old = new Date(Date.now() - 10_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    lockFolder(dir, 'x').release();
    expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).toBe(''); // nothing set aside is left behind
  });
});
