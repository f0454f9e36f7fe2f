/**
 * The drill's speed, as a learner feels it:
 * - the decision round trip in a group room: an action sent over the room's
 *   WebSocket to the next view received, through `firedrill serve`
 *   in-process (target at most 100 ms);
 * - the simulation inside the browser's Web Worker against the same work in
 *   Node on the same machine, in the same process, alternately (target at most
 *   2×): the debrief of an empty log, which runs each of the drill's arms once;
 * - the drill page's first view (its briefing on screen), opened from disk as
 *   an exported file and from the server (target within 2 s).
 * Needs the built drill page and worker (npm run build:web) and Debian's
 * Chromium (FIREDRILL_CHROMIUM or /usr/bin/chromium).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { drillBundle, drillPageFile, exportDrill } from '../src/cli/exportDrill.js';
import { decisionLog } from '../src/decide/log.js';
import type { Debrief } from '../src/drill/debrief.js';
import { createDrillEngine } from '../src/drill/engine.js';
import type { DrillBundle, DrillState, ToDrill } from '../src/drill/protocol.js';
import { startServer } from '../src/server/server.js';

interface Spread {
  n: number;
  median: number;
  p90: number;
  max: number;
}

export interface DrillBenchResult {
  drill: string;
  chromium: string;
  /** Action sent to the next view received, ms, in a group room through the server. */
  round_trip_ms: Spread;
  /** "Next question" (the clock run to the next stop) sent to its view received, ms: the simulation's share. */
  advance_ms: Spread;
  /** The debrief of an empty log (each arm run once) in Node and in the page's worker, ms (medians), and their ratio. */
  runs_per_debrief: number;
  node_ms: number;
  worker_ms: number;
  worker_vs_node: number;
  /** Navigation to the briefing on screen, ms (median of 5 fresh pages each). */
  first_view_exported_ms: number;
  first_view_served_ms: number;
}

const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, median: r1(at(0.5)), p90: r1(at(0.9)), max: r1(s.at(-1)!) };
};
function r1(x: number): number {
  return Math.round(x * 10) / 10;
}
const medianOf = (xs: number[]) => spread(xs).median;

