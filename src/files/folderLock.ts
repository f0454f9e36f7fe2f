/**
 * One writer per output folder: a sweep (or merge) takes `DIR/firedrill.lock`
 * before it touches the folder, so a second identical command refuses at once
 * instead of running the whole work again beside the first. A lock left by a
 * process that was killed (even with kill -9) does not block the resume the
 * README promises: it names its holder, and a holder that no longer runs is
 * taken over.
 *
 * Where the holder's pid can be seen (same host name and pid namespace) "no
 * longer runs" is exact: the pid, checked with the boot id and the process's
 * start time so that a reused pid or a reboot is not mistaken for it. From
 * elsewhere (another machine on a shared volume, a Kubernetes pod replaced by
 * another, a container sharing the host name) it is the heartbeat: the holder
 * touches the lock every 10 s, and a lock untouched for a minute is stale.
 */
import { closeSync, linkSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputError } from './output.js';

/** The lock file's name inside the folder. */
export const LOCK_FILE = 'firedrill.lock';

/** How often a holder touches its lock, ms. */
export const HEARTBEAT_MS = 10_000;
/** A lock from another machine untouched this long is stale, ms: six missed heartbeats, room for clock skew. */
export const STALE_MS = 60_000;

/** What a lock file holds. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The pid namespace (Linux), so that a pid is only checked where it means the same process. */
  pidNamespace: string | null;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  bootId: string | null;
  /** Start time of the holder in clock ticks since boot (Linux), to tell it from a later process with its pid. */
  startTicks: number | null;
  /** What the holder is doing, for the message that names it. */
  command: string;
  /** When the lock was taken, ISO 8601. */
  since: string;
}

/** A lock taken; release it when done (a kill leaves it behind, and the next taker sees that it is stale). */
export interface FolderLock {
  readonly path: string;
  release(): void;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const bootId = (): string | null => readText('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/** Start time of a process in clock ticks since boot, or null if it does not exist (or this is not Linux). */
function startTicksOf(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]); // field 22 of proc(5), the third field being fields[0]
  return Number.isFinite(ticks) ? ticks : null;
}

/** Whether the process a lock names is still running. */
export function isHolderAlive(holder: LockHolder, lockAgeMs: number): boolean {
  if (holder.host !== hostname() || holder.pidNamespace !== pidNamespace()) return lockAgeMs < STALE_MS;
  const boot = bootId();
  if (boot !== null && holder.bootId !== null && boot !== holder.bootId) return false;
  if (holder.startTicks !== null && boot !== null) return startTicksOf(holder.pid) === holder.startTicks;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string | null): LockHolder | null {
  if (text === null) return null;
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

function describe(holder: LockHolder): string {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return `${where}, since ${holder.since}: ${holder.command}`;
}

/**
 * Takes the lock of `dir` (which must exist) for `command`, or throws an
 * OutputError naming the process that holds it.
 */
export function lockFolder(dir: string, command: string): FolderLock {
  const path = join(dir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: hostname(), pidNamespace: pidNamespace(), bootId: bootId(), startTicks: startTicksOf(process.pid), command, since: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(`cannot lock ${dir} (${path}): ${(error as Error).message}`);
      takeOverIfStale(path, dir);
      continue;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    const beat = setInterval(() => {
      const now = new Date();
      try {
        utimesSync(path, now, now);
      } catch {
        // The lock was removed by hand; the work goes on.
      }
    }, HEARTBEAT_MS);
    beat.unref();
    return {
      path,
      release() {
        clearInterval(beat);
        // Only our own lock: if it was taken over meanwhile, it is someone else's now.
        if (readText(path) === text) rmSync(path, { force: true });
      },
    };
  }
  throw new OutputError(`cannot lock ${dir}: ${path} keeps reappearing; is another firedrill starting on it?`);
}

/** Removes a stale lock (returns), or throws saying who holds a live one. */
function takeOverIfStale(path: string, dir: string): void {
  const text = readText(path);
  if (text === null) return; // released meanwhile: try again
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch {
    return;
  }
  const holder = parseHolder(text);
  // A lock without readable content is one being written this instant, or the remains of a kill in that instant.
  const alive = holder === null ? ageMs < 2_000 : isHolderAlive(holder, ageMs);
  if (alive) {
    throw new OutputError(`${dir} is in use by another firedrill (${holder === null ? 'starting now' : describe(holder)}); wait for it to finish, or choose another --out`);
  }
  // Take the stale lock out of the way by renaming it, then check that what was moved is what was judged
  // stale: if another process replaced it in between, put theirs back and let the next attempt judge it.
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readText(aside) !== text) {
    try {
      linkSync(aside, path); // never over a lock taken meanwhile
    } catch {
      // Someone holds it now; the next attempt sees who.
    }
  }
  rmSync(aside, { force: true });
}
