import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignSummary, SweepSummary } from '../../src/sweep/summary.js';
import { readSweepSummary } from '../../src/sweep/summarySchema.js';
import { firedrill } from '../cliHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-summary-'));
let text = '';
beforeAll(() => {
  const r = firedrill(['sweep', '--designs', 'as-built-2022,naver-like', '--seeds', '1..3', '--vary', 'people.engineers=2,8', '--workers', '1', '--progress', 'none', '--out', dir]);
  expect(r.status, r.stderr).toBe(0);
  text = readFileSync(join(dir, 'summary.json'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sweep's summary, parsed afresh and changed by `edit`. */
function edited(edit: (s: Record<string, any>) => void): unknown {
  const summary = JSON.parse(text) as Record<string, any>;
  edit(summary);
  return summary;
}

describe('readSweepSummary', () => {
  it('reads what firedrill sweep writes, unchanged', () => {
    const read = readSweepSummary(JSON.parse(text));
    expect(read).toEqual({ ok: true, summary: JSON.parse(text) });
  });

  it('refuses numbers that are not numbers, naming the path', () => {
    expect(readSweepSummary(edited((s) => (s.runs = '<img src=x onerror=alert(1)>')))).toEqual({ ok: false, message: 'summary.runs: expected number, got "<img src=x onerror=alert(1)>"' });
    expect(readSweepSummary(edited((s) => (s.perDesign[1].worst.seed = '1<script>')))).toEqual({ ok: false, message: 'summary.perDesign[1].worst.seed: expected number, got "1<script>"' });
    expect(readSweepSummary(edited((s) => (s.perDesign[0].best.seed = -1)))).toEqual({ ok: false, message: 'summary.perDesign[0].best.seed: Too small: expected number to be >=0, got -1' });
  });

  it('refuses a summary whose tables would have holes: a service or group missing from a design', () => {
    expect(readSweepSummary(edited((s) => s.perDesign[1].services.pop()))).toEqual({ ok: false, message: expect.stringMatching(/^summary\.perDesign\[1\]\.services: no entry for service "[\w-]+" of summary\.services$/) });
    expect(readSweepSummary(edited((s) => (s.perDesign[0].ledger = [])))).toEqual({ ok: false, message: expect.stringMatching(/^summary\.perDesign\[0\]\.ledger: no entry for group "[\w-]+" of summary\.groups/) });
  });

  it('writes version 3: amounts under names without a currency (loss, perPerson, totalLoss)', () => {
    const s = JSON.parse(text) as SweepSummary;
    expect(s.version).toBe(3);
    const taxi = s.perDesign[0]!.ledger.find((g) => g.group === 'taxi-drivers')!;
    expect(Object.keys(taxi)).toEqual(['group', 'loss', 'perPerson', 'hours']);
    expect(taxi.loss.p50).toBeGreaterThan(0);
    expect(taxi.perPerson!.p50).toBeGreaterThan(0);
    expect(s.perDesign[0]!.ledger.find((g) => g.group === 'kakaotalk-users')!.perPerson).toBeNull();
    expect(s.perDesign[0]!.totalLoss.p50).toBeGreaterThan(taxi.loss.p50!);
    expect(text).not.toMatch(/Won"|_won"/);
  });

  it('reads a version 2 summary written by an earlier Firedrill (a sweep in euros) with its amounts under the new names', () => {
    // test/sweep/fixtures/summary-v2.json: what `firedrill sweep` wrote at c911b41, before amounts lost the
    // currency in their names, for hello-world with an impact section of two groups (shops that take
    // logins, with an income in EUR; report readers, without one) under the policies fail-over and wait, seeds 1..4.
    const v2 = JSON.parse(readFileSync(new URL('fixtures/summary-v2.json', import.meta.url), 'utf8')) as Record<string, any>;
    expect(v2.version).toBe(2);
    const read = readSweepSummary(v2);
    expect(read.ok, read.ok ? '' : read.message).toBe(true);
    if (!read.ok) return;
    expect(read.summary.version).toBe(3);
    expect(read.summary.currencyUnit).toBe('EUR');
    expect(read.summary.perDesign.map((d) => d.totalLoss)).toEqual(v2.perDesign.map((d: any) => d.totalLossWon));
    expect(read.summary.perDesign.map((d) => d.ledger)).toEqual(
      v2.perDesign.map((d: any) => d.ledger.map((g: any) => ({ group: g.group, loss: g.lossWon, perPerson: g.perPersonWon, hours: g.hours }))),
    );
    // The two arms differ, and a group without an income has hours and no amount per person.
    expect(read.summary.perDesign[0]!.totalLoss.p50).not.toBe(read.summary.perDesign[1]!.totalLoss.p50);
    expect(read.summary.perDesign[0]!.ledger[1]).toMatchObject({ group: 'readers', perPerson: null, hours: { p50: expect.any(Number) } });
    expect(JSON.stringify(read.summary)).not.toMatch(/Won/);
    // Everything else as it was.
    expect({ ...read.summary, version: 2, perDesign: null }).toEqual({ ...v2, perDesign: null });
  });

  it('reads a version 1 summary (one policy for the sweep, amounts named in won) as each design under that policy', () => {
    const v1 = edited((s) => {
      s.version = 1;
      s.policy = 'historical';
      delete s.policies;
      for (const d of s.perDesign) {
        delete d.designName;
        delete d.policy;
        d.totalLossWon = d.totalLoss;
        delete d.totalLoss;
        d.ledger = d.ledger.map(({ group, loss, perPerson, hours }: Record<string, unknown>) => ({ group, lossWon: loss, perPersonWon: perPerson, hours }));
      }
    });
    const read = readSweepSummary(v1);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.summary.policies).toEqual(['historical']);
      expect(read.summary.perDesign.map((d) => `${d.designName}/${d.policy}`)).toEqual(['as-built-2022/historical', 'naver-like/historical']);
      expect(read.summary.perDesign.map((d) => [d.totalLoss, d.ledger])).toEqual(JSON.parse(text).perDesign.map((d: DesignSummary) => [d.totalLoss, d.ledger]));
    }
  });

  it('refuses another version with a message that says which', () => {
    expect(readSweepSummary(edited((s) => (s.version = 4)))).toEqual({ ok: false, message: 'a sweep summary of version 4; this Firedrill reads versions 1 to 3: open it with the Firedrill that wrote it' });
    expect(readSweepSummary({ kind: 'other' })).toEqual({ ok: false, message: 'summary.kind: expected "firedrill-sweep-summary", got "other" (and 12 more problems)' });
  });
});
