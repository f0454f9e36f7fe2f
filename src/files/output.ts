/**
 * Writing an output file that a person named on the command line, without
 * ever replacing what the name points at. A regular file (or a name not yet
 * taken) is written whole or not at all: a temporary file beside it, renamed
 * over it when complete. Anything else is written *through*: `-` and the
 * process's own stdout (`/dev/stdout`, `/proc/self/fd/1`, a file stdout is
 * redirected to) go to the stdout stream, devices and FIFOs (`/dev/null`, a
 * named pipe, bash's `>(gzip > x.gz)`) are opened and written in place. A
 * symlink stays a symlink: the rename happens at its target. What makes no
 * sense as output (a folder, a disk, a socket, a file of /proc or /sys) is
 * refused with one clear sentence before any work is done.
 */
import { accessSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync, renameSync, rmSync, statSync, statfsSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A path that cannot be written: one sentence for the person who gave it (exit code 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** The reader of a pipe went away (`| head`): not a failure, the output simply ends there. */
export class ClosedOutputError extends Error {
  override name = 'ClosedOutputError';
}

/** Where an output path leads. */
export type OutputTarget =
  /** One of this process's standard streams, written through its Node stream (order kept with other writes). */
  | { kind: 'stream'; path: string; stream: 'stdout' | 'stderr' }
  /** A device or FIFO, opened and written in place. */
  | { kind: 'through'; path: string; what: string }
  /** A regular file or a free name: written at `file` (a symlink's final target) by rename. */
  | { kind: 'file'; path: string; file: string; mode: number | null };

// Kernel filesystems whose files are interfaces, not storage (statfs f_type, linux/magic.h): a
// temporary file cannot be created there, and writing through would be a request to the kernel.
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);

// Names of this process's own descriptors; like bash, a write to one of them goes to that open file.
const OWN_FD = /^\/(?:proc\/(?:self|thread-self|(\d+))(?:\/task\/\d+)?\/fd|dev\/fd)\/(\d+)$/;

const WORDS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
  ENXIO: 'no reader or device behind it',
  EBUSY: 'the device is busy',
};

const explain = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined ? `${WORDS[code] ?? (error as Error).message.split(',')[0]} (${code})` : (error as Error).message;
};

/** The stat of `path` following symlinks, or null if nothing is there (or a symlink points nowhere). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new OutputError(`cannot write ${path}: ${explain(error)}`);
  }
}

/** The file system of `path` if it is one of the kernel's pseudo file systems (Linux only). */
function pseudoFilesystem(path: string): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return PSEUDO_FILESYSTEMS.get(statfsSync(path).type) ?? null;
  } catch {
    return null;
  }
}

/**
 * Follows the symlinks of the last part of `path` one hop at a time. Returns
 * the final name (which may not exist: a dangling symlink names where the file
 * will be), and whether a hop named one of this process's descriptors.
 */
function followLinks(path: string): { final: string; ownFd: boolean } {
  let at = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const fd = OWN_FD.exec(at);
    if (fd !== null && (fd[1] === undefined || Number(fd[1]) === process.pid)) return { final: at, ownFd: true };
    let link: string;
    try {
      if (!lstatSync(at).isSymbolicLink()) return { final: at, ownFd: false };
      link = readlinkSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { final: at, ownFd: false };
      throw new OutputError(`cannot write ${path}: ${explain(error)}`);
    }
    at = resolve(dirname(at), link);
  }
  throw new OutputError(`cannot write ${path}: ${WORDS.ELOOP} (ELOOP)`);
}

