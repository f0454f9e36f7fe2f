import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

/**
 * `firedrill sweep` as a real process: the same results whatever the number
 * of workers, however it is sharded, and however often it is killed.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ARGS = ['--designs', 'as-built-2022,naver-like', '--seeds', '1..4', '--vary', 'people.engineers=2,8'];
const OUTPUTS = ['runs.csv', 'summary.json', 'report.html', 'journal.ndjson'];
const read = (d: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(d, f), 'utf8')]));
let reference: Record<string, string>;
let referenceRun: { stdout: string; stderr: string };

function sweep(out: string, extra: string[] = []) {
  const r = firedrill(['sweep', ...ARGS, '--out', join(dir, out), ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return r;
}

beforeAll(() => {
  referenceRun = sweep('w1', ['--workers', '1']);
  reference = read(join(dir, 'w1'));
});

describe('firedrill sweep', () => {
  it('writes one row per run with the documented columns, and a summary', () => {
    const rows = reference['runs.csv']!.trim().split('\n');
    expect(rows).toHaveLength(1 + 2 * 3 * 4);
    // Progress goes to stderr (plain lines when not on a terminal), the summary table to stdout.
    // A line every 10 s until the end: on a loaded machine these 24 runs can take longer than that.
    expect(referenceRun.stderr).toMatch(/^Sweep: 6 design × policy × variation cells × 4 seeds = 24 runs, into .*\n(\d+\/24 runs · \d+ runs\/s · \d+ s left\n)*24\/24 runs · \d+ runs\/s · done in \d+ s\n$/);
    expect(referenceRun.stdout).toMatch(/^design\s+everything restored: P50\s+P90\s+P99\s+promise kept\s+worst seed\n/); // designs × (base + 2 values) × seeds
    expect(rows[0]!.split(',').slice(0, 8)).toEqual(['design', 'policy', 'variation', 'seed', 'all_restored_h', 'promise_kept', 'kakao-auth:usable_h', 'kakao-auth:normal_h']);
    // Amounts in the scenario's currency, named without it.
    const header = rows[0]!.split(',');
    expect(header.filter((c) => c.startsWith('ledger:taxi-drivers:'))).toEqual(['ledger:taxi-drivers:loss', 'ledger:taxi-drivers:loss_per_person', 'ledger:taxi-drivers:hours']);
    expect(header.filter((c) => c.startsWith('ledger:total_'))).toEqual(['ledger:total_loss', 'ledger:total_compensation']);
    expect(rows[0]).not.toMatch(/won/i);
    // The README names each kind of column, a group's or a service's id as ID.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const services = new Set(JSON.parse(reference['summary.json']!).services as string[]);
    const kinds = new Set(header.slice(4).map((c) => c.replace(/^ledger:(?!total_)[^:]+:/, 'ledger:ID:').replace(/^[^:]+(?=:(usable|normal)_h$)/, (id) => (services.has(id) ? 'ID' : id))));
    for (const kind of kinds) expect(readme, kind).toContain(`\`${kind}\``);
    expect(rows[1]!.startsWith('as-built-2022,historical,base,1,')).toBe(true);
    expect(rows.at(-1)!.startsWith('naver-like,historical,people.engineers=8,4,')).toBe(true);
    const summary = JSON.parse(reference['summary.json']!);
    expect(summary.perDesign.map((d: { design: string }) => d.design)).toEqual(['as-built-2022', 'naver-like']);
    expect(summary.sensitivity.map((s: { path: string; value: string }) => `${s.path}=${s.value}`)).toEqual(['people.engineers=2', 'people.engineers=8', 'people.engineers=2', 'people.engineers=8']);
  });

  it('runs every design under every policy of --policies on the same seeds, with paired differences against the first', () => {
    const out = join(dir, 'deciders');
    const r = firedrill(['sweep', '--designs', 'as-built-2022', '--policies', 'historical,runbook', '--seeds', '1..20', '--workers', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^design \/ policy\s+everything restored/);
    expect(r.stdout).toMatch(/Everything restored, paired on the seed against historical:\n  runbook − historical: −?-?\d+\.\d h \(95% CI -?\d+\.\d to -?\d+\.\d, 20 seeds\)/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ version: 3, policies: ['historical', 'runbook'], designs: ['historical', 'runbook'] });
    expect(summary.perDesign.map((d: { designName: string; policy: string }) => `${d.designName}/${d.policy}`)).toEqual(['as-built-2022/historical', 'as-built-2022/runbook']);
    const paired = (metric: string) => summary.paired.find((p: { metric: string }) => p.metric === metric);
    // The runbook rebuilds the failover system elsewhere: restored earlier on these seeds, the whole interval below zero.
    expect(paired('failover-system:normal_h')).toMatchObject({ a: 'historical', b: 'runbook', n: 20 });
    expect(paired('failover-system:normal_h').ci95[1]).toBeLessThan(0);
    expect(paired('kakaotalk-messaging:usable_h')).toBeDefined();
    // Common random numbers across deciders: a seed where the gas holds the fire holds it for both.
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const auth = rows[0]!.indexOf('kakao-auth:normal_h');
    const held = (policy: string) => rows.slice(1).filter((row) => row[1] === policy && row[auth] === '0').map((row) => row[3]);
    expect(held('historical').length).toBeGreaterThan(0);
    expect(held('runbook')).toEqual(held('historical'));
  });

  it('writes identical files with 1 and 2 workers', () => {
    sweep('w2', ['--workers', '2']);
    expect(read(join(dir, 'w2'))).toEqual(reference);
  });

  it('gives every design the same fire on the same seed (common random numbers)', () => {
    const rows = reference['runs.csv']!.trim().split('\n').slice(1).map((r) => r.split(','));
    // The fire and the power cut do not depend on the design: when the gas holds the fire
    // (a property of the seed) it holds for every design.
    const header = reference['runs.csv']!.split('\n')[0]!.split(',');
    const auth = header.indexOf('kakao-auth:normal_h');
    const neverLost = (design: string) => rows.filter((r) => r[0] === design && r[2] === 'base' && r[auth] === '0').map((r) => r[3]);
    const gasHeld = neverLost('as-built-2022');
    // Without a seed where the gas held, the next line would pass whatever the designs did.
    expect(gasHeld.length).toBeGreaterThan(0);
    expect(neverLost('naver-like')).toEqual(expect.arrayContaining(gasHeld));
    // The proxy is the cause: on such a seed the building's power was never cut for water; on another it was.
    const narrative = (seed: string) =>
      firedrill(['run', '--seed', seed, '--out', '-']).stdout.split('\n').filter((l) => l.includes('"type":"narrative"')).map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(narrative(gasHeld[0]!)).toContain('fire.out');
    expect(narrative(gasHeld[0]!)).not.toContain('power.cut');
    expect(narrative(rows.find((r) => !gasHeld.includes(r[3]!))![3]!)).toContain('power.cut');
  });

  it('shards 1/3, 2/3, 3/3 merged equal the unsharded sweep', () => {
    for (const i of [1, 2, 3]) {
      const r = sweep(`shard-${i}`, ['--shard', `${i}/3`]);
      expect(r.stdout).toContain(`Shard ${i}/3 done`);
      expect(existsSync(join(dir, `shard-${i}`, 'runs.csv'))).toBe(false);
    }
    const m = firedrill(['merge', join(dir, 'shard-3'), join(dir, 'shard-1'), join(dir, 'shard-2'), '--out', join(dir, 'merged')]);
    expect(m.status, m.stderr).toBe(0);
    expect(read(join(dir, 'merged'))).toEqual(reference);
    const partial = firedrill(['merge', join(dir, 'shard-1'), join(dir, 'shard-2'), '--out', join(dir, 'merged-2')]);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toBe('firedrill: expected every shard of 3 exactly once (1/3 … 3/3), got 1/3, 2/3\n');
  });

  it('resumes after SIGKILL at random points, losing and duplicating nothing, and redoes a cut-short line', async () => {
    const out = join(dir, 'killed');
    // Kill points in the first half of the sweep, on one worker, which writes its runs to the journal four at
    // a time: once the first, second and third four of its 24 runs are in (by progress, not by the clock, so
    // a slow machine still kills mid-sweep). The last one leaves 12 runs, most of a second on one worker, so
    // a test process starved of CPU for a moment still kills before the sweep ends: with 14 runs left at two
    // workers, a few hundred ms, it once did not.
    const lines = () => (existsSync(join(out, 'journal.ndjson')) ? readFileSync(join(out, 'journal.ndjson'), 'utf8').split('\n').length - 1 : 0);
    for (const after of [1, 5, 9]) {
      const killedAt = await new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'sweep', ...ARGS, '--workers', '1', '--out', out], { stdio: 'ignore' });
        const poll = setInterval(() => {
          const n = lines();
          if (n >= after) {
            child.kill('SIGKILL');
            clearInterval(poll);
          }
        }, 20);
        child.on('exit', () => {
          clearInterval(poll);
          resolve(lines());
        });
      });
      expect(killedAt).toBeLessThan(24);
    }
    // A kill in the middle of a write leaves half a line: simulate one.
    appendFileSync(join(out, 'journal.ndjson'), '[17,3,12');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'sweep', ...ARGS, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Resumed: \d+ runs were already done; 1 cut-short journal line\(s\) dropped and redone\./);
    expect(read(out)).toEqual(reference);
  });

  it('resumes, and merges, a sweep begun by an earlier Firedrill whose sweep.json names the ledger\'s columns in won', () => {
    // sweep.json as Firedrill wrote it before the ledger's columns lost their currency; the journal,
    // values by position, was the same.
    const older = (manifest: string) =>
      manifest
        .replace(/"ledger:(.+?):(loss|loss_per_person)"/g, '"ledger:$1:$2_won"')
        .replace('"ledger:total_loss"', '"ledger:total_loss_won"')
        .replace('"ledger:total_compensation"', '"ledger:total_compensation_won"');
    const manifest = readFileSync(join(dir, 'w1', 'sweep.json'), 'utf8');
    const old = older(manifest);
    expect(old).toContain('"ledger:taxi-drivers:loss_won"');
    expect(old).toContain('"ledger:taxi-drivers:loss_per_person_won"');
    expect(old).toContain('"ledger:total_compensation_won"');
    // Killed after 10 of its 24 runs.
    const out = join(dir, 'older');
    mkdirSync(out);
    writeFileSync(join(out, 'sweep.json'), old);
    writeFileSync(join(out, 'journal.ndjson'), reference['journal.ndjson']!.split('\n').slice(0, 10).map((l) => `${l}\n`).join(''));
    const r = firedrill(['sweep', ...ARGS, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Resumed: 10 runs were already done.');
    expect(read(out)).toEqual(reference);
    expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(manifest);
    // A finished sweep of the earlier Firedrill merges into today's outputs too.
    const finished = join(dir, 'older-finished');
    mkdirSync(finished);
    writeFileSync(join(finished, 'sweep.json'), old);
    writeFileSync(join(finished, 'journal.ndjson'), reference['journal.ndjson']!);
    const m = firedrill(['merge', finished, '--out', join(dir, 'older-merged')]);
    expect(m.status, m.stderr).toBe(0);
    expect(read(join(dir, 'older-merged'))).toEqual(reference);
  });

  it('refuses a second identical sweep on the same --out while the first runs; once the first is killed, the command resumes', async () => {
    const out = join(dir, 'twice');
    const lines = () => (existsSync(join(out, 'journal.ndjson')) ? readFileSync(join(out, 'journal.ndjson'), 'utf8').split('\n').length - 1 : 0);
    const first = spawn(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'sweep', ...ARGS, '--out', out, '--workers', '1'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    onTestFinished(() => void first.kill('SIGKILL')); // never left running by a failed assertion
    // Mid-sweep (a run is in the journal), the first is frozen so that it still holds the folder when the
    // second starts: on a fast machine it used to finish its runs while the second was starting.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (lines() >= 1) {
          clearInterval(poll);
          first.kill('SIGSTOP');
          resolve();
        }
      }, 20);
    });
    const second = firedrill(['sweep', ...ARGS, '--out', out]);
    expect(second.status).toBe(2);
    expect(second.stderr.split('\n').at(-2)).toMatch(new RegExp(`^firedrill: ${out} is in use by another firedrill \\(pid ${first.pid}, since [^)]*: firedrill sweep --designs as-built-2022,naver-like --seeds 1\\.\\.4\\); wait for it to finish, or choose another --out$`));
    expect(lines()).toBeLessThan(24);
    // kill -9 leaves the lock behind; the same command takes it over and finishes the work.
    first.kill('SIGKILL');
    await exited;
    expect(existsSync(join(out, 'firedrill.lock'))).toBe(true);
    const resumed = spawnSync(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'sweep', ...ARGS, '--out', out], { encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(read(out)).toEqual(reference);
    expect(existsSync(join(out, 'firedrill.lock'))).toBe(false);
  });

  it('runs a sweep smaller than its pool of workers', () => {
    for (const seeds of ['1', '1..3', '1..9']) {
      const out = join(dir, `small-${seeds}`);
      const r = firedrill(['sweep', '--designs', 'naver-like', '--seeds', seeds, '--workers', '2', '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + Number(seeds.split('..').at(-1)));
    }
  });

  it('retries the runs of a crashed worker once, and reports a run that crashes it twice without losing the others', () => {
    const run = (out: string, args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'sweep', ...args, '--workers', '2', '--out', join(dir, out)], { encoding: 'utf8', env: { ...process.env, ...env } });
    const once = run('crash-once', ARGS, { FIREDRILL_FAULT_TASK: '21', FIREDRILL_FAULT_MARK: join(dir, 'crash-once.mark') });
    expect(once.status, once.stderr).toBe(0);
    expect(read(join(dir, 'crash-once'))).toEqual(reference);
    // A sweep of 4 chunks of 4 runs on 2 workers, the reference's design alone.
    const always = run('crash-always', ['--designs', 'as-built-2022', '--seeds', '1..16'], { FIREDRILL_FAULT_TASK: '5', FIREDRILL_FAULT_MODE: 'always' });
    expect(always.status).toBe(1);
    expect(always.stderr.trim().split('\n').at(-1)).toBe(`firedrill: 1 run(s) crashed their worker twice: as-built-2022 (policy historical) seed 6 (injected fault on task 5). Every other run is in ${join(dir, 'crash-always', 'journal.ndjson')}; run the same command again to retry them.`);
    expect(readFileSync(join(dir, 'crash-always', 'journal.ndjson'), 'utf8').trim().split('\n')).toHaveLength(15);
    expect(existsSync(join(dir, 'crash-always', 'runs.csv'))).toBe(false);
  });

  it('refuses a sweep folder of an older or a newer Firedrill, saying which, and leaves it as it was', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'w1', 'sweep.json'), 'utf8')) as { version: number };
    for (const [version, says] of [[1, 'a sweep of an older Firedrill (manifest version 1, before policies were an axis); run it to the end with that Firedrill'], [3, 'a sweep of a newer Firedrill (manifest version 3; this one reads version 2); resume it with that Firedrill']] as const) {
      const out = join(dir, `version-${version}`);
      mkdirSync(out);
      const text = `${JSON.stringify({ ...manifest, version }, null, 2)}\n`;
      writeFileSync(join(out, 'sweep.json'), text);
      const r = await firedrillInProcess(['sweep', ...ARGS, '--out', out]);
      expect([r.status, r.stderr.split('\n').at(-2)]).toEqual([2, `firedrill: ${join(out, 'sweep.json')}: ${says}, or start this one in another --out`]);
      expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(text);
      expect(existsSync(join(out, 'journal.ndjson'))).toBe(false);
    }
  });

  it('refuses a directory that holds another sweep', () => {
    const r = firedrill(['sweep', '--designs', 'naver-like', '--seeds', '1..3', '--out', join(dir, 'w1')]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').at(-2)! + '\n').toBe(`firedrill: ${join(dir, 'w1')} holds another sweep (as-built-2022,naver-like, seeds 1..4); resume it with the same arguments or choose another --out\n`);
  });

  it('gives bad --designs, --seeds, --vary, --shard and --workers a clear error and exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--designs', 'naver-lik'], 'firedrill: --designs: expected built-in designs (as-built-2022, control-plane-active-active, kakao-2024, naver-like, zoned-power-cutoff) or paths to design files, got "naver-lik"\n'],
      [['--designs', 'naver-like,naver-like'], 'firedrill: --designs: expected each design once, got naver-like,naver-like\n'],
      [['--seeds', '10..1'], 'firedrill: --seeds: expected a range that does not go backwards, got "10..1"\n'],
      [['--seeds', 'many'], 'firedrill: --seeds: expected a seed or a range such as 1..1000, got "many"\n'],
      [['--vary', 'people.engineers'], 'firedrill: --vary: expected PATH=v1,v2,… such as people.engineers=2,4,8, got "people.engineers"\n'],
      [['--vary', 'people.enginers=2'], 'firedrill: --vary people.enginers=2: people.enginers: unknown key "enginers"; did you mean "engineers"?\n'],
      [['--vary', 'people.engineers=-3'], 'firedrill: --vary people.engineers=-3: people.engineers: expected a number > 0, got -3\n'],
      [['--vary', 'sites.nowhere.zonedPowerCutoff=true'], 'firedrill: --vary sites.nowhere.zonedPowerCutoff: sites has no item "nowhere"; it has pangyo, anyang, capital-3\n'],
      [['--shard', '4/3'], 'firedrill: --shard: expected i/n with 1 <= i <= n, such as 2/3, got "4/3"\n'],
      [['--shard', 'half'], 'firedrill: --shard: expected i/n with 1 <= i <= n, such as 2/3, got "half"\n'],
      [['--workers', '0'], 'firedrill: --workers: expected a whole number from 1 to 256, got "0"\n'],
      [['--progress', 'loud'], 'firedrill: --progress: expected auto, bar, plain or none, got "loud"\n'],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, 'bad');
      const r = await firedrillInProcess(['sweep', '--designs', 'as-built-2022', '--seeds', '1..2', '--out', out, ...args]);
      expect([r.status, r.stderr], args.join(' ')).toEqual([2, message]);
      expect(existsSync(join(out, 'sweep.json')), args.join(' ')).toBe(false);
    }
  });
});
