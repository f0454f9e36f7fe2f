import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBuiltInDesigns, listBuiltInScenarios, scenariosFolder } from '../../src/scenario/builtIns.js';
import { precompileBuiltIns } from '../../src/scenario/precompile.js';
import { firedrill } from '../cliHelpers.js';
import { TINY } from '../recovery/tiny.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-any-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A scenario of the user's own: its policies are `waits` and `rebuilds`, none called historical.
writeFileSync(join(dir, 'other.yaml'), TINY);

describe('commands work on any scenario, with its own policies and designs', () => {
  it('firedrill run other.yaml runs under the scenario\'s first policy', () => {
    const r = firedrill(['run', 'other.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('policy waits · seed 1');
  });

  it('firedrill sweep other.yaml sweeps the scenario as written, not the Pangyo designs', () => {
    const r = firedrill(['sweep', 'other.yaml', '--seeds', '1..3', '--out', 'lab', '--progress', 'none', '--workers', '1'], { cwd: dir });
    expect(r.stderr).not.toMatch(/firedrill: /);
    expect(r.status).toBe(0);
    const rows = readFileSync(join(dir, 'lab', 'runs.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((row) => row.startsWith('other,'))).toBe(true);
  });

  it('firedrill sweep other.yaml --designs takes the user\'s own overlays of it', () => {
    writeFileSync(join(dir, 'more-engineers.yaml'), 'extends: ./other.yaml\ndesign: { id: more-engineers, title: More engineers }\npeople: { engineers: 3 }\n');
    const r = firedrill(['sweep', 'other.yaml', '--designs', 'other.yaml,more-engineers.yaml', '--seeds', '1..2', '--out', 'lab2', '--progress', 'none', '--workers', '1'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'lab2', 'runs.csv'), 'utf8')).toMatch(/\nmore-engineers,/);
  });

  it('a built-in scenario without designs of its own sweeps and compares as written, by its name', () => {
    const sweep = firedrill(['sweep', 'ovh-sbg-2021', '--seeds', '1', '--out', join(dir, 'ovh-lab'), '--progress', 'none', '--workers', '1']);
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ovh-lab', 'runs.csv'), 'utf8').split('\n')[1]).toMatch(/^ovh-sbg-2021,historical,base,1,/);
    const compare = firedrill(['compare', 'ovh-sbg-2021', '--json']);
    expect(compare.status, compare.stderr).toBe(0);
    expect((JSON.parse(compare.stdout) as { designs: Array<{ design: string }> }).designs.map((d) => d.design)).toEqual(['ovh-sbg-2021']);
  });

  it('firedrill compare other.yaml compares the scenario with its own policies', () => {
    const r = firedrill(['compare', 'other.yaml', '--policies', 'waits,rebuilds', '--seeds', '1..2'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/waits\s+rebuilds/);
  });
});

describe('a file put in scenarios/ is not a built-in', () => {
  it('the built-ins are those scenarios/built-ins.json names; a draft beside them is neither listed nor precompiled', () => {
    const folder = join(dir, 'scenarios');
    cpSync(scenariosFolder(), folder, { recursive: true });
    writeFileSync(join(folder, 'draft.yaml'), 'id: draft\ntitle: [unfinished\n');
    writeFileSync(join(folder, 'designs', 'draft-design.yaml'), 'extends: nothing-yet\n');
    expect(listBuiltInScenarios(folder)).toEqual(listBuiltInScenarios());
    expect(listBuiltInDesigns(undefined, folder)).toEqual(listBuiltInDesigns());
    const out = join(dir, 'precompiled');
    const done = precompileBuiltIns(folder, out);
    expect(done.some((f) => f.includes('draft'))).toBe(false);
    expect(existsSync(join(out, 'pangyo-2022.json'))).toBe(true);
  });
});

describe('currency, locale and time zone are scenario data', () => {
  const impact = `
currency: EUR
timeZone: CET
impact:
  profiles: { flat: [${Array(168).fill(1).join(', ')}] }
  groups:
    - { id: shops, name: Shops, people: 100, dependsOn: [{ service: app }], profile: flat, income: { amount: 1680, per: week } }
`;
  const text = TINY.replace('start: 2022-01-01T00:00:00+00:00', 'start: 2022-01-01T00:00:00+01:00') + impact;

  it('a scenario in euros on Central European Time says so in run.start, the ledger and the report', () => {
    writeFileSync(join(dir, 'euro.yaml'), text);
    const r = firedrill(['run', 'euro.yaml', '--out', 'euro.ndjson'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'euro.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ protocol: '2.1', currency: 'EUR', currencyUnit: 'EUR', timeZone: 'CET', locale: 'en-US' });
    const ledger = lines.find((m) => m.type === 'ledger');
    expect(ledger.currency).toBe('EUR');
    expect(Object.keys(ledger.groups[0]).filter((k) => /won/i.test(k))).toEqual([]);
    // With --out a file and no --json, the report is on stdout beside the recording.
    const report = r;
    expect(report.stdout).toMatch(/Shops\s+100\s+[\d.]+ h\s+[\d,]+ EUR/);
    expect(report.stdout).toMatch(/Shops: [\d,]+ EUR lost in all/);
    expect(report.stdout).not.toMatch(/\bwon\b/);
  });

  it('a sweep of it keeps the currency for its report: summary.json says EUR, and report.html writes amounts in EUR, never won', () => {
    writeFileSync(join(dir, 'euro.yaml'), text);
    const r = firedrill(['sweep', 'euro.yaml', '--seeds', '1..2', '--out', 'euro-lab', '--progress', 'none', '--workers', '1'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const summaryText = readFileSync(join(dir, 'euro-lab', 'summary.json'), 'utf8');
    const summary = JSON.parse(summaryText) as { currencyUnit?: string; perDesign: Array<{ totalLoss: { p50: number }; ledger: Array<{ group: string; loss: { p50: number }; perPerson: { p50: number } }> }> };
    expect(summary.currencyUnit).toBe('EUR');
    // Euros under names that say no currency, in the summary, runs.csv and the sweep's own files.
    expect(summary.perDesign[0]!.ledger[0]).toMatchObject({ group: 'shops', loss: { p50: expect.any(Number) }, perPerson: { p50: expect.any(Number) } });
    expect(summary.perDesign[0]!.totalLoss.p50).toBe(summary.perDesign[0]!.ledger[0]!.loss.p50);
    const header = readFileSync(join(dir, 'euro-lab', 'runs.csv'), 'utf8').split('\n')[0]!;
    expect(header.split(',').filter((c) => c.startsWith('ledger:'))).toEqual(['ledger:shops:loss', 'ledger:shops:loss_per_person', 'ledger:shops:hours', 'ledger:total_loss', 'ledger:total_compensation']);
    for (const file of ['summary.json', 'runs.csv', 'sweep.json']) expect(readFileSync(join(dir, 'euro-lab', file), 'utf8'), file).not.toMatch(/\bwon\b|Won\b|_won\b/);
    const html = readFileSync(join(dir, 'euro-lab', 'report.html'), 'utf8');
    expect(html).not.toMatch(/ won\b/);
  });

  // Exempt: the readers of older files, whose upgrades name what those files said (the 1.x recording
  // reader; the sweep's, for summary.json version 2 and the journal's columns before they were renamed),
  // and the formula's older variable names in src/impact/ (lossWon, incomeWon, still read).
  it('no currency, zone or language is built into the code (the exemptions named above aside)', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.ts') ? [join(d, n)] : []));
    const root = new URL('../../', import.meta.url).pathname;
    const offenders = [...files(join(root, 'src')), ...files(join(root, 'web'))]
      .filter((f) => !/stream\/read\.ts$|sweep\/olderNames\.ts$/.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, code: line.replace(/\/\/.*$|^\s*\*.*$|\/\*\*.*\*\//g, '') })))
      .filter(({ f, code }) => /'KRW'|'KST'|'\+09:00'|[`' ]won[`' ]|Won\b|Won[A-Z]|_won\b/.test(/src\/impact\//.test(f) ? code.replace(/\b(lossWon|incomeWon)\b/g, '') : code))
      .map(({ f, i }) => `${f.slice(root.length)}:${i + 1}`);
    expect(offenders).toEqual([]);
  });
});
