import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('reads a version 1 summary (one policy for the sweep) as each design under that policy', () => {
    const v1 = edited((s) => {
      s.version = 1;
      s.policy = 'historical';
      delete s.policies;
      for (const d of s.perDesign) {
        delete d.designName;
        delete d.policy;
      }
    });
    const read = readSweepSummary(v1);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.summary.policies).toEqual(['historical']);
      expect(read.summary.perDesign.map((d) => `${d.designName}/${d.policy}`)).toEqual(['as-built-2022/historical', 'naver-like/historical']);
    }
  });

  it('refuses another version with a message that says which', () => {
    expect(readSweepSummary(edited((s) => (s.version = 3)))).toEqual({ ok: false, message: 'a sweep summary of version 3; this Firedrill reads versions 1 and 2: open it with the Firedrill that wrote it' });
    expect(readSweepSummary({ kind: 'other' })).toEqual({ ok: false, message: 'summary.kind: expected "firedrill-sweep-summary", got "other" (and 12 more problems)' });
  });
});
