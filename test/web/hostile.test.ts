import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/html/csp.js';
import { quote } from '../../src/stream/issues.js';
import { writeReport } from '../../src/sweep/report.js';
import type { SweepSummary } from '../../src/sweep/summary.js';
import { firedrill, ROOT } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';
import { launchBrowser, openPage, screenshot, startServe } from './browser.js';
import { auditPage, hostileRecording, numbersToPayloads, Payloads, replaceStrings, watchForPayloads, type PageAudit } from './hostile.js';

/**
 * Acceptance for issue #16's first finding: a real recording and a real sweep
 * summary with every string (and then the numbers the page prints) replaced
 * by script payloads, opened every way the viewer opens data: an exported
 * HTML file from disk, the viewer's open-recording input from disk and on the
 * served page, the sweep's report.html. Nothing may run, nothing may become
 * an element, the payloads must show as text, and the policy must be there.
 * Most pages are opened with the policy bypassed, so the DOM code is tested
 * on its own; the policy is then tested by itself.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-hostile-'));
const file = (name: string) => join(dir, name);
const viewer = pathToFileURL(join(ROOT, 'dist', 'web', 'index.html')).href;
let browser: Browser;
let server: ChildProcess;
let url = '';
let recording = '';
let summary: SweepSummary;

/** `firedrill ARGS` in this process (as a process, each command is tested in test/cli/ and test/sweep/), expected to succeed. */
async function succeed(args: string[]): Promise<void> {
  const r = await firedrillInProcess(args);
  expect(r.status, r.stderr).toBe(0);
}

