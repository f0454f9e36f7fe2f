import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firedrill } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-decisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

// The historical run of seed 1, recorded, with its decision log.
const made = firedrill(['run', '--seed', '1', '--out', file('historical.ndjson'), '--decisions-out', file('historical.json')]);
const LOG = JSON.parse(readFileSync(file('historical.json'), 'utf8')) as { actions: Array<Record<string, any>>; [k: string]: unknown };

describe('firedrill run --decisions', () => {
  it('--decisions-out writes the log; replaying it gives the historical NDJSON byte for byte', () => {
    expect(made.status, made.stderr).toBe(0);
    expect(LOG).toMatchObject({ format: 'firedrill-decisions', version: 1, scenario: 'pangyo-2022', design: null, policy: 'historical', seed: 1 });
    expect(LOG.actions.length).toBeGreaterThan(10);
    const r = firedrill(['run', '--decisions', file('historical.json'), '--out', file('replay.ndjson')]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file('replay.ndjson'), 'utf8')).toBe(readFileSync(file('historical.ndjson'), 'utf8'));
  });
});

/**
 * Writes a log edited by `edit` (or the raw text) and runs it: exit 2, one clear message, nothing written.
 * In this process (the CLI's own main): twenty processes would cost the suite several seconds each.
 */
async function refused(name: string, edit: ((log: any) => void) | string, extra: string[] = []): Promise<string> {
  const path = file(`${name}.json`);
  if (typeof edit === 'string') writeFileSync(path, edit);
  else {
    const log = structuredClone(LOG);
    edit(log);
    writeFileSync(path, JSON.stringify(log, null, 1));
  }
  const out = file(`${name}.ndjson`);
  const r = await firedrillInProcess(['run', '--decisions', path, '--out', out, ...extra]);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
  expect(r.stderr).toContain(path);
  return r.stderr.trim();
}

