import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../src/sweep/summary.js';
import { writeOutput } from '../../src/files/output.js';
import { writeReport } from '../../src/sweep/report.js';
import { firedrillInProcess } from '../inProcess.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

/** The sweep's report.html, opened from disk: its figures are summary.json's, and every run leads to its command. */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-report-'));
let summary: SweepSummary;
let browser: Browser;

beforeAll(async () => {
  // In this process (as a process, firedrill sweep is tested in test/sweep/). Four seeds are enough for
  // a spread, and as few as twelve would still be too few for a P99.
  const r = await firedrillInProcess(['sweep', '--designs', 'as-built-2022,naver-like', '--seeds', '1..4', '--vary', 'people.engineers=2,8', '--progress', 'none', '--out', dir]);
  expect(r.status, r.stderr).toBe(0);
  summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SweepSummary;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const num = (x: string | null) => (x === null || x === 'null' ? null : Number(x));

describe('report.html', () => {
  it('opens from disk with no console errors and shows summary.json’s figures', async () => {
    const { page, errors } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForSelector('[data-testid=designs] tbody tr');
    const designs = await page.locator('[data-testid=designs] tbody tr').evaluateAll((rows) => rows.map((r) => ['design', 'p50', 'p90', 'p99', 'promiseKept', 'worstSeed'].map((k) => r.getAttribute(`data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`))));
    expect(designs).toEqual(summary.perDesign.map((d) => [d.design, String(d.allRestoredHours.p50), String(d.allRestoredHours.p90), String(d.allRestoredHours.p99), String(d.promiseKept), String(d.worst.seed)]));
    const services = await page.locator('[data-testid=services] tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td[data-p50]'), (td) => (td as { getAttribute(name: string): string | null }).getAttribute('data-p50'))));
    expect(services.map((row) => row.map(num))).toEqual(summary.services.map((id) => summary.perDesign.map((d) => d.services.find((s) => s.id === id)!.normal.p50)));
    const paired = await page.locator('[data-testid=paired] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-b'), r.getAttribute('data-metric'), r.getAttribute('data-mean')]));
    expect(paired).toEqual(summary.paired.map((p) => [p.b, p.metric, String(p.meanDifference)]));
    const totals = await page.locator('[data-testid=ledger] td[data-total-p50]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-total-p50')));
    expect(totals.map(num)).toEqual(summary.perDesign.map((d) => d.totalLoss.p50));
    expect(await page.locator('[data-testid=tornado-as-built-2022] rect').count()).toBe(2);
    expect(await page.locator('[data-testid=ecdf-all] circle').count()).toBe(summary.perDesign.reduce((n, d) => n + d.ecdf.length, 0));
    // For the decision: names, not ids; usable beside normal; an interval on "promise kept"; no P99 from 4 seeds; the ledger per person.
    const text = await page.locator('main').innerText();
    expect(text).toContain('Naver-like active-active');
    expect(text).toContain('Kakao login / authentication: normal');
    expect(text).not.toContain('kakao-auth:normal_h');
    expect(await page.locator('[data-testid=service-picker] option').first().textContent()).toBe('Kakao login / authentication');
    expect(await page.locator('[data-testid=ecdf-usable] > path').count()).toBe(2);
    expect(await page.locator('[data-testid=ecdf-service] > path').count()).toBe(2);
    expect(await page.locator('[data-testid=p99-warning]').textContent()).toContain('4 runs per design; a 99th percentile needs at least 100');
    expect(await page.locator('[data-testid=designs] tbody tr td:nth-child(4)').allTextContents()).toEqual(['—', '—']);
    const ci = await page.locator('[data-testid=designs] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-promise-ci')));
    for (const [i, d] of summary.perDesign.entries()) {
      const [lo, hi] = ci[i]!.split(',').map(Number) as [number, number];
      expect(lo).toBeLessThanOrEqual(d.promiseKept!);
      expect(hi).toBeGreaterThanOrEqual(d.promiseKept!);
      expect(hi - lo).toBeGreaterThan(0.1);
    }
    const taxi = summary.perDesign.map((d) => d.ledger.find((g) => g.group === 'taxi-drivers')!.perPerson!.p50);
    expect(await page.locator('[data-testid=ledger] tr[data-group=taxi-drivers] td[data-person-p50]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-person-p50'))))).toEqual(taxi);
    expect(await page.locator('[data-testid=ledger] tr[data-group=kakaotalk-users] td[data-hours-p50]').count()).toBe(2);
    await screenshot(page, 'sweep-report');
    // On a phone: tables scroll inside their boxes, never the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.waitForSelector('[data-testid=designs] tbody tr');
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBe(390);
    await screenshot(page, 'sweep-report-390');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('leads from the worst run of a design, and from any point of its ECDF, to the command that replays it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    const worst = summary.perDesign[0]!.worst.seed;
    await page.locator(`[data-testid=designs] button[data-design="as-built-2022"][data-seed="${worst}"]`).first().click();
    expect(await page.locator('[data-testid=command]').textContent()).toBe(`firedrill run --design as-built-2022 --seed ${worst} --policy historical`);
    const point = page.locator('[data-testid=ecdf-all] circle[data-design="naver-like"]').last();
    const seed = await point.getAttribute('data-seed');
    await point.dispatchEvent('click');
    expect(await page.locator('[data-testid=command]').textContent()).toBe(`firedrill run --design naver-like --seed ${seed} --policy historical`);
    expect(errors).toEqual([]);
  });

  it('shows the ledger of a version 2 summary, its amounts named in won, as it shows today\'s', async () => {
    // Written by firedrill sweep before amounts lost the currency in their names: a sweep in euros (see test/sweep/summarySchema.test.ts).
    const v2 = JSON.parse(readFileSync(new URL('../sweep/fixtures/summary-v2.json', import.meta.url), 'utf8')) as {
      perDesign: Array<{ totalLossWon: { p50: number }; ledger: Array<{ group: string; lossWon: { p50: number | null }; perPersonWon: { p50: number } | null; hours: { p50: number } }> }>;
    };
    writeReport(join(dir, 'v2.html'), v2 as unknown as SweepSummary, writeOutput);
    const { page, errors } = await openPage(browser);
    await page.goto(pathToFileURL(join(dir, 'v2.html')).href);
    await page.waitForSelector('[data-testid=ledger] td[data-total-p50]');
    const attr = (selector: string, name: string) => page.locator(selector).evaluateAll((tds, n) => tds.map((td) => Number(td.getAttribute(n))), name);
    expect(await attr('[data-testid=ledger] td[data-total-p50]', 'data-total-p50')).toEqual(v2.perDesign.map((d) => d.totalLossWon.p50));
    const shops = v2.perDesign.map((d) => d.ledger.find((g) => g.group === 'shops')!);
    expect(await attr('[data-testid=ledger] tr[data-group=shops] td[data-person-p50]', 'data-person-p50')).toEqual(shops.map((g) => g.perPersonWon!.p50));
    expect(await attr('[data-testid=ledger] tr[data-group=shops] td[data-loss-p50]', 'data-loss-p50')).toEqual(shops.map((g) => g.lossWon.p50));
    expect(await attr('[data-testid=ledger] tr[data-group=readers] td[data-hours-p50]', 'data-hours-p50')).toEqual(v2.perDesign.map((d) => d.ledger.find((g) => g.group === 'readers')!.hours.p50));
    expect(await page.locator('[data-testid=ledger]').innerText()).toContain(' EUR');
    expect(errors).toEqual([]);
  });

  it('says what the spread hangs on for a sweep that drew its parameters, largest first, and replays a run with the same draws', async () => {
    // The summary of this sweep with the section a --posterior sweep adds (its figures made up: the page's drawing is under test).
    const drawn: SweepSummary = {
      ...summary,
      uncertainty: {
        source: 'posterior',
        posteriorSha256: 'a'.repeat(64),
        posteriorFile: 'fit/posterior.json',
        indices: [
          { design: 'as-built-2022', metric: 'all_restored_h', path: 'servers.repair', index: 0.7 },
          { design: 'as-built-2022', metric: 'all_restored_h', path: 'people.hardwareCrews', index: 0.3 },
          { design: 'naver-like', metric: 'all_restored_h', path: 'people.engineers', index: 0.45 },
          { design: 'as-built-2022', metric: 'kakao-mail:normal_h', path: 'sites.pangyo.restoration.bypass.leadTime', index: 0.84 },
        ],
        unexplained: [{ design: 'as-built-2022', metric: 'all_restored_h', share: 0 }, { design: 'naver-like', metric: 'all_restored_h', share: 0.55 }],
      },
    };
    writeReport(join(dir, 'drawn.html'), drawn, writeOutput);
    const { page, errors } = await openPage(browser);
    await page.goto(pathToFileURL(join(dir, 'drawn.html')).href);
    await page.waitForSelector('[data-testid=hangs-on-as-built-2022]');
    const bars = (design: string) => page.locator(`[data-testid=hangs-on-${design}] rect[data-path]`).evaluateAll((rects) => rects.map((r) => [r.getAttribute('data-path'), Number(r.getAttribute('data-index'))]));
    expect(await bars('as-built-2022')).toEqual([['servers.repair', 0.7], ['people.hardwareCrews', 0.3]]);
    expect(await bars('naver-like')).toEqual([['people.engineers', 0.45]]);
    expect(await page.locator('[data-testid=hangs-on-naver-like]').textContent()).toContain('55% no single parameter explains');
    await page.locator('[data-testid=hangs-on-picker]').selectOption('kakao-mail:normal_h');
    expect(await bars('as-built-2022')).toEqual([['sites.pangyo.restoration.bypass.leadTime', 0.84]]);
    const worst = summary.perDesign[0]!.worst.seed;
    await page.locator(`[data-testid=designs] button[data-design="as-built-2022"][data-seed="${worst}"]`).first().click();
    expect(await page.locator('[data-testid=command]').textContent()).toBe(`firedrill run --design as-built-2022 --seed ${worst} --policy historical --posterior fit/posterior.json`);
    expect(errors).toEqual([]);
  });
});
