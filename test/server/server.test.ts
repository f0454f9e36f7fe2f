import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sendBounded, startServer, type RunningServer } from '../../src/server/server.js';

/** `firedrill serve` in-process: what it serves, what it runs, and what it refuses. */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, viewer: '/nonexistent/index.html' });
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket and collects what it receives until `done` says so. */
function session(send: unknown[], done: (messages: Array<Record<string, unknown>>) => boolean, options: { origin?: string; url?: string } = {}): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.url ?? `ws://127.0.0.1:${server.port}/ws`, options.origin ? { origin: options.origin } : {});
    const got: Array<Record<string, unknown>> = [];
    ws.on('open', () => send.forEach((m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m))));
    ws.on('message', (data) => {
      got.push(JSON.parse(data.toString()) as Record<string, unknown>);
      if (done(got)) {
        ws.close();
        resolve(got);
      }
    });
    ws.on('error', reject);
    ws.on('close', (code) => resolve([...got, { closed: code }]));
  });
}

const ended = (n: number) => (ms: Array<Record<string, unknown>>) => ms.filter((m) => m.type === 'run.end' || m.type === 'error').length >= n;

describe('firedrill serve', () => {
  it('binds to 127.0.0.1 by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('lists the built-in designs and policies, and serves nothing else from disk', async () => {
    const catalog = JSON.parse((await get('/api/catalog')).body) as { designs: Array<{ id: string }>; policies: string[]; scenarios: string[] };
    expect(catalog.scenarios).toEqual(['pangyo-2022', 'ovh-sbg-2021']); // the default first: the viewer starts it
    expect(catalog.designs.map((d) => d.id)).toEqual(['as-built-2022', 'control-plane-active-active', 'kakao-2024', 'naver-like', 'zoned-power-cutoff']);
    expect(catalog.policies).toEqual(['historical', 'runbook']);
    for (const path of ['/../etc/passwd', '/%2e%2e/package.json', '/dist/web/index.html', '/src/cli/main.ts', '/scenarios/pangyo-2022.yaml']) expect((await get(path)).status, path).toBe(404);
    const missing = await get('/');
    expect(missing.status).toBe(503);
    expect(missing.body).toBe('The viewer is not built: run npm run build:web (npm start does it for you).\n');
  });

  it('streams a run in protocol order, ending with what runScenario gives for the same seed', async () => {
    const got = await session([{ type: 'run', seed: 3 }], ended(1));
    expect(got[0]!.type).toBe('run.start');
    expect(got.at(-1)!.type).toBe('run.end');
    expect(got.at(-2)!.type).toBe('ledger');
    expect(got.filter((m) => m.type === 'fleet').length).toBeGreaterThan(50);
    const direct = runScenario({ scenario: loadScenario('pangyo-2022').scenario, seed: 3, fleetFrames: true });
    const { ledger, ...end } = direct;
    expect(got.at(-1)).toEqual(JSON.parse(JSON.stringify(end)));
    expect(got.at(-2)).toEqual(JSON.parse(JSON.stringify(ledger)));
  });

  it('tells two runs on one socket apart by their id', async () => {
    const got = await session([{ type: 'run', id: 'a', design: 'as-built-2022', seed: 1 }, { type: 'run', id: 'b', design: 'naver-like', seed: 1 }], ended(2));
    const end = (id: string) => got.find((m) => m.type === 'run.end' && m.run === id) as { allRestoredHours: number };
    expect(got.filter((m) => m.type === 'run.start').map((m) => [m.run, m.design]).sort()).toEqual([['a', 'as-built-2022'], ['b', 'naver-like']]);
    expect(end('b').allRestoredHours).toBeLessThan(end('a').allRestoredHours);
  });

  it('refuses bad requests with a clear message and keeps the socket open', async () => {
    const got = await session(
      ['not json', { type: 'run', scenario: '../../etc/passwd' }, { type: 'run', id: 'x', design: 'naver-lik' }, { type: 'run', seed: -1 }, { type: 'run', policy: 'panic' }, { type: 'run', path: '/etc/passwd' }, { type: 'run', id: 'ok', seed: 1 }],
      (ms) => ms.some((m) => m.type === 'run.end'),
    );
    const errors = got.filter((m) => m.type === 'error').map((m) => m.message);
    expect(errors).toEqual([
      'expected a JSON message such as {"type":"run","design":"naver-like","seed":1}',
      'scenario: expected a built-in scenario (pangyo-2022, ovh-sbg-2021), got "../../etc/passwd"',
      'design: expected a built-in design (as-built-2022, control-plane-active-active, kakao-2024, naver-like, zoned-power-cutoff) or null, got "naver-lik"',
      'seed: expected a whole number from 0 to 4294967295',
      'policy: expected one of historical, runbook, got "panic"',
      'message: unknown field(s) path',
    ]);
    expect(got.find((m) => m.type === 'error' && m.message!.toString().startsWith('design'))!.run).toBe('x');
    expect(got.at(-1)!.type).toBe('run.end');
  });

  it('closes the socket on an oversized message', async () => {
    const got = await session([JSON.stringify({ type: 'run', id: 'x'.repeat(5000) })], () => false);
    expect(got.at(-1)).toEqual({ closed: 1009 });
  });

  it('refuses requests naming another host (DNS rebinding), and answers to its own names', async () => {
    const evil = await get('/api/catalog', { Host: `evil.example:${server.port}` });
    expect(evil.status).toBe(421);
    expect(evil.body).toBe(`this server answers to 127.0.0.1:${server.port}; use that address\n`);
    expect((await get('/api/catalog', { Host: `localhost:${server.port}` })).status).toBe(200);
    await expect(session([], () => true, { url: `ws://127.0.0.1:${server.port}/ws`, origin: `http://evil.example:${server.port}` })).rejects.toThrow(/403/);
  });

  it('refuses a WebSocket from another origin, and accepts its own', async () => {
    await expect(session([], () => true, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const ok = await session([{ type: 'run', seed: 1 }], ended(1), { origin: `http://127.0.0.1:${server.port}` });
    expect(ok.at(-1)!.type).toBe('run.end');
  });

  it('bounds runs per client and run time', async () => {
    const strict = await startServer({ port: 0, limits: { maxRunsPerClient: 1 } });
    const tight = await startServer({ port: 0, limits: { runTimeoutMs: 1 } });
    try {
      const two = await session([{ type: 'run', id: 'a' }, { type: 'run', id: 'b' }], ended(2), { url: `ws://127.0.0.1:${strict.port}/ws` });
      expect(two.find((m) => m.type === 'error')).toEqual({ type: 'error', run: 'b', message: 'at most 1 runs at a time per connection; wait for one to end' });
      expect(two.filter((m) => m.type === 'run.end').map((m) => m.run)).toEqual(['a']);
      const slow = await session([{ type: 'run', id: 'a' }], ended(1), { url: `ws://127.0.0.1:${tight.port}/ws` });
      expect(slow.at(-1)).toEqual({ type: 'error', run: 'a', message: 'the run took longer than 0.001 s and was stopped' });
    } finally {
      await strict.close();
      await tight.close();
    }
  });

  it('drops a client that stops reading instead of buffering for it', () => {
    const sent: string[] = [];
    let terminated = false;
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: (t: string) => sent.push(t), terminate: () => (terminated = true) };
    expect(sendBounded(socket, 'a', 1000)).toBe(true);
    socket.bufferedAmount = 1001;
    expect(sendBounded(socket, 'b', 1000)).toBe(false);
    expect([sent, terminated]).toEqual([['a'], true]);
  });
});