describe('malformed decision logs: exit 2, the file and the entry named, nothing written', () => {
  it('text that is not JSON, at its line and column', async () => expect(await refused('syntax', '{\n "format": "firedrill-decisions",\n oops\n}')).toMatch(/syntax\.json:3:2: expected JSON \(a decision log\), but it does not parse/));
  it('an empty file', async () => expect(await refused('empty', '')).toMatch(/empty\.json:1:1: expected JSON/));
  it('a list, not a log', async () => expect(await refused('list', '[]')).toMatch(/list\.json:1:1: expected object, got \[\]/));
  it('another format', async () => expect(await refused('format', (l) => (l.format = 'something-else'))).toMatch(/format\.json:2:\d+: format: expected "firedrill-decisions", got "something-else"/));
  it('another version', async () => expect(await refused('version', (l) => (l.version = 2))).toMatch(/version: expected 1, got 2/));
  it('no actions', async () => expect(await refused('noactions', (l) => delete l.actions)).toMatch(/actions: expected array, but it is missing/));
  it('actions that are not a list', async () => expect(await refused('notlist', (l) => (l.actions = 'all of them'))).toMatch(/actions: expected array, got "all of them"/));
  it('an entry without its time', async () => expect(await refused('notime', (l) => delete l.actions[2].atMs)).toMatch(/notime\.json:\d+:\d+: actions\[2\]\.atMs: expected number, but it is missing/));
  it('a negative time', async () => expect(await refused('negtime', (l) => (l.actions[1].atMs = -5))).toMatch(/actions\[1\]\.atMs: expected at least 0, got -5/));
  it('a time that is text', async () => expect(await refused('texttime', (l) => (l.actions[1].atMs = '2h'))).toMatch(/actions\[1\]\.atMs: expected number, got "2h"/));
  it('a stop that is a number', async () => expect(await refused('stop', (l) => (l.actions[0].stop = 7))).toMatch(/actions\[0\]\.stop: expected string, got 7/));
  it('nobody deciding', async () => expect(await refused('by', (l) => (l.actions[0].by = ''))).toMatch(/actions\[0\]\.by: expected text that is not empty/));
  it('an action kind that does not exist', async () => expect(await refused('kind', (l) => (l.actions[3].action.kind = 'failover.yolo'))).toMatch(/actions\[3\]\.action\.kind: expected an action kind \(incident\.declare, .*\), got "failover\.yolo"/));
  it('an action without its subject', async () => expect(await refused('subject', (l) => delete l.actions[3].action.service)).toMatch(/actions\[3\]\.action\.service: expected string, but it is missing/));
  it('an unknown key in an entry', async () => expect(await refused('extra', (l) => (l.actions[0].when = 'now'))).toMatch(/actions\[0\]: unknown key "when"/));
  it('calling in no teams', async () => expect(await refused('zero', (l) => l.actions.push({ ...l.actions[0], stop: null, request: null, action: { kind: 'people.callIn', team: 'engineers', count: 0 } }))).toMatch(/action\.count: expected more than 0, got 0/));
  it('a log of another model', async () => expect(await refused('model', (l) => (l.scenarioSha256 = 'a'.repeat(64)))).toMatch(/model\.json: the log was made on another model \(scenario pangyo-2022, fingerprint aaaaaaaaaaaa\); this run's is [0-9a-f]{12}/));
  it('a seed the log was not made on', async () => expect(await refused('seed', () => undefined, ['--seed', '2'])).toMatch(/seed\.json: the log was made on seed 1; its decisions answer that run's questions, not those of seed 2/));
  it('an action that cannot be taken at its time: the action, the time and what was missing', async () => {
    const message = await refused('impossible', (l) => {
      const deny = l.actions.findIndex((a: any) => a.action.kind === 'failover.deny');
      const [entry] = l.actions.splice(deny, 1);
      l.actions.unshift({ ...entry, atMs: l.actions[0].atMs, stop: l.actions[0].stop, request: null });
    });
    expect(message).toMatch(/impossible\.json:\d+:\d+: actions\[0\]: cannot be taken: failover\.deny service=kakaotalk-pc-login at T\+0\.41 h: the incident is not declared yet/);
  });
  it('an action on a service that does not exist', async () => expect(await refused('noservice', (l) => (l.actions.find((a: any) => a.action.kind === 'failover.approve').action.service = 'kakao-yolo'))).toMatch(/cannot be taken: failover\.approve service=kakao-yolo at T\+\d+\.\d+ h: there is no service "kakao-yolo"/));
  it('an entry whose moment never comes', async () => expect(await refused('never', (l) => (l.actions[5].stop = 'failover:nothing#1'))).toMatch(/never\.json:\d+:\d+: actions\[5\]: failover\.\w+ service=[\w-]+ was never taken: the run never stopped at the question failover:nothing#1/));
  it('a file that does not exist', async () => {
    const r = await firedrillInProcess(['run', '--decisions', file('missing.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`firedrill: ${file('missing.json')}: expected a readable decision log (written by firedrill run --decisions-out), but it does not exist`);
  });
});

describe('firedrill counterfactual', () => {
  it('lists every decision of the historical log of seed 1 with its effect; one effect is the difference of two run --decisions', async () => {
    const r = firedrill(['counterfactual', '--decisions', file('historical.json'), '--json', '--out', file('cf')]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { with: string; effects: Array<{ index: number; same: boolean; allRestoredH: number | null; loss: number; groups: Array<{ id: string; loss: number | null }>; services: Array<{ id: string; normalH: number | null }> }> };
    expect(out.with).toBe('runbook');
    // The shape docs/decisions.md describes.
    expect(Object.keys(out)).toEqual(['scenario', 'scenarioSha256', 'design', 'policy', 'seed', 'with', 'allRestoredHours', 'effects']);
    expect(Object.keys(out.effects[0]!)).toEqual(['index', 'entry', 'instead', 'same', 'allRestoredH', 'services', 'loss', 'groups', 'spent']);
    expect(Object.keys(out.effects[0]!.groups[0]!)).toEqual(['id', 'loss', 'outageH']);
    expect(out.effects.map((e) => e.index).sort((a, b) => a - b)).toEqual(LOG.actions.map((_, i) => i));
    // Ranked: the replacement that saves the most first.
    expect(out.effects.map((e) => e.loss)).toEqual([...out.effects.map((e) => e.loss)].sort((a, b) => a - b));
    for (const e of out.effects.filter((x) => x.same)) expect(e.loss).toBe(0);
    // Amounts are the scenario's currency's, named without it.
    expect(r.stdout).not.toMatch(/Won"/);
    const changed = out.effects.find((e) => !e.same && e.allRestoredH !== null && e.allRestoredH !== 0)!;
    // In this process: run --decisions as a process is the first test's.
    const json = async (log: string) => JSON.parse((await firedrillInProcess(['run', '--decisions', log, '--json'])).stdout) as { allRestoredHours: number; services: Array<{ id: string; normalHours: number | null }>; ledger: Array<{ lossTotal: { p50: number } | null }> };
    const base = await json(file('cf/base.json'));
    const cf = await json(file(`cf/cf-${String(changed.index).padStart(2, '0')}.json`));
    expect(changed.allRestoredH).toBeCloseTo(cf.allRestoredHours - base.allRestoredHours, 6);
    const loss = (x: typeof base) => x.ledger.reduce((n, g) => n + (g.lossTotal?.p50 ?? 0), 0);
    expect(changed.loss).toBe(Math.round(loss(cf) - loss(base)));
    expect(changed.groups.reduce((n, g) => n + (g.loss ?? 0), 0)).toBeCloseTo(changed.loss, -1);
    for (const s of changed.services) {
      const a = cf.services.find((x) => x.id === s.id)!.normalHours;
      const b = base.services.find((x) => x.id === s.id)!.normalHours;
      if (a !== null && b !== null) expect(s.normalH).toBeCloseTo(a - b, 6);
    }
  });

  it('prints a ranked table', () => {
    const r = firedrill(['counterfactual', '--policy', 'historical', '--seed', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/What each decision of historical \(seed 1\) was worth: each replaced by what runbook would have chosen when asked/);
    expect(r.stdout).toMatch(/materials\.order domain=kakao-c\d how=standard\s+materials\.order domain=kakao-c\d how=expedited/);
  });
});
