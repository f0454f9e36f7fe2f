import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../sim/index.js';
import { runLogged } from '../../src/run/runScenario.js';
import type { LoggedAction } from '../../src/run/steppedRun.js';
import { loadScenario } from '../../src/scenario/load.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { DrillState } from '../../src/drill/protocol.js';
import { firedrill } from '../cliHelpers.js';
import { firedrillInProcess } from '../inProcess.js';
import { axe, launchBrowser, openPage, screenshot } from './browser.js';

/**
 * The drill in real Chromium, played by a scripted learner through the page's
 * forms and buttons: once as the runbook would, once as Kakao did; then the
 * exported one-file drill from disk with no network; then a group in roles.
 * The commands the page is held against (compare, counterfactual) run in this
 * process: as processes they are tested in test/cli/.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-drill-'));
const { scenario } = loadScenario('as-built-2022', 'design');
const ignition = scenario.fire.ignition;
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ port: 0 });
  // A real process: the one place `export --drill` is tested.
  const exported = firedrill(['export', '--drill', 'pangyo-2022', '--html', join(dir, 'drill.html')]);
  expect(exported.status, exported.stderr).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the page has shown a state after `before` (the page counts the states it renders). */
async function settled(page: Page, before: string | undefined): Promise<void> {
  // Page functions reach the DOM through globalThis: the tests compile without the DOM's types (and the pages' policy forbids strings).
  // getAttribute, not dataset: before the first state both are "none", as null (dataset would say undefined, and pass at once).
  await page.waitForFunction((n) => (globalThis as any).document.querySelector('[data-testid=drill]').getAttribute('data-renders') !== n, before ?? null, { timeout: 30_000 });
}

/** Clicks and waits for the state it brings. */
async function press(page: Page, selector: string): Promise<void> {
  const before = await page.locator('[data-testid=drill]').getAttribute('data-renders');
  await page.locator(selector).first().click();
  await settled(page, before ?? undefined);
}

const hoursShown = async (page: Page) => Number(await page.locator('[data-testid=drill]').getAttribute('data-h'));

/** Takes one unprompted action through the forms. */
async function form(page: Page, action: LoggedAction['action']): Promise<void> {
  if (action.kind === 'priorities.set') {
    for (const id of action.first) {
      await page.selectOption('[data-testid=order-service]', id);
      await page.click('[data-testid=order-add]');
    }
    return press(page, '[data-testid=set-priorities]');
  }
  if (action.kind === 'people.callIn') {
    await page.selectOption('[data-testid=callin-team]', action.team);
    await page.fill('[data-testid=callin-count]', String(action.count));
    return press(page, '[data-testid=call-in]');
  }
  if (action.kind === 'promise.state') {
    await page.fill('[data-testid=promise-hours]', String(action.withinH));
    await page.selectOption('[data-testid=promise-after]', action.after);
    await page.selectOption('[data-testid=promise-service]', action.service ?? '');
    return press(page, '[data-testid=promise-state]');
  }
  throw new Error(`no form for ${action.kind}`);
}