/** A commander alone in a room, answering every question with its default (else its first takeable option), timed. */
async function roomRoundTrips(port: number, drill: string): Promise<{ act: number[]; advance: number[] }> {
  const origin = `http://127.0.0.1:${port}`;
  const open = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/drill-ws`, { origin });
    const inbox: Array<Record<string, unknown>> = [];
    let wake: (() => void) | null = null;
    ws.on('message', (data) => {
      inbox.push(JSON.parse(String(data)) as Record<string, unknown>);
      wake?.();
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const next = async (type: string): Promise<Record<string, unknown>> => {
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type || m.type === 'problem');
        if (i >= 0) {
          const m = inbox.splice(i, 1)[0]!;
          if (m.type === 'problem') throw new Error(`the room refused: ${String(m.message)}`);
          return m;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    return { ws, next };
  };
  const facilitator = await open();
  facilitator.ws.send(JSON.stringify({ type: 'room.create', drill }));
  const { code } = (await facilitator.next('room.joined')) as { code: string };
  const commander = await open();
  commander.ws.send(JSON.stringify({ type: 'room.join', code, seat: 'commander' }));
  let state = ((await commander.next('drill.state')) as { state: DrillState }).state;
  const act: number[] = [];
  const advance: number[] = [];
  let seq = 0;
  const timed = async (message: Record<string, unknown>, into: number[]) => {
    const t0 = performance.now();
    commander.ws.send(JSON.stringify({ ...message, seq: ++seq }));
    state = ((await commander.next('drill.state')) as { state: DrillState }).state;
    into.push(performance.now() - t0);
  };
  while (!state.ended) {
    const question = state.view.pending[0];
    if (question === undefined) {
      await timed({ type: 'drill.advance', hours: Math.max(0.001, state.endH - state.h) }, advance);
      continue;
    }
    const takeable = question.options.findIndex((o) => o.missing === null);
    const option = question.options[question.defaultOption ?? takeable] ?? question.options[takeable];
    if (option === undefined) throw new Error(`no option of ${question.key} can be taken`);
    await timed({ type: 'drill.act', action: option.action }, act);
  }
  facilitator.ws.close();
  commander.ws.close();
  return { act, advance };
}

/** Runs the drill's benchmark: a warm-up, then alternately Node and the worker. */
export async function runDrill(params: { rounds: number }, drill = 'pangyo-2022'): Promise<DrillBenchResult> {
  const workerFile = join(dirname(dirname(drillPageFile())), 'drill-worker', 'worker.js');
  for (const f of [drillPageFile(), workerFile]) if (!existsSync(f)) throw new Error(`the drill is not built (${f} is missing): run npm run build:web first`);
  const bundle: DrillBundle = drillBundle(drill);
  const log = decisionLog({ scenario: bundle.scenario.id, scenarioSha256: bundle.fingerprint, design: bundle.design, policy: 'learner', seed: bundle.script.seed }, [], bundle.scenario.fire.ignition);
  const message: ToDrill = { type: 'debriefOf', bundle, log, stoppedAtH: 0 };

  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-drill-'));
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.FIREDRILL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const trips = await roomRoundTrips(server.port, drill);

    // The worker: the built bundle the page carries, started from a blob as the page does.
    const page = await browser.newPage();
    await page.goto('about:blank');
    await page.evaluate((source) => {
      const w = globalThis as any;
      const worker = new w.Worker(w.URL.createObjectURL(new w.Blob([source], { type: 'text/javascript' })));
      w.timeDebrief = (m: unknown) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          worker.onmessage = (e: { data: { type: string; debrief?: { arms: unknown[] }; message?: string } }) => resolve({ ms: performance.now() - t0, type: e.data.type, arms: e.data.debrief?.arms.length ?? 0, problem: e.data.message ?? null });
          worker.postMessage(m);
        });
    }, readFileSync(workerFile, 'utf8'));
    const inWorker = async () => {
      const r = (await page.evaluate((m) => (globalThis as any).timeDebrief(m), message)) as { ms: number; type: string; arms: number; problem: string | null };
      if (r.type !== 'debrief') throw new Error(`the worker answered ${r.type}: ${r.problem}`);
      return r;
    };
    const inNode = () => {
      const engine = createDrillEngine();
      const t0 = performance.now();
      const answer = engine.handle(message) as { type: 'debrief'; debrief: Debrief };
      return { ms: performance.now() - t0, arms: answer.debrief.arms.length };
    };
    for (let i = 0; i < 2; i++) {
      await inWorker();
      inNode();
    }
    const node: number[] = [];
    const worker: number[] = [];
    let arms = 0;
    for (let i = 0; i < params.rounds; i++) {
      worker.push((await inWorker()).ms);
      const n = inNode();
      node.push(n.ms);
      arms = n.arms;
    }

    // First view: a fresh page each time, from navigation to the briefing on screen.
    const exported = join(dir, 'drill.html');
    exportDrill(drill, exported);
    const firstView = async (url: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        const t0 = performance.now();
        await p.goto(url);
        await p.waitForSelector('[data-testid=briefing]', { state: 'visible', timeout: 30_000 });
        times.push(performance.now() - t0);
        await p.close();
      }
      return medianOf(times);
    };
    const fromDisk = await firstView(pathToFileURL(exported).href);
    const served = await firstView(`${server.url}drill/?drill=${drill}`);
    const nodeMs = medianOf(node);
    const workerMs = medianOf(worker);
    return {
      drill,
      chromium: browser.version(),
      round_trip_ms: spread(trips.act),
      advance_ms: spread(trips.advance),
      runs_per_debrief: arms,
      node_ms: r1(nodeMs),
      worker_ms: r1(workerMs),
      worker_vs_node: Math.round((workerMs / nodeMs) * 100) / 100,
      first_view_exported_ms: r1(fromDisk),
      first_view_served_ms: r1(served),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
