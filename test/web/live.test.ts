import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firedrillInProcess } from '../inProcess.js';
import { countsAt, launchBrowser, openPage, screenshot, shownCounts, shownServices, startServe } from './browser.js';
import { createRuns } from './runs.js';

/**
 * The viewer live: `firedrill serve` as a real process on a free port, the
 * page in Chromium running the Pangyo replay over the WebSocket. Everything
 * the page shows must equal what `firedrill run` gives for the same seed.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-live-'));
let server: ChildProcess;
let url = '';
let browser: Browser;

type RunJson = { allRestoredHours: number; services: Array<{ id: string; firstUsableHours: number | null; normalHours: number | null }>; serverCurve: Array<{ hours: number; fractionRunning: number; reportedFractionRunning: number | null }> };
const runs = createRuns<RunJson>(dir);
const services = ({ json: run }: { json: RunJson }) => Object.fromEntries(run.services.map((s) => [s.id, [s.firstUsableHours, s.normalHours]]));

beforeAll(async () => {
  ({ server, url } = await startServe());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('the viewer, live from firedrill serve', () => {
  // The served page runs seed 1 as it opens: one page does that for the tests that start there, each going on from where the last left it.
  let landing: Awaited<ReturnType<typeof openPage>>;
  beforeAll(async () => {
    landing = await openPage(browser);
    await landing.page.goto(url);
  });

  it('runs the Pangyo replay to its end and shows the numbers firedrill run gives', async () => {
    const { page, errors } = landing;
    // The same run here while the server runs it for the page.
    const seed1 = runs(['--seed', '1']);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]', { timeout: 30_000 });
    const { json: run } = await seed1;
    expect(await shownServices(page)).toEqual(services(await seed1));
    expect(Number(await page.locator('[data-testid=all-restored]').getAttribute('data-hours'))).toBe(run.allRestoredHours);
    // The restart curve's reported points, each with the simulated fraction beside it.
    const points = await page.locator('[data-testid=curve-points] circle').evaluateAll((cs) => cs.map((c) => ({ hours: Number(c.getAttribute('data-hours')), fractionRunning: Number(c.getAttribute('data-fraction-running')), reportedFractionRunning: Number(c.getAttribute('data-reported')) })));
    expect(points).toEqual(run.serverCurve.filter((p) => p.reportedFractionRunning !== null));
    expect(points.length).toBe(8);
    // Scrub to T+24 h: the floor map agrees with the recorded stream of the same seed.
    await page.locator('[data-testid=scrub]').fill('24');
    await expect.poll(() => shownCounts(page)).toEqual(countsAt((await seed1).ndjson, 24));
    await screenshot(page, 'live-pangyo-t24');
    // Play advances the clock.
    await page.locator('[data-testid=speed]').selectOption(String(168 / 20));
    await page.locator('[data-testid=play]').click();
    await expect.poll(async () => Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBeGreaterThan(26);
    await page.locator('[data-testid=play]').click();
    expect(errors).toEqual([]);
  });

  it('compares two designs on the same seed, side by side and time-locked', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${url}?compare=as-built-2022,naver-like&seed=2`);
    const [a, b] = [runs(['--design', 'as-built-2022', '--seed', '2']), runs(['--design', 'naver-like', '--seed', '2'])];
    await expect.poll(() => page.locator('[data-testid=run-status][data-state=complete]').count(), { timeout: 30_000 }).toBe(2);
    expect(await shownServices(page, 0)).toEqual(services(await a));
    expect(await shownServices(page, 1)).toEqual(services(await b));
    await page.locator('[data-testid=scrub]').fill('10');
    await expect.poll(() => shownCounts(page, 0)).toEqual(countsAt((await a).ndjson, 10));
    expect(await shownCounts(page, 1)).toEqual(countsAt((await b).ndjson, 10));
    await screenshot(page, 'live-compare-t10');
    expect(errors).toEqual([]);
    // It may share the landing page's renderer (browser.ts): left open, it slows the tests that go on there.
    await page.close();
  });

  it('runs the design picked in the page', async () => {
    const { page, errors } = landing;
    const zoned = runs(['--design', 'zoned-power-cutoff', '--seed', '3']);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]', { timeout: 30_000 });
    await page.locator('[data-testid=design]').selectOption('zoned-power-cutoff');
    await page.locator('[data-testid=seed]').fill('3');
    await page.locator('[data-testid=run]').click();
    await expect.poll(() => page.locator('.pane h2').textContent()).toContain('zoned-power-cutoff');
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    expect(await shownServices(page)).toEqual(services(await zoned));
    expect(errors).toEqual([]);
  });

  it('opens a sweep’s summary.json and replays the worst run of a design', async () => {
    const { page, errors } = landing;
    // Two seeds are enough to have a worst one.
    const sweepDir = join(dir, 'sweep');
    const r = await firedrillInProcess(['sweep', '--designs', 'as-built-2022,naver-like', '--seeds', '1..2', '--progress', 'none', '--out', sweepDir]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(sweepDir, 'summary.json'), 'utf8')) as { perDesign: Array<{ design: string; worst: { seed: number } }> };
    const worst = summary.perDesign.find((d) => d.design === 'naver-like')!.worst.seed;
    await page.waitForSelector('[data-testid=run-status][data-state=complete]', { timeout: 30_000 });
    await page.locator('[data-testid=open-file]').setInputFiles(join(sweepDir, 'summary.json'));
    await page.waitForSelector('[data-testid=sweep]');
    await page.locator(`[data-testid=replay][data-design="naver-like"][data-seed="${worst}"]`).first().click();
    await expect.poll(() => page.locator('.pane h2').nth(1).textContent()).toContain(`naver-like`);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    expect(await page.locator('.pane h2').nth(1).textContent()).toContain(`seed ${worst}`);
    expect(await shownServices(page)).toEqual(services(await runs(['--design', 'naver-like', '--seed', String(worst)])));
    await screenshot(page, 'sweep-in-viewer');
    expect(errors).toEqual([]);
  });
});