/** The learner's decision log as the page saves it ("Save your decisions"). */
async function learnerLog(page: Page): Promise<{ actions: Array<{ atMs: number; request: string | null; action: unknown }> }> {
  const download = page.waitForEvent('download');
  await page.click('[data-testid=save-log]');
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

/** Plays a whole drill, taking `entries` (a policy's decisions) through the page, then asks for the debrief. */
async function play(page: Page, entries: readonly LoggedAction[]): Promise<void> {
  await page.selectOption('[data-testid=pace]', 'stop');
  await press(page, '[data-testid=start]');
  for (const e of entries) {
    if (e.request !== null) {
      const question = `[data-testid=question][data-key="${e.request}"]`;
      for (let i = 0; i < 40 && (await page.locator(question).count()) === 0; i++) await press(page, '[data-testid=next-question]');
      const option = page.locator(`${question} [data-testid=option]`);
      const actions = await option.evaluateAll((els) => els.map((b) => b.getAttribute('data-action')));
      const at = actions.indexOf(JSON.stringify(e.action));
      expect(at, `${e.request}: ${JSON.stringify(e.action)} among ${actions.join(' ')}`).toBeGreaterThanOrEqual(0);
      const before = await page.locator('[data-testid=drill]').getAttribute('data-renders');
      await option.nth(at).click();
      await settled(page, before ?? undefined);
    } else {
      // Unprompted: at its question's stop it follows the answer; at a time of its own, the clock is stepped there.
      if (e.stop === null) while ((await hoursShown(page)) < (e.atMs - ignition) / HOUR - 1e-9) await press(page, '[data-testid=step-15m]');
      await form(page, e.action);
    }
  }
  // The page took exactly these decisions, at these times: said here, a divergence names its first entry.
  const taken = (await learnerLog(page)).actions;
  const want = (e: LoggedAction) => ({ request: e.request, action: e.action, ...(e.request === null ? {} : { atMs: e.atMs }) });
  const first = entries.findIndex((e, i) => JSON.stringify(want(e)) !== JSON.stringify(taken[i] === undefined ? null : want(taken[i] as LoggedAction)));
  expect(first, `entry ${first}: wanted ${JSON.stringify(entries[first] && want(entries[first]!))}, the page took ${JSON.stringify(taken[first])}`).toBe(-1);
  expect(taken.length).toBe(entries.length);
  while (!((await page.textContent('[data-testid=status]')) ?? '').includes('over')) await press(page, '[data-testid=next-question]');
  await page.click('[data-testid=end]');
  await page.waitForSelector('[data-testid=debrief]', { timeout: 120_000 });
}

/** What the debrief shows: everything restored and user-hours lost per column, and each decision's cost by log index. */
async function debriefOf(page: Page) {
  const cells = (attr: string) =>
    page.locator(`td[${attr}]`).evaluateAll((tds, a) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-arm')!, Number(td.getAttribute(a))])), attr);
  return {
    allRestored: await cells('data-hours'),
    userHours: await cells('data-user-hours'),
    costs: Object.fromEntries(await page.locator('[data-testid=decision-cost]').evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-index')), Number(r.getAttribute('data-cost'))]))),
    score: Number(await page.locator('[data-testid=score]').getAttribute('data-total')),
  };
}

/** A policy's decisions on seed 1 (a whole run each, so run once). */
const logs = new Map<string, readonly LoggedAction[]>();
const policyLog = (policy: string) => logs.get(policy) ?? logs.set(policy, runLogged({ scenario, seed: 1, policy }).log).get(policy)!;

describe('the drill, played through the page', () => {
  let historical: Awaited<ReturnType<typeof debriefOf>>;

  it('as the runbook would: the debrief puts the learner level with the runbook, ahead of historical, as compare --policies does for seed 1 (and the briefing and debrief pass the accessibility audit; policy bypassed for axe-core only)', async () => {
    const { page, errors } = await openPage(browser, { bypassCSP: true });
    await page.goto(`${server.url}drill/?drill=pangyo-2022`);
    await screenshot(page, 'drill-briefing');
    expect(await axe(page)).toEqual([]);
    await play(page, policyLog('runbook'));
    await screenshot(page, 'drill-debrief-runbook');
    expect(await axe(page)).toEqual([]);
    // Amounts in the scenario's currency, as it writes it.
    expect(await page.locator('h2', { hasText: 'Who lost what' }).textContent()).toBe('Who lost what (won, median)');
    const shown = await debriefOf(page);
    expect(shown.allRestored.you).toBe(shown.allRestored.runbook);
    expect(shown.userHours.you).toBe(shown.userHours.runbook);
    const compare = JSON.parse((await firedrillInProcess(['compare', '--designs', 'as-built-2022', '--policies', 'historical,runbook', '--seeds', '1', '--json'])).stdout) as { designs: Array<{ policy: string; allRestoredHours: number }> };
    const byPolicy = Object.fromEntries(compare.designs.map((d) => [d.policy, d.allRestoredHours]));
    expect(shown.allRestored.runbook).toBe(byPolicy.runbook);
    expect(shown.allRestored.historical).toBe(byPolicy.historical);
    expect(Math.sign(shown.allRestored.you! - shown.allRestored.historical!)).toBe(Math.sign(byPolicy.runbook! - byPolicy.historical!));
    expect(shown.score).toBeGreaterThanOrEqual(80);
    expect(errors).toEqual([]);
  });

  it('as Kakao did: level with historical; each decision’s cost is what firedrill counterfactual gives for the saved log', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}drill/?drill=pangyo-2022`);
    await play(page, policyLog('historical'));
    historical = await debriefOf(page);
    expect(historical.allRestored.you).toBe(historical.allRestored.historical);
    expect(historical.userHours.you).toBe(historical.userHours.historical);
    const download = page.waitForEvent('download');
    await page.click('[data-testid=export-log]');
    const log = join(dir, 'learner.json');
    await (await download).saveAs(log);
    const cf = JSON.parse((await firedrillInProcess(['counterfactual', '--decisions', log, '--with', 'runbook', '--json'])).stdout) as { effects: Array<{ index: number; loss: number }> };
    expect(cf.effects.length).toBe(Object.keys(historical.costs).length);
    for (const e of cf.effects) expect(historical.costs[e.index], `decision ${e.index}`).toBe(0 - e.loss || 0);
    await screenshot(page, 'drill-debrief-historical');
    expect(errors).toEqual([]);
  });

  it('the exported file opens from disk, makes no request, and plays to the same debrief', async () => {
    const { page, errors } = await openPage(browser);
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (!/^(file|blob|data):/.test(url)) requests.push(url);
      return route.continue();
    });
    const t0 = Date.now();
    await page.goto(`file://${join(dir, 'drill.html')}`);
    await page.waitForSelector('[data-testid=start]');
    const firstView = Date.now() - t0;
    await play(page, policyLog('historical'));
    const shown = await debriefOf(page);
    expect(shown).toEqual(historical);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(firstView).toBeLessThan(10_000); // measured in bench/RESULTS.md; here only a sanity bound for a loaded machine
  });
});

describe('the way in', () => {
  it('the viewer\'s header leads to the drill, and the served drill back to the viewer; an exported drill has no such link', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(server.url);
    await page.locator('[data-testid=drill-link]').click();
    await page.waitForSelector('[data-testid=briefing]');
    expect(new URL(page.url()).pathname).toBe('/drill/');
    await page.locator('[data-testid=viewer-link]').click();
    await page.waitForSelector('[data-testid=server-controls]:not([hidden])');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goto(`file://${join(dir, 'drill.html')}`);
    await page.waitForSelector('[data-testid=briefing]');
    expect(await page.locator('[data-testid=viewer-link]').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('a group drill', () => {
  it('three learners in roles and a facilitator: each sees its part, an action reaches the others, a lost connection resumes, nothing of the servers while monitoring is down', async () => {
    const pageIn = async (url: string) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const states: DrillState[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => {
        const notice = JSON.parse(String(f.payload));
        if (notice.type === 'drill.state') states.push(notice.state);
      }));
      await page.goto(url);
      return { page, errors, states };
    };
    const f = await pageIn(`${server.url}drill/?facilitate=pangyo-2022`);
    await f.page.waitForSelector('[data-testid=facilitator]');
    const code = ((await f.page.textContent('[data-testid=facilitator] h2')) ?? '').replace('Room ', '');
    const ic = await pageIn(`${server.url}drill/?room=${code}&seat=commander`);
    const comms = await pageIn(`${server.url}drill/?room=${code}&seat=communications`);
    const ops = await pageIn(`${server.url}drill/?room=${code}&seat=operations`);
    await ops.page.waitForSelector('[data-testid=knowledge]');
    await f.page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid=members]')?.textContent?.includes('operations'));
    // Each role its part: the communications lead no teams and no floor; the operations lead no complaints and no promises.
    expect(await comms.page.locator('[data-testid=people]').count()).toBe(0);
    expect(await comms.page.locator('[data-testid=promise-state]').count()).toBe(1);
    expect(await ops.page.locator('[data-testid=complaints]').count()).toBe(0);
    expect(await ops.page.locator('[data-testid=promise-state]').count()).toBe(0);
    expect(await ops.page.locator('[data-testid=call-in]').count()).toBe(1);

    await press(ic.page, '[data-testid=next-question]');
    const t0 = Date.now();
    await ic.page.locator('[data-testid=option][data-kind="incident.declare"]').click();
    await ops.page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid=log]')?.textContent?.includes('incident.declare'));
    // The round trip's figure (a few ms) is measured by npm run bench -- drill (bench/RESULTS.md); here only
    // a bound a loaded machine keeps, which a room that waited for something else (a step, a poll) would not.
    expect(Date.now() - t0).toBeLessThan(3_000);

    // The room runs on past the full power cut and into the dark.
    for (let i = 0; i < 6; i++) await press(ic.page, '[data-testid=step-1h]');
    await screenshot(ops.page, 'drill-group-operations');
    await screenshot(comms.page, 'drill-group-communications');
    await screenshot(f.page, 'drill-group-facilitator');
    const h = await hoursShown(ops.page);
    await ops.page.reload();
    await ops.page.waitForSelector('[data-testid=knowledge]');
    await ops.page.waitForFunction((x) => Number((globalThis as any).document.querySelector('[data-testid=drill]').dataset.h) === x, h);

    for (const m of [ic, comms, ops]) {
      const dark = m.states.filter((s) => !s.view.tools.monitoring);
      for (const s of dark) expect(s.view.halls).toBeNull();
      for (const s of m.states) expect(JSON.stringify(s)).not.toMatch(/"(serverState|runs|serverStates)":/);
      expect(m.errors).toEqual([]);
    }
    expect(ic.states.some((s) => !s.view.tools.monitoring)).toBe(true);

    await f.page.click('[data-testid=room-debrief]');
    await Promise.all([ic, comms, ops].map((m) => m.page.waitForSelector('[data-testid=debrief]', { timeout: 120_000 })));
    await screenshot(ic.page, 'drill-group-debrief');
  });
});
