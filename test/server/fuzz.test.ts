import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

/**
 * The WebSocket message handler under generated messages (fixed seed, so a
 * failure replays): every message is answered in order and in bounded time,
 * no answer carries a stack trace or an internal error's name, and a run
 * another client started meanwhile ends exactly as it would alone.
 */
type Message = Record<string, unknown>;

let server: RunningServer;
let url: string;
beforeAll(async () => {
  server = await startServer({ port: 0, viewer: '/nonexistent/index.html', limits: { maxRunsPerClient: 3 } });
  url = `ws://127.0.0.1:${server.port}/ws`;
});
afterAll(() => server.close());

/** A socket that keeps what it receives, and can wait for a message or its own closing. */
class Client {
  readonly got: Message[] = [];
  closed: number | null = null;
  private wake: (() => void) | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.got.push(JSON.parse(data.toString()) as Message);
      this.wake?.();
    });
    ws.on('close', (code) => {
      this.closed = code;
      this.wake?.();
    });
  }

  static open(): Promise<Client> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }

  /** Resolves once `test` holds, or false after `ms`. */
  async until(test: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!test()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return true;
  }
}

const designs = ['as-built-2022', 'naver-like', 'kakao-2024', 'zoned-power-cutoff', 'control-plane-active-active'];
const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
// Requests near the valid ones, where a handler's assumptions are most likely to break.
const nearRequest = fc
  .record(
    {
      type: fc.oneof(fc.constant('run'), fc.string({ maxLength: 8 })),
      id: fc.oneof(fc.string({ maxLength: 40 }), anything),
      scenario: fc.oneof(fc.constant('pangyo-2022'), fc.constant('../../etc/passwd'), anything),
      design: fc.oneof(fc.constantFrom(...designs, null), anything),
      policy: fc.oneof(fc.constantFrom('historical', 'runbook'), anything),
      seed: fc.oneof(fc.integer({ min: -2, max: 2 ** 32 + 1 }), anything),
      __proto__: anything,
      constructor: anything,
      toString: anything,
    },
    { requiredKeys: [] },
  )
  .map((m) => JSON.stringify(m));
const deep = fc.integer({ min: 1, max: 2000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
const text = fc.oneof(
  { weight: 4, arbitrary: nearRequest },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.integer({ min: 3000, max: 6000 }).map((n) => JSON.stringify({ type: 'run', id: 'x'.repeat(n) })) },
);
// A valid request starts a real run; the property then waits for its start (or its refusal at the cap).
const valid = fc.record({ design: fc.constantFrom(...designs, null), seed: fc.nat(50) }).map((r) => ({ binary: false, data: '', run: r }));
const frame = fc.oneof(
  { weight: 8, arbitrary: text.map((t) => ({ binary: false, data: t as string | Uint8Array, run: null as { design: string | null; seed: number } | null })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ binary: true, data: b as string | Uint8Array, run: null })) },
  { weight: 1, arbitrary: valid },
);

const STACK = /internal error|\n\s+at |\b(TypeError|ReferenceError|RangeError|SyntaxError|InternalError)\b|Error: |node:internal|\.ts:\d+|\.js:\d+/;

describe('the WebSocket message handler, fuzzed', () => {
  it('answers every generated message in order and in bounded time, without a stack trace, and leaves another client\'s run untouched', async () => {
    const bystander = await Client.open();
    bystander.ws.send(JSON.stringify({ type: 'run', id: 'bystander', design: 'naver-like', seed: 7 }));
    // Fuzzing starts once the bystander's run has started: the first run's start-up (its worker loading the
    // model) once kept the first fuzzed answer past 5 s on a machine at load 10.
    expect(await bystander.until(() => bystander.got.some((m) => m.type === 'run.start'), 60_000)).toBe(true);

    let fuzz = await Client.open();
    let k = 0;
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        if (fuzz.closed !== null) fuzz = await Client.open();
        const from = fuzz.got.length;
        const sentinel = `s${k}`;
        const id = `v${k++}`;
        fuzz.ws.send(f.run === null ? f.data : JSON.stringify({ type: 'run', id, ...f.run }), { binary: f.binary });
        // Messages are handled in order, so the answer to this refused request comes after the fuzzed one's.
        fuzz.ws.send(JSON.stringify({ type: 'run', id: sentinel, seed: -1 }));
        const answered = await fuzz.until(() => fuzz.closed !== null || fuzz.got.slice(from).some((m) => m.run === sentinel && m.type === 'error'), 5000);
        expect(answered, 'no answer within 5 s').toBe(true);
        if (fuzz.closed !== null) expect(fuzz.closed, 'only an oversized message closes the socket').toBe(1009);
        if (f.run !== null) expect(await fuzz.until(() => fuzz.got.some((m) => m.run === id && (m.type === 'run.start' || m.type === 'error')), 30_000), 'a valid run neither started nor was refused').toBe(true);
        for (const m of fuzz.got.slice(from)) {
          seen[String(m.type)] = (seen[String(m.type)] ?? 0) + 1;
          expect(typeof m.type).toBe('string');
          if (m.type !== 'error') continue;
          expect(typeof m.message).toBe('string');
          expect(m.message as string).not.toMatch(STACK);
          expect((m.message as string).length).toBeLessThan(400);
        }
      }),
      { seed: 20261130, numRuns: 300, endOnFailure: true },
    );
    fuzz.ws.close();
    // The generated messages did reach every path: runs started and streamed as well as refusals.
    expect(seen['run.start'] ?? 0).toBeGreaterThan(0);

    expect(await bystander.until(() => bystander.got.some((m) => m.type === 'run.end' || m.type === 'error'), 60_000)).toBe(true);
    const end = bystander.got.find((m) => m.type === 'run.end' || m.type === 'error')!;
    const { ledger: _ledger, ...alone } = runScenario({ scenario: loadScenario('naver-like', 'design').scenario, design: 'naver-like', seed: 7, fleetFrames: true });
    expect(end).toEqual({ ...JSON.parse(JSON.stringify(alone)), run: 'bystander' });
    bystander.ws.close();

    const after = await Client.open();
    after.ws.send(JSON.stringify({ type: 'run', id: 'after', seed: 1 }));
    expect(await after.until(() => after.got.some((m) => m.type === 'run.end'), 60_000)).toBe(true);
    after.ws.close();
  });
});