const sameFile = (a: Stats, fd: number): boolean => {
  try {
    const b = fstatSync(fd);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
};

/**
 * Decides how `path` will be written, touching nothing; throws an OutputError
 * for what cannot be an output. Call it before the work whose result goes
 * there, so a bad path fails in a second rather than after the run.
 */
export function resolveOutput(path: string): OutputTarget {
  if (path === '-') return { kind: 'stream', path, stream: 'stdout' };
  if (path === '') throw new OutputError('expected a file name (or - for stdout), got an empty one');
  const st = statOrNull(path);
  if (st !== null) {
    if (sameFile(st, 1)) return { kind: 'stream', path, stream: 'stdout' };
    if (sameFile(st, 2)) return { kind: 'stream', path, stream: 'stderr' };
    if (st.isDirectory()) throw new OutputError(`cannot write ${path}: it is a folder; expected a file name`);
    if (st.isBlockDevice()) throw new OutputError(`refusing to write ${path}: it is a block device (a disk or partition), which the output would overwrite`);
    if (st.isSocket()) throw new OutputError(`cannot write ${path}: it is a socket; expected a file, a FIFO or - for stdout`);
    if (st.isFIFO()) return { kind: 'through', path, what: 'a FIFO' };
    if (st.isCharacterDevice()) return { kind: 'through', path, what: 'a device' };
  }
  const { final, ownFd } = followLinks(path);
  // An open file of this process named by its descriptor (/dev/fd/3): written where that descriptor is, as a shell would.
  if (ownFd && st !== null) return { kind: 'through', path, what: 'an open file of this process' };
  const folder = dirname(final);
  const fs = pseudoFilesystem(st !== null ? final : folder);
  if (fs !== null) throw new OutputError(`refusing to write ${path}: it is ${st === null ? 'in' : 'a file of'} the kernel's ${fs} file system, not storage; choose a file on disk`);
  const via = final === resolve(path) ? '' : ` (where its symlink points)`;
  const parent = statOrNull(folder);
  if (parent === null) throw new OutputError(`cannot write ${path}: the folder ${folder}${via} does not exist`);
  if (!parent.isDirectory()) throw new OutputError(`cannot write ${path}: ${folder}${via} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new OutputError(`cannot write ${path}: cannot create files in ${folder}${via}: ${explain(error)}`);
  }
  return { kind: 'file', path, file: final, mode: st === null ? null : st.mode & 0o7777 };
}

// Writes from this process's synchronous code must not spin on a non-blocking descriptor that is full.
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `data` to `fd`; EPIPE becomes a ClosedOutputError. */
function writeAll(fd: number, data: Uint8Array, path: string): void {
  for (let at = 0; at < data.length; ) {
    try {
      at += writeSync(fd, data, at, data.length - at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') throw new ClosedOutputError(`${path}: the reader closed it`);
      throw new OutputError(`cannot write ${path}: ${explain(error)}`);
    }
  }
}

let counter = 0;

/**
 * Writes `data` to what `path` (or an already resolved target) names: see the
 * module comment. A regular file is complete or untouched, whatever happens.
 */
export function writeOutput(target: string | OutputTarget, data: string | Uint8Array): void {
  const to = typeof target === 'string' ? resolveOutput(target) : target;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (to.kind === 'stream') {
    // Through the Node stream, so it stays in order with everything else written there; a closed pipe
    // surfaces as the stream's EPIPE error, which the command line ends quietly on.
    (to.stream === 'stdout' ? process.stdout : process.stderr).write(bytes);
    return;
  }
  if (to.kind === 'through') {
    let fd: number;
    try {
      fd = openSync(to.path, constants.O_WRONLY | constants.O_NOCTTY);
    } catch (error) {
      throw new OutputError(`cannot write ${to.path} (${to.what}): ${explain(error)}`);
    }
    try {
      writeAll(fd, bytes, `${to.path} (${to.what})`);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const tmp = join(dirname(to.file), `.${basename(to.file)}.${process.pid}-${counter++}.tmp`);
  let created = false;
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    const fd = openSync(tmp, 'wx', 0o666);
    created = true;
    try {
      if (to.mode !== null) fchmodSync(fd, to.mode); // keep the permissions of the file being replaced
      writeAll(fd, bytes, to.path);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, to.file);
  } catch (error) {
    if (created) rmSync(tmp, { force: true });
    if (error instanceof OutputError) throw error;
    const where = to.file === resolve(to.path) ? '' : ` (the target of its symlink, ${to.file})`;
    throw new OutputError(`cannot write ${to.path}${where}: ${explain(error)}`);
  }
}

/** Makes sure `dir` is a folder that outputs can go into (creating it if needed); throws an OutputError otherwise. */
export function ensureOutputFolder(dir: string): void {
  if (dir === '-' || dir === '') throw new OutputError(`expected a folder for the results, got "${dir}"`);
  const st = statOrNull(dir);
  if (st !== null && !st.isDirectory()) throw new OutputError(`cannot write into ${dir}: it is not a folder`);
  if (st === null) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new OutputError(`cannot create the folder ${dir}: ${explain(error)}`);
    }
  }
  const fs = pseudoFilesystem(dir);
  if (fs !== null) throw new OutputError(`refusing to write into ${dir}: it is in the kernel's ${fs} file system, not storage`);
}
