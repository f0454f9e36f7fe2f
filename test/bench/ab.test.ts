import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_TIMED_PAIRS, interleave, parseAbArgs, runAb, spread } from '../../bench/ab.js';
import { AbError } from '../../bench/abRef.js';

describe('parseAbArgs', () => {
  it('reads the ref, the benchmark, the pairs and what is passed through after --', () => {
    expect(parseAbArgs(['ae2246b'])).toEqual({ ref: 'ae2246b', bench: 'repair-shop', pairs: 7, runs: 3, keep: false, json: false, instructions: false, benchArgs: [] });
    expect(parseAbArgs(['main', '--bench', 'pangyo', '--pairs', '9', '--runs', '1', '--keep', '--json', '--', '--seed', '2'])).toEqual({
      ref: 'main',
      bench: 'pangyo',
      pairs: 9,
      runs: 1,
      keep: true,
      json: true,
      instructions: false,
      benchArgs: ['--seed', '2'],
    });
    expect(parseAbArgs(['main', '--instructions'])).toMatchObject({ instructions: true, pairs: 2 });
    expect(parseAbArgs(['--help'])).toBe('help');
  });

  it('refuses too few timed pairs, unknown benchmarks and a missing ref, naming what is wrong', () => {
    const message = (argv: string[]) => {
      try {
        parseAbArgs(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(AbError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(['main', '--pairs', '3'])).toBe(`--pairs must be a whole number >= ${MIN_TIMED_PAIRS}, got "3"`);
    expect(message(['main', '--pairs', '1', '--instructions'])).toBe('no error');
    expect(message(['main', '--bench', 'churn'])).toBe('--bench must be one of repair-shop, event-churn, pangyo, limit, garbage, sweep, got "churn"');
    expect(message([])).toBe('ab needs the git ref to compare with, e.g. ab main');
    expect(message(['a', 'b'])).toBe('one ref at a time, got a b');
    expect(message(['main', '--bogus'])).toMatch(/Unknown option '--bogus'/);
  });
});

describe('interleave and spread', () => {
  it('alternates which side goes first, so a drifting machine favours neither', () => {
    const order: string[] = [];
    const r = interleave(4, (side) => {
      order.push(side);
      return side === 'ref' ? 2 : 3;
    });
    expect(order).toEqual(['ref', 'work', 'work', 'ref', 'ref', 'work', 'work', 'ref']);
    expect(r.ratios).toEqual([1.5, 1.5, 1.5, 1.5]);
  });

  it('turns counts where lower is better into ratios where above 1 still means the working tree is better', () => {
    expect(interleave(1, (side) => (side === 'ref' ? 150 : 100), true).ratios).toEqual([1.5]);
  });

  it('spread gives the median and the range', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });
});

// A repository of its own whose "harness" reports a fixed rate read from its source, so the whole
// path runs for real (worktree, node_modules, the ref's build:node, the interleaved processes) in a second.
describe('runAb on a real repository', () => {
  let repo: string;
  // Like the real sweep benchmark, its "sweep" fails without the pages a build:web makes.
  const harness = (rate: string) =>
    "if (process.argv[2] === 'sweep' && !require('fs').existsSync('dist/report/index.html')) throw new Error('the sweep report page is not built');\n" +
    `process.stdout.write(JSON.stringify({ model: process.argv[2], events_per_s_run: ${rate}, results: [{ runs_per_s: ${rate} }], outputs: { argv: process.argv.slice(3) } }) + '\\n');\n`;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'firedrill-ab-test-'));
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'ab-test', private: true, scripts: { 'build:node': 'node build.js', 'build:web': 'node buildWeb.js' } }));
    writeFileSync(join(repo, 'buildWeb.js'), "const fs = require('fs');\nfs.mkdirSync('dist/report', { recursive: true });\nfs.writeFileSync('dist/report/index.html', '');\n");
    writeFileSync(join(repo, 'package-lock.json'), '{"lockfileVersion": 3}\n');
    writeFileSync(join(repo, '.gitignore'), 'dist/\nnode_modules/\n');
    writeFileSync(join(repo, 'harness.txt'), harness('RATE'));
    writeFileSync(join(repo, 'rate.txt'), '2000000\n');
    const build = "fs.writeFileSync('dist/bench/main.js', fs.readFileSync('harness.txt', 'utf8').replaceAll('RATE', fs.readFileSync('rate.txt', 'utf8').trim()));";
    writeFileSync(join(repo, 'build.js'), `const fs = require('fs');\nfs.mkdirSync('dist/bench', { recursive: true });\n${build}\n`);
    mkdirSync(join(repo, 'node_modules'));
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
    // The working tree: a faster build than the commit's.
    mkdirSync(join(repo, 'dist', 'bench'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'bench', 'main.js'), harness('3000000'));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const ab = (argv: string[]) => {
    let out = '';
    const log: string[] = [];
    const code = runAb(argv, { root: repo, out: (t) => (out += t), log: (l) => log.push(l) });
    return { code, out, log };
  };

  it('builds the ref in a worktree it removes afterwards, and reports the ratio of the interleaved pairs', () => {
    const r = ab(['HEAD', '--pairs', '5', '--json', '--', '--hours', '50']);
    expect(r.code).toBe(0);
    const line = JSON.parse(r.out);
    expect(line).toMatchObject({ ab: 'repair-shop', ref: 'HEAD', pairs: 5, bench_args: ['--hours', '50'], ratio: { median: 1.5, min: 1.5, max: 1.5 }, same_outputs: true });
    expect(line.ref_values).toEqual([2e6, 2e6, 2e6, 2e6, 2e6]);
    expect(r.log.filter((l) => l.startsWith('pair '))).toHaveLength(5);
    const worktree = /checking out \w+ into (\S+)/.exec(r.log.join('\n'))![1]!;
    expect(existsSync(worktree)).toBe(false);
    expect(git('worktree', 'list')).not.toContain(worktree);
  });

  it('the table names both sides and says above 1 is faster', () => {
    const r = ab(['HEAD', '--pairs', '5', '--bench', 'event-churn']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^event-churn: 5 interleaved pairs, 3 run\(s\) a process\n/);
    expect(r.out).toMatch(/ratio {9}median 1\.500 \(1\.500–1\.500\) {2}\[working tree \/ \w{12}, events\/s: above 1, the working tree is faster\]/);
    expect(r.out).toContain('outputs       identical on both sides');
  });

  it('an unknown ref exits 2 with one clear line', () => {
    const r = ab(['no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.log.join('\n')).toMatch(/^bench ab: "no-such-branch" names no commit of /);
    expect(r.log.join('\n')).toContain('(run npm run bench -- ab --help for usage)');
  });

  it('builds the ref\'s pages too for the sweep, which runs the whole command; a side that fails is reported by its error, not its stack', () => {
    const failed = ab(['HEAD', '--pairs', '5', '--bench', 'sweep']);
    expect(failed.log).toContain('ab: building its pages (build:web)');
    // The ref's side ran (it has its pages); the working tree's, without them, failed on the first pair.
    expect(failed.code).toBe(2);
    expect(failed.log.at(-1)).toBe('bench ab: the working tree side failed (exit 1): Error: the sweep report page is not built');
    mkdirSync(join(repo, 'dist', 'report'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'report', 'index.html'), '');
    const r = ab(['HEAD', '--pairs', '5', '--bench', 'sweep', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ab: 'sweep', ratio: { median: 1.5 } });
  });

  it('a ref whose build fails is reported with the build\'s error, and its worktree is removed', () => {
    writeFileSync(join(repo, 'build.js'), "console.error('tsc: 3 errors'); process.exit(1);\n");
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'broken build');
    const r = ab(['HEAD', '--pairs', '5']);
    expect(r.code).toBe(2);
    expect(r.log.join('\n')).toMatch(/npm run --silent build:node failed in \S+:\ntsc: 3 errors/);
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});