beforeAll(async () => {
  ({ server, url } = await startServe());
  await succeed(['run', '--seed', '1', '--out', file('run.ndjson')]);
  recording = readFileSync(file('run.ndjson'), 'utf8');
  // The page exported once: the tests that alter its embedded recording each start from a copy.
  await succeed(['export', file('run.ndjson'), '--html', file('run.html')]);
  await succeed(['sweep', '--designs', 'as-built-2022,naver-like', '--seeds', '1..2', '--vary', 'people.engineers=2,8', '--workers', '1', '--progress', 'none', '--out', file('sweep')]);
  summary = JSON.parse(readFileSync(join(file('sweep'), 'summary.json'), 'utf8')) as SweepSummary;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** A page with payload watching, its console errors, and every URL it asked for. */
async function hostilePage(bypassCSP: boolean): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const { page, errors } = await openPage(browser, { bypassCSP });
  await watchForPayloads(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, errors, requests };
}

/** Nothing ran, nothing foreign was made, the page has only its own scripts, style and ids, and it shows at least `shown` payloads as text. */
function expectInert(audit: PageAudit, own: { scripts: number; ids: string[]; shown: number }): void {
  expect(audit.ran).toEqual([]);
  expect(audit.handlers).toEqual([]);
  expect(audit.foreign).toEqual([]);
  expect(audit.scripts).toBe(own.scripts);
  expect(audit.styles).toBe(1);
  expect(audit.ids).toEqual(own.ids);
  expect(audit.shown.length).toBeGreaterThanOrEqual(own.shown);
}

/** Plays the recording through, so every view draws every state it has. */
async function scrubThrough(page: Page): Promise<void> {
  const max = Number(await page.locator('[data-testid=scrub]').getAttribute('max'));
  expect(max).toBeGreaterThan(10);
  for (const h of [1, 5, 20, 60, max]) {
    await page.locator('[data-testid=scrub]').fill(String(h));
    await expect.poll(async () => Number(await page.locator('[data-testid=clock]').getAttribute('data-h'))).toBeCloseTo(h, 1);
  }
  // Hovering a service row shows its tooltip (the critical chain's words).
  await page.locator('[data-testid=service-timelines] g.row').first().hover();
}

describe('a recording whose every string is a script payload', () => {
  const payloads = new Payloads();
  let hostile = '';
  let html = '';
  beforeAll(async () => {
    hostile = hostileRecording(recording, payloads);
    writeFileSync(file('hostile.ndjson'), hostile);
    await succeed(['export', file('hostile.ndjson'), '--html', file('hostile.html')]);
    html = readFileSync(file('hostile.html'), 'utf8');
  });

  it('exported, opens from disk as text: nothing runs, nothing becomes an element (policy bypassed)', async () => {
    expect(payloads.count).toBeGreaterThan(100);
    const { page, errors, requests } = await hostilePage(true);
    await page.goto(pathToFileURL(file('hostile.html')).href);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    await scrubThrough(page);
    const title = payloads.for(JSON.parse(recording.split('\n')[0]!).title as string);
    expect(await page.locator('.pane header small').first().textContent()).toContain(title);
    expectInert(await auditPage(page), { scripts: 2, ids: ['recording'], shown: 60 });
    await screenshot(page, 'hostile-exported');
    expect(requests).toEqual([pathToFileURL(file('hostile.html')).href]);
    expect(errors).toEqual([]);
  });

  it('exported, carries a policy that reaches nothing and runs only its own script, and the browser enforces it', async () => {
    const { page, errors } = await hostilePage(false);
    await page.goto(pathToFileURL(file('hostile.html')).href);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]');
    const audit = await auditPage(page);
    expect(audit.policy).toBe(contentSecurityPolicy(html, { connect: false }));
    expect(audit.policy).toMatch(/^default-src 'none'; script-src 'sha256-[\w+/=]+'; style-src 'sha256-[\w+/=]+'; img-src data:; connect-src 'none';/);
    expectInert(audit, { scripts: 2, ids: ['recording'], shown: 20 });
    expect(errors).toEqual([]);
    // Were some code of ours to hand markup to the page, Trusted Types would refuse it, and an inline handler would not run.
    const refused = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      try {
        doc.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__pwned(-1)>');
        return 'accepted';
      } catch (error) {
        return String((error as Error).name);
      }
    });
    expect(refused).toBe('TypeError');
    expect((await auditPage(page)).ran).toEqual([]);
    // The one violation reported is the probe's own.
    expect(errors).toEqual(["This document requires 'TrustedHTML' assignment. The action has been blocked."]);
  });

  it('opened with the viewer’s input from disk and on the served page: nothing runs, the served page has the policy header', async () => {
    for (const [where, address] of [['file', viewer], ['served', url]] as const) {
      const { page, errors, requests } = await hostilePage(true);
      const response = await page.goto(address);
      if (where === 'served') {
        const header = response!.headers()['content-security-policy'];
        expect(header).toBe(`${contentSecurityPolicy(readFileSync(join(ROOT, 'dist', 'web', 'index.html'), 'utf8'), { connect: true })}; frame-ancestors 'none'`);
        await page.waitForSelector('[data-testid=run-status]');
      }
      await page.locator('[data-testid=open-file]').setInputFiles(file('hostile.ndjson'));
      await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('Opened hostile.ndjson.');
      await page.waitForSelector('[data-testid=run-status][data-state=complete]');
      await scrubThrough(page);
      expectInert(await auditPage(page), { scripts: 1, ids: [], shown: 60 });
      const own = where === 'file' ? [viewer] : [url, `${url}api/catalog`, `${url.replace('http', 'ws')}ws`];
      expect(requests.filter((r) => !own.includes(r))).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('the served page, policy enforced, shows it with no violation reported', async () => {
    const { page, errors } = await hostilePage(false);
    await page.goto(url);
    await page.waitForSelector('[data-testid=run-status][data-state=complete]', { timeout: 30_000 });
    await page.locator('[data-testid=open-file]').setInputFiles(file('hostile.ndjson'));
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('Opened hostile.ndjson.');
    await scrubThrough(page);
    expectInert(await auditPage(page), { scripts: 1, ids: [], shown: 60 });
    expect(errors).toEqual([]);
  });
});

describe('a recording whose numbers are script payloads', () => {
  const payloads = new Payloads();
  let headerNumbers = '';
  let ledgerNumbers = '';
  let ledgerLine = 0;
  let seed = '';
  let draws = '';
  beforeAll(() => {
    headerNumbers = numbersToPayloads(recording, 1, payloads, (m, p) => {
      m.seed = seed = p();
      m.ignitionH = p();
      for (const hall of m.halls) Object.assign(hall, { racks: p(), serversPerRack: p(), firstServer: p() });
    });
    ledgerLine = recording.split('\n').findIndex((l) => l.startsWith('{"type":"ledger"')) + 1;
    ledgerNumbers = numbersToPayloads(recording, ledgerLine, payloads, (m, p) => {
      m.draws = draws = p();
      for (const g of m.groups) g.people = p();
    });
    writeFileSync(file('numbers.ndjson'), headerNumbers);
    writeFileSync(file('ledger-numbers.ndjson'), ledgerNumbers);
  });

  it('is refused by export, naming the line, the field and what was there', () => {
    const r = firedrill(['export', file('numbers.ndjson'), '--html', file('numbers.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^firedrill: .*numbers\.ndjson:1: run\.start\.seed: expected number, got .* \(and \d+ more problems\)\n$/);
    expect(r.stderr).toContain(`numbers.ndjson:1: run.start.seed: expected number, got ${quote(seed)} (and`);
    expect(quote(seed)).toContain('<img src=x onerror=__pwned(0)>');
  });

  it('is refused by the viewer with the same message, shown as text; a bad ledger line keeps the run before it', async () => {
    const { page, errors } = await hostilePage(true);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(file('numbers.ndjson'));
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toMatch(/^numbers\.ndjson:1: run\.start\.seed: expected number, got .* \(and \d+ more problems\)$/);
    expect(await page.locator('[data-testid=status]').textContent()).toContain(`got ${quote(seed)} (and`);
    expect(await page.locator('.pane').count()).toBe(0);
    await page.locator('[data-testid=open-file]').setInputFiles(file('ledger-numbers.ndjson'));
    await page.waitForSelector('[data-testid=problem]');
    const problem = await page.locator('[data-testid=problem]').textContent();
    expect(problem).toContain(`ledger-numbers.ndjson:${ledgerLine}: ledger.draws: expected number, got ${quote(draws)} (and`);
    expect(problem).toMatch(new RegExp(`; showing the ${ledgerLine - 1} lines before it \\(up to T\\+\\d+\\.\\d h\\)\\.$`));
    expect(await page.locator('[data-testid=run-status]').getAttribute('data-state')).toBe('running');
    expectInert(await auditPage(page), { scripts: 1, ids: [], shown: 1 });
    expect(errors).toEqual([]);
  });
});

describe('an exported page whose embedded recording was altered', () => {
  /** The exported page of the real recording with line `n` of its data replaced by `line` (written as export writes it). */
  function tampered(name: string, n: number, line: string): string {
    const html = readFileSync(file('run.html'), 'utf8');
    const [, open, data, close] = /(<script type="application\/x-ndjson" id="recording"[^>]*>)([\s\S]*?)(<\/script>)/.exec(html)!;
    const lines = data!.split('\n');
    lines[n - 1] = line.replaceAll('<', '\\u003c');
    writeFileSync(file(name), html.replace(`${open}${data}${close}`, () => `${open}${lines.join('\n')}${close}`));
    return pathToFileURL(file(name)).href;
  }

  it('names the exact line that is broken', async () => {
    const { page, errors } = await hostilePage(true);
    await page.goto(tampered('cut.html', 300, '{"type":"sample","h":'));
    await page.waitForSelector('[data-testid=problem]');
    expect(await page.locator('[data-testid=status]').textContent()).toMatch(/^run\.ndjson:300: not JSON: the line is corrupt or cut short; showing the 299 lines before it \(up to T\+\d+\.\d h\)\.$/);
    expect(errors).toEqual([]);
  });

  it('refuses a run.start without halls or services with a clear message, not a failure inside a view', async () => {
    const start = JSON.parse(recording.split('\n')[0]!) as Record<string, unknown>;
    delete start.halls;
    delete start.services;
    const { page, errors } = await hostilePage(true);
    await page.goto(tampered('no-halls.html', 1, JSON.stringify(start)));
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('run.ndjson:1: run.start.halls: missing (expected array) (and 1 more problem)');
    expect(await page.locator('.pane').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows numbers that are payloads as a refusal, never as markup', async () => {
    const payload = `<img src=x onerror=__pwned(1)>`;
    const start = JSON.parse(recording.split('\n')[0]!) as Record<string, unknown>;
    start.seed = payload;
    const { page, errors } = await hostilePage(true);
    await page.goto(tampered('seed.html', 1, JSON.stringify(start)));
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe(`run.ndjson:1: run.start.seed: expected number, got ${JSON.stringify(payload)}`);
    expectInert(await auditPage(page), { scripts: 2, ids: ['recording'], shown: 1 });
    expect(errors).toEqual([]);
  });
});

describe('a sweep summary whose every string is a script payload', () => {
  const payloads = new Payloads();
  let hostile: SweepSummary;
  let numbers: SweepSummary;
  let runs = '';
  beforeAll(() => {
    hostile = replaceStrings(summary, payloads, new Set(['kind'])) as SweepSummary;
    writeFileSync(file('summary-hostile.json'), JSON.stringify(hostile, null, 1));
    writeReport(file('report-hostile.html'), hostile, writeFileSync);
    numbers = structuredClone(summary);
    (numbers as unknown as Record<string, unknown>).runs = runs = payloads.fresh();
    for (const d of numbers.perDesign) Object.assign(d, { worst: { ...d.worst, seed: payloads.fresh() }, best: { ...d.best, seed: payloads.fresh() } });
    writeFileSync(file('summary-numbers.json'), JSON.stringify(numbers));
    writeReport(file('report-numbers.html'), numbers, writeFileSync);
  });

  it('opens in the viewer, from disk and served, as text: nothing runs', async () => {
    for (const address of [viewer, url]) {
      const { page, errors } = await hostilePage(true);
      await page.goto(address);
      await page.locator('[data-testid=open-file]').setInputFiles(file('summary-hostile.json'));
      await page.waitForSelector('[data-testid=sweep]');
      expect(await page.locator('[data-testid=sweep] h2 small').textContent()).toContain(hostile.scenario);
      await page.locator('[data-testid=replay]').first().hover();
      expectInert(await auditPage(page), { scripts: 1, ids: [], shown: 5 });
      expect(errors).toEqual([]);
    }
  });

  it('as report.html, opens from disk as text under its policy: nothing runs', async () => {
    const html = readFileSync(file('report-hostile.html'), 'utf8');
    for (const bypassCSP of [true, false]) {
      const { page, errors, requests } = await hostilePage(bypassCSP);
      await page.goto(pathToFileURL(file('report-hostile.html')).href);
      await page.waitForSelector('[data-testid=designs] tbody tr');
      await page.locator('[data-testid=designs] button.seed').first().click();
      expect(await page.locator('[data-testid=command]').textContent()).toContain(hostile.perDesign[0]!.design);
      const audit = await auditPage(page);
      expect(audit.policy).toBe(contentSecurityPolicy(html, { connect: false }));
      expectInert(audit, { scripts: 2, ids: ['summary'], shown: 15 });
      if (bypassCSP) await screenshot(page, 'hostile-report');
      expect(requests).toEqual([pathToFileURL(file('report-hostile.html')).href]);
      expect(errors).toEqual([]);
    }
  });

  it('with its numbers payloads, is refused by the viewer and by report.html with a message naming the field', async () => {
    const message = `summary.runs: expected number, got ${quote(runs)}`;
    const { page, errors } = await hostilePage(true);
    await page.goto(viewer);
    await page.locator('[data-testid=open-file]').setInputFiles(file('summary-numbers.json'));
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toMatch(/^summary-numbers\.json: summary\.runs: expected number, got .+ \(and \d+ more problems\)$/);
    expect(await page.locator('[data-testid=status]').textContent()).toContain(message);
    expectInert(await auditPage(page), { scripts: 1, ids: [], shown: 1 });
    await page.goto(pathToFileURL(file('report-numbers.html')).href);
    await expect.poll(() => page.locator('[data-testid=problem]').textContent()).toContain(`The sweep inside this report cannot be shown: ${message}`);
    expectInert(await auditPage(page), { scripts: 2, ids: ['summary'], shown: 1 });
    expect(errors).toEqual([]);
  });
});
