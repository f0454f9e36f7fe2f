/**
 * A git ref built beside the working tree for `npm run bench -- ab REF`: a
 * detached `git worktree` of the commit, its dependencies (the working tree's
 * node_modules when both lock files are the same, `npm ci` otherwise) and its
 * own `build:node` script, so the ref's harness measures the ref's code; its
 * `build:web` too for a benchmark that runs the whole command line, which
 * writes pages (a sweep's report).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A failure the user can act on: one line for stderr, exit code 2; `usage` when the command line was wrong, so the help is worth pointing to. */
export class AbError extends Error {
  override name = 'AbError';
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** A built ref; `remove()` deletes its worktree unless it was kept for reuse. */
export interface BuiltRef {
  sha: string;
  root: string;
  reused: boolean;
  remove(): void;
}

const BUILT_MARK = '.firedrill-ab-built';

const git = (root: string, args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commit `ref` names in the repository at `root`, or an AbError saying it names none. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new AbError(`"${ref}" is not a git ref`, true);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new AbError(`"${ref}" names no commit of ${root}`, true);
  }
}

/**
 * Checks `sha` out into a worktree and builds it. With `keep`, the worktree
 * lives at a fixed path per commit and a later run reuses its build.
 */
export function buildRef(root: string, sha: string, options: { keep: boolean; web?: boolean; log: (line: string) => void }): BuiltRef {
  const { log } = options;
  const web = options.web ?? false;
  const fixed = join(tmpdir(), `firedrill-ab-${sha.slice(0, 12)}`);
  // The mark says what was built: a kept build without its pages is not reused for a benchmark that needs them.
  const mark = `${sha}\n${web ? 'web\n' : ''}`;
  const marked = existsSync(join(fixed, BUILT_MARK)) ? readFileSync(join(fixed, BUILT_MARK), 'utf8') : null;
  if (marked !== null && (marked === mark || marked === `${sha}\nweb\n`) && existsSync(join(fixed, 'dist', 'bench', 'main.js'))) {
    log(`ab: reusing the build of ${sha.slice(0, 12)} in ${fixed}`);
    return { sha, root: fixed, reused: true, remove: () => {} };
  }
  const dir = options.keep ? fixed : mkdtempSync(join(tmpdir(), `firedrill-ab-${sha.slice(0, 12)}-`));
  if (options.keep && existsSync(dir)) removeWorktree(root, dir); // a half-built leftover
  if (!options.keep) rmSync(dir, { recursive: true, force: true }); // git worktree add wants to make it
  log(`ab: checking out ${sha.slice(0, 12)} into ${dir}`);
  git(root, ['worktree', 'add', '--detach', dir, sha]);
  const remove = () => removeWorktree(root, dir);
  try {
    installDependencies(root, dir, log);
    build(dir, web, log);
    if (!existsSync(join(dir, 'dist', 'bench', 'main.js'))) throw new AbError(`${sha.slice(0, 12)} has no benchmark harness (dist/bench/main.js was not built)`);
    writeFileSync(join(dir, BUILT_MARK), mark);
  } catch (error) {
    remove();
    throw error;
  }
  return { sha, root: dir, reused: false, remove: options.keep ? () => {} : remove };
}

function installDependencies(root: string, dir: string, log: (line: string) => void): void {
  const lock = (d: string) => (existsSync(join(d, 'package-lock.json')) ? readFileSync(join(d, 'package-lock.json'), 'utf8') : null);
  const mine = lock(root);
  if (mine !== null && mine === lock(dir) && existsSync(join(root, 'node_modules'))) {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  log('ab: its package-lock.json differs from the working tree\'s: npm ci --ignore-scripts');
  run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
}

/** The ref's own `build:node` script where it has one (it may precompile more than tsc), else tsc; then its `build:web` if asked. */
function build(dir: string, web: boolean, log: (line: string) => void): void {
  const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  log(`ab: building it (${scripts['build:node'] ?? 'tsc -p tsconfig.build.json'})`);
  if (scripts['build:node'] !== undefined) run('npm', ['run', '--silent', 'build:node'], dir);
  else run(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], dir);
  if (!web || scripts['build:web'] === undefined) return;
  log('ab: building its pages (build:web)');
  run('npm', ['run', '--silent', 'build:web'], dir);
}

function run(command: string, args: string[], cwd: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new AbError(`${command} ${args.join(' ')} failed in ${cwd}:\n${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

function removeWorktree(root: string, dir: string): void {
  try {
    git(root, ['worktree', 'remove', '--force', dir]);
  } catch {
    rmSync(dir, { recursive: true, force: true }); // not (or no longer) registered: the files are all there is
  }
}
