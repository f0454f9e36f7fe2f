import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firedrill } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill run', () => {
  // Each run is a process of its own; the tests that look at the same run share it.
  let seed3: ReturnType<typeof firedrill>;
  let naver: ReturnType<typeof firedrill>;
  beforeAll(() => {
    seed3 = firedrill(['run', '--json', '--seed', '3']);
    naver = firedrill(['run', '--design', 'naver-like', '--out', join(dir, 'run.ndjson'), '--json']);
  });

  it('--json prints exactly one JSON object with the documented fields', () => {
    const r = seed3;
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(['scenario', 'design', 'seed', 'allRestoredHours', 'services', 'serverCurve', 'ledger', 'promises', 'scenarioSha256']);
    // The ledger's documented fields come first, in the documented order.
    expect(Object.keys(out.ledger[1]).slice(0, 6)).toEqual(['group', 'people', 'outageHours', 'lossPerPerson', 'compensationPerPerson', 'compensatedShare']);
    expect(out.ledger.find((g: { group: string }) => g.group === 'taxi-drivers')).toMatchObject({ people: 226154, compensationPerPerson: 7550, lossPerPerson: { p10: expect.any(Number), p50: expect.any(Number), p90: expect.any(Number) } });
    expect(out).toMatchObject({ scenario: 'pangyo-2022', design: null, seed: 3 });
    expect(out.services.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(out.services[0])).toEqual(['id', 'firstUsableHours', 'normalHours', 'reportedFirstUsableHours', 'reportedNormalHours', 'promiseMet']);
    const messaging = out.services.find((s: { id: string }) => s.id === 'kakaotalk-messaging');
    expect(messaging.reportedFirstUsableHours).toBe(10.2);
    expect(out.serverCurve.find((p: { hours: number }) => p.hours === 22.4)).toMatchObject({ reportedFractionRunning: 0.375 });
  });

  it('prints a readable report by default: services beside history and the promise, the chains and the curve', () => {
    const r = firedrill(['run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Promise: "all services within 2 hours of power returning" → deadline \d+\.\d h after ignition/);
    // The header names the model by the first characters of its fingerprint, as --json gives it whole
    // (the scenario's, so the same on every seed).
    const sha = JSON.parse(seed3.stdout).scenarioSha256 as string;
    expect(r.stdout.split('\n')[1]).toBe(`design (scenario as written) · policy historical · seed 1 · t = 0 at 2022-10-15T15:19:00+09:00 · scenario ${sha.slice(0, 12)}`);
    expect(r.stdout).toMatch(/KakaoTalk messaging\s+\d+\.\d h\s+10\.2 h/);
    expect(r.stdout).toMatch(/Daum Mail normal at \d+\.\d h: .*replacement cable/);
    expect(r.stdout).toMatch(/Servers running at the fire site \(● simulated, ○ reported\)/);
    // As built, compensation covers a sliver of a taxi driver's loss, and says so as a percentage.
    expect(r.stdout).toMatch(/Kakao T taxi drivers .* \d+\.\d%\n/);
  });

  it("says how many times the loss compensation is, once it is 10 times or more (naver-like's short outage)", () => {
    const taxi = JSON.parse(naver.stdout).ledger.find((g: { group: string }) => g.group === 'taxi-drivers');
    expect(taxi.compensatedShare).toBeGreaterThanOrEqual(10);
    const text = firedrill(['run', '--design', 'naver-like']).stdout;
    expect(text).toContain(`Kakao T taxi drivers`);
    expect(text).toMatch(new RegExp(`Kakao T taxi drivers .* ${Math.round(taxi.compensatedShare).toLocaleString('en-US')}× the loss\\n`));
  });

  it('--out records the run as NDJSON that starts with run.start and ends with run.end', () => {
    expect(naver.status, naver.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'run.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'run.start', design: 'naver-like', protocol: '2.1', scenarioSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lines.at(-1).type).toBe('run.end');
  });

  it('is byte-identical for the same seed', () => {
    // The second run of the naver-like recording above (seed 1).
    const a = join(dir, 'run.ndjson');
    const b = join(dir, 'b.ndjson');
    expect(firedrill(['run', '--design', 'naver-like', '--seed', '1', '--out', b, '--json']).status).toBe(0);
    expect(readFileSync(a, 'utf8').replace(/"firedrill":"[^"]*"/, '')).toBe(readFileSync(b, 'utf8').replace(/"firedrill":"[^"]*"/, ''));
  });

  it('says how much was back when the run ended before everything was restored', () => {
    const design = join(dir, 'one-day.yaml');
    writeFileSync(design, 'extends: pangyo-2022\nhorizon: 1d\n');
    const r = firedrill(['run', design]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Not everything was restored by the end of the run at 24\.0 h: \d+ of 18 services back to normal; reported restored at 127\.7 h\.$/m);
    expect(r.stdout).not.toContain('Everything restored: —');
  });

  // The last case as a process; the others in this process (the CLI's own main), as the same path.
  it('rejects a bad seed, policy or design with one line and exit code 2, writing nothing', async () => {
    const file = join(dir, 'never.ndjson');
    const cases: Array<[string[], RegExp]> = [
      [['run', '--seed', '-1', '--out', file], /--seed <n>' argument '-1' is invalid. expected a whole number from 0 to 4294967295/],
      [['run', '--policy', 'yolo', '--out', file], /^firedrill: --policy must be one of historical, runbook \(from the scenario\), got "yolo"$/m],
      [['run', '--design', 'navr-like', '--out', file], /^navr-like:1:1: expected a built-in design \(as-built-2022, control-plane-active-active, kakao-2024, naver-like, zoned-power-cutoff\) or a path to a \.yaml file; did you mean "naver-like"\?$/m],
      [['run', 'no/such.yaml', '--out', file], /such\.yaml:1:1: expected a readable scenario file, but it does not exist/],
      [['rnu'], /unknown command 'rnu'/],
    ];
    for (const [i, [args, message]] of cases.entries()) {
      const r = i === cases.length - 1 ? firedrill(args) : await firedrillInProcess(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(file)).toBe(false);
    }
  });
});

describe('firedrill designs and compare', () => {
  it('designs lists every built-in design with what it changes', () => {
    const r = firedrill(['designs']);
    expect(r.status).toBe(0);
    for (const d of ['as-built-2022', 'control-plane-active-active', 'naver-like', 'zoned-power-cutoff', 'kakao-2024']) expect(r.stdout).toContain(`  ${d} — `);
  });

  it('compare --json runs each design on the same seeds', () => {
    const r = firedrill(['compare', '--designs', 'as-built-2022,naver-like', '--seeds', '1..3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.seeds).toEqual([1, 2, 3]);
    expect(out.designs.map((d: { design: string }) => d.design)).toEqual(['as-built-2022', 'naver-like']);
    expect(out.designs[1].allRestoredHours).toBeLessThan(out.designs[0].allRestoredHours);
    // What the second design saves each group, against the first.
    const taxi = out.designs.map((d: { ledger: Array<{ group: string }> }) => d.ledger.find((g) => g.group === 'taxi-drivers'));
    expect(taxi[0].savedPerPerson).toBe(0);
    expect(taxi[1].savedPerPerson).toBe(taxi[0].lossPerPerson - taxi[1].lossPerPerson);
    expect(taxi[1].savedPerPerson).toBeGreaterThan(0);
  });

  it('compare prints what each design saves each group', () => {
    const r = firedrill(['compare', '--designs', 'as-built-2022,kakao-2024', '--seeds', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('What each design saves each group, against as-built-2022');
    expect(r.stdout).toMatch(/Kakao T designated drivers\s+[\d,]+ won\s+0 won \(saves [\d,]+ won\)/);
    expect(r.stdout).toMatch(/total lost \(median\)\s+[\d.]+ bn won/);
  });
});
