/**
 * Real headless Chromium for the viewer's end-to-end tests: Debian's
 * /usr/bin/chromium driven by playwright-core, never a downloaded browser.
 * Screenshots go to test-artifacts/ for people to look at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { STATE_CLASSES, stateClassOf } from '../../web/src/palette.js';
import { ROOT } from '../cliHelpers.js';

/** An element as the page functions see it (the DOM types are not in the tests' lib). */
type Tagged = { dataset: Record<string, string | undefined> };

export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The system Chromium: FIREDRILL_CHROMIUM, or Debian's. */
export const CHROMIUM = process.env.FIREDRILL_CHROMIUM ?? '/usr/bin/chromium';

let logged = false;

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without these, Chromium reaches for Google's hosts, which this machine's closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  if (!logged) {
    logged = true;
    process.stdout.write(`browser tests: ${CHROMIUM}, Chromium ${browser.version()}\n`);
  }
  return browser;
}

// A browser's contexts for openPage, one per setting of bypassCSP: a context (and a renderer process) of
// its own per page cost a third of a second or more each, and the pages opened this way keep nothing in
// one (no cookies, no storage; the drill's rooms, which keep a token in localStorage, open their own
// contexts). Pages of one site then share a renderer: a test that keeps a page open across others
// (live.test.ts) closes the others' when they are done, or their leftover work slows it.
const contexts = new WeakMap<Browser, Map<boolean, Promise<BrowserContext>>>();

function contextFor(browser: Browser, bypassCSP: boolean): Promise<BrowserContext> {
  let byPolicy = contexts.get(browser);
  if (byPolicy === undefined) contexts.set(browser, (byPolicy = new Map()));
  let context = byPolicy.get(bypassCSP);
  if (context === undefined) byPolicy.set(bypassCSP, (context = browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP })));
  return context;
}

/** A page that records every console error and uncaught exception; `bypassCSP` ignores the pages' policies (to test what holds without them). */
export async function openPage(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await (await contextFor(browser, options.bypassCSP ?? false)).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A run's pane: the only one, or one of the two compared. */
export const runPane = (page: Page, pane = 0) => page.locator('.pane:has([data-testid=floor-map])').nth(pane);

/** What the page shows per service: id → [first usable, normal] hours (null when not back). */
export async function shownServices(page: Page, pane = 0): Promise<Record<string, [number | null, number | null]>> {
  return runPane(page, pane).locator('[data-testid=service-table] tbody tr').evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const d = (r as unknown as Tagged).dataset;
        const n = (x: string | undefined) => (x === undefined || x === '' ? null : Number(x));
        return [d.serviceId!, [n(d.firstUsable), n(d.normal)]];
      }),
    ),
  );
}

/** Counts by class of state the floor map shows. */
export async function shownCounts(page: Page, pane = 0): Promise<Record<string, number>> {
  return runPane(page, pane).locator('[data-testid=state-counts] .state').evaluateAll((spans) => Object.fromEntries(spans.map((s) => [(s as unknown as Tagged).dataset.class!, Number((s as unknown as Tagged).dataset.count)])));
}

/** Counts by class of state (web/src/palette.ts) of the last fleet frame at or before `h` in an NDJSON recording. */
export function countsAt(ndjson: string, h: number): Record<string, number> {
  const messages = ndjson.trim().split('\n').map((l) => JSON.parse(l) as { type: string; h?: number; runs?: number[]; serverStates?: string[] });
  const names = messages[0]!.serverStates!;
  const frame = messages.filter((m) => m.type === 'fleet' && m.h! <= h + 1e-9).at(-1)!;
  const counts: Record<string, number> = Object.fromEntries(STATE_CLASSES.map((c) => [c.id, 0]));
  for (let i = 0; i < frame.runs!.length; i += 2) counts[STATE_CLASSES[stateClassOf(names[frame.runs![i]!]!)]!.id]! += frame.runs![i + 1]!;
  return counts;
}

/** Serious and critical violations axe-core finds in the page as it is now (open the page with `bypassCSP`: axe is injected as a script). */
export async function axe(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: source });
  const result = await page.evaluate(async () => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }));
  return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** `firedrill serve --port 0` as a real process, and the URL it prints once it listens. */
export async function startServe(): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'firedrill.js'), 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Firedrill viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`firedrill serve exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`firedrill serve printed no URL: ${out}`)), 15_000);
  });
  return { server, url };
}
