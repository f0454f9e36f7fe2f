import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';
import { countsAt, launchBrowser, openPage, screenshot, shownCounts, shownServices } from './browser.js';

/**
 * The viewer with no server: a recording opened from file:// by the file
 * picker, and the single HTML file `firedrill export` writes. What the page
 * shows must be what the recording holds. The commands run in this process
 * (as processes, run and export are tested in test/cli/).
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-web-'));
const recordingPath = join(dir, 'pangyo-seed-1.ndjson');
let recording = '';
let browser: Browser;
const viewer = pathToFileURL(join(ROOT, 'dist', 'web', 'index.html')).href;

beforeAll(async () => {
  const r = await firedrillInProcess(['run', '--seed', '1', '--out', recordingPath]);
  expect(r.status, r.stderr).toBe(0);
  recording = readFileSync(recordingPath, 'utf8');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const endOf = (ndjson: string) => JSON.parse(ndjson.trim().split('\n').at(-1)!) as { allRestoredHours: number; services: Array<{ id: string; firstUsableHours: number | null; normalHours: number | null }> };
const expected = (ndjson: string) => Object.fromEntries(endOf(ndjson).services.map((s) => [s.id, [s.firstUsableHours, s.normalHours]]));

describe('the viewer, offline', () => {
  it('opens a recording from file:// with the file picker and shows what it holds', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(recordingPath);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    expect(await shownServices(page)).toEqual(expected(recording));
    expect(Number(await page.locator('[data-testid=all-restored]').getAttribute('data-hours'))).toBe(endOf(recording).allRestoredHours);
    // Scrub to T+24 h: the floor map shows the fleet of the last keyframe at or before it.
    await page.locator('[data-testid=scrub]').fill('24');
    await expect.poll(() => page.locator('[data-testid=clock]').getAttribute('data-h')).toBe('24');
    expect(await shownCounts(page)).toEqual(countsAt(recording, 24));
    expect(await page.locator('[data-testid=clock]').textContent()).toBe('Sun 16 Oct 15:19 KST · T+24:00');
    // The header names the scenario by its fingerprint, in full on hover.
    const sha = (JSON.parse(recording.split('\n')[0]!) as { scenarioSha256: string }).scenarioSha256;
    expect(await page.locator('[data-testid=scenario-sha]').textContent()).toBe(sha.slice(0, 12));
    expect(await page.locator('[data-testid=scenario-sha]').getAttribute('title')).toContain(sha);
    await screenshot(page, 'offline-recording-t24');
    // The overview strip under the bar jumps to where it is clicked: its middle is half the run.
    const strip = await page.locator('[data-testid=overview]').boundingBox();
    const maxH = Number(await page.locator('[data-testid=scrub]').getAttribute('max'));
    await page.mouse.click(strip!.x + strip!.width / 2, strip!.y + strip!.height / 2);
    expect(Math.abs(Number(await page.locator('[data-testid=clock]').getAttribute('data-h')) - maxH / 2)).toBeLessThan(maxH / 100);
    await page.locator('[data-testid=scrub]').fill('24');
    // Stepping event by event walks the narrative.
    const eventTimes = recording.trim().split('\n').map((l) => JSON.parse(l) as { type: string; h: number }).filter((m) => m.type === 'narrative').map((m) => m.h);
    const after24 = [...new Set(eventTimes)].filter((t) => t > 24);
    await page.locator('[data-testid=next-event]').click();
    expect(Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBe(after24[0]);
    await page.locator('[data-testid=next-event]').click();
    expect(Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBe(after24[1]);
    await page.locator('[data-testid=prev-event]').click();
    expect(Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBe(after24[0]);
    // Clicking a narrative entry seeks to it.
    const entry = page.locator('[data-testid=narrative] li[data-kind="fire.out"]');
    await entry.click();
    expect(Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBe(Number(await entry.getAttribute('data-h')));
    expect(errors).toEqual([]);
  });

  it("writes a run's amounts in its own currency unit, in the ledger's table, chart and key", async () => {
    // Pangyo with its amounts declared in euros: the numbers stay, the unit is the scenario's.
    writeFileSync(join(dir, 'euro.yaml'), `extends: ${join(ROOT, 'scenarios', 'pangyo-2022.yaml')}\ncurrency: EUR\ncurrencyUnit: euro\n`);
    const euros = join(dir, 'euro.ndjson');
    const r = await firedrillInProcess(['run', join(dir, 'euro.yaml'), '--seed', '1', '--out', euros]);
    expect(r.status, r.stderr).toBe(0);
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(euros);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    await page.waitForSelector('[data-testid=ledger] tbody tr');
    const table = (await page.locator('[data-testid=ledger]').textContent())!;
    const chart = (await page.locator('[data-testid=ledger-chart]').getAttribute('aria-label'))!;
    const key = (await page.locator('.ledger-chart .chart-key').textContent())!;
    expect(table).toMatch(/\d euro/);
    expect(chart).toMatch(/\d euro lost so far/);
    expect(key).toContain('euro per person');
    expect([table, chart, key].filter((t) => /\bwon\b/.test(t))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a recording dropped on the page', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.evaluate((text) => {
      // Runs in the page; the tests' lib has no DOM types.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const w = globalThis as any;
      const data = new w.DataTransfer();
      data.items.add(new w.File([text], 'dropped.ndjson', { type: 'application/x-ndjson' }));
      w.document.dispatchEvent(new w.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, recording);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    expect(await page.locator('[data-testid=status]').textContent()).toBe('Opened dropped.ndjson.');
    expect(await shownServices(page)).toEqual(expected(recording));
    expect(errors).toEqual([]);
  });

  it('shows what it could read of a cut-short recording, and says where it stopped', async () => {
    const lines = recording.trim().split('\n');
    const cut = join(dir, 'cut.ndjson');
    writeFileSync(cut, `${lines.slice(0, 400).join('\n')}\n${lines[400]!.slice(0, 25)}`);
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(cut);
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toMatch(/^cut\.ndjson:401: not JSON: the line is corrupt or cut short; showing the 400 lines before it \(up to T\+\d+\.\d h\)\.$/);
    expect(await page.locator('[data-testid=run-status]').getAttribute('data-state')).toBe('running');
    expect(Object.values(await shownCounts(page)).reduce((a, b) => a + b, 0)).toBe(39000);
    expect(errors).toEqual([]);
  });

  it('refuses a recording of another major version with a clear message', async () => {
    const future = join(dir, 'future.ndjson');
    expect(recording).toMatch(/"protocol":"2\.\d+"/);
    writeFileSync(future, recording.replace(/"protocol":"2\.\d+"/, '"protocol":"3.0"'));
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(future);
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('future.ndjson:1: recorded with protocol 3.0; this Firedrill reads 1.1 to 2.x: open it with the Firedrill that recorded it');
    expect(await page.locator('.pane').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens a sweep summary of an older version (2, amounts named in won), and refuses one from the future', async () => {
    // Written by firedrill sweep before amounts lost the currency in their names (see test/sweep/summarySchema.test.ts).
    const v2Path = fileURLToPath(new URL('../sweep/fixtures/summary-v2.json', import.meta.url));
    const v2 = JSON.parse(readFileSync(v2Path, 'utf8')) as { version: number; perDesign: Array<{ design: string }> };
    const future = join(dir, 'summary-v4.json');
    writeFileSync(future, JSON.stringify({ ...v2, version: 4 }));
    const { page, errors } = await openPage(browser);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(v2Path);
    await page.waitForSelector('[data-testid=sweep]');
    expect(await page.locator('[data-testid=sweep] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-design')))).toEqual(v2.perDesign.map((d) => d.design));
    expect(await page.locator('[data-testid=status]').textContent()).toBe('Sweep of 2 designs over seeds 1..4: pick a run to replay.');
    await page.locator('[data-testid=open-file]').setInputFiles(future);
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('summary-v4.json: a sweep summary of version 4; this Firedrill reads versions 1 to 3: open it with the Firedrill that wrote it');
    expect(errors).toEqual([]);
  });

  it('firedrill export writes one HTML file that opens from disk and shows the run', async () => {
    const html = join(dir, 'shared.html');
    const r = await firedrillInProcess(['export', recordingPath, '--html', html]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*shared\.html \(\d+ messages, \d+ KiB\): open it in any browser, no server needed\.\n$/);
    const { page, errors } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    expect(await shownServices(page)).toEqual(expected(recording));
    await page.locator('[data-testid=scrub]').fill('60');
    await expect.poll(() => shownCounts(page)).toEqual(countsAt(recording, 60));
    await screenshot(page, 'exported-html-t60');
    // Self-contained: nothing is fetched but the file itself.
    expect(requests.filter((u) => u !== pathToFileURL(html).href)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('firedrill export refuses what is not a recording, and writes nothing', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, 'hello\n');
    const r = await firedrillInProcess(['export', bad, '--html', join(dir, 'bad.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`firedrill: ${bad}:1: expected a Firedrill recording (NDJSON from firedrill run --out), but line 1 is not JSON\n`);
    expect(() => readFileSync(join(dir, 'bad.html'))).toThrow();
  });
});
