import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sendBounded, startServer, type RunningServer } from '../../src/server/server.js';
import { firedrillInProcess } from '../inProcess.js';

/** `firedrill serve` in-process: what it serves, what it runs, and what it refuses. */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, viewer: '/nonexistent/index.html' });
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}, port = server.port): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
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
    const catalog = JSON.parse((await get('/api/catalog')).body) as { designs: Array<{ id: string; title?: string; description?: string | null }>; policies: string[]; scenarios: string[] };
    expect(catalog.scenarios).toEqual(['pangyo-2022', 'ovh-sbg-2021']); // the default first: the viewer starts it
    expect(catalog.designs.map((d) => d.id)).toEqual(['as-built-2022', 'control-plane-active-active', 'kakao-2024', 'naver-like', 'zoned-power-cutoff']);
    // Titles and what each design changes, for the viewer's pickers.
    expect(catalog.designs.find((d) => d.id === 'naver-like')).toEqual({ id: 'naver-like', title: 'Naver-like active-active', description: 'Every service active-active across three data centres; Pangyo carries about 10% of traffic.' });
    expect(catalog.policies).toEqual(['historical', 'runbook']);
    for (const path of ['/../etc/passwd', '/%2e%2e/package.json', '/dist/web/index.html', '/src/cli/main.ts', '/scenarios/pangyo-2022.yaml']) expect((await get(path)).status, path).toBe(404);
    const missing = await get('/');
    expect(missing.status).toBe(503);
    expect(missing.body).toBe('The viewer is not built: run npm run build:web (npm start does it for you).\n');
  });

  // One run serves the order and the compression tests: the client offers permessage-deflate, as a browser does.
  let streamed: Promise<{ got: Array<Record<string, unknown>>; payload: number; bytesRead: number; extensions: string }> | null = null;
  const streamedRun = () =>
    (streamed ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { perMessageDeflate: true });
      let socket: { bytesRead: number } | null = null;
      ws.on('upgrade', (response) => (socket = response.socket));
      const got: Array<Record<string, unknown>> = [];
      let payload = 0;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'run', seed: 3 })));
      ws.on('message', (data: Buffer) => {
        payload += data.length;
        got.push(JSON.parse(data.toString()) as Record<string, unknown>);
        if (ended(1)(got)) ws.close();
      });
      ws.on('close', () => resolve({ got, payload, bytesRead: socket!.bytesRead, extensions: ws.extensions }));
      ws.on('error', reject);
    }));

  it('streams a run in protocol order, ending with what runScenario gives for the same seed', async () => {
    const { got } = await streamedRun();
    expect(got[0]!.type).toBe('run.start');
    expect(got.at(-1)!.type).toBe('run.end');
    expect(got.at(-2)!.type).toBe('ledger');
    expect(got.filter((m) => m.type === 'fleet').length).toBeGreaterThan(50);
    const direct = runScenario({ scenario: loadScenario('pangyo-2022').scenario, seed: 3, fleetFrames: true });
    const { ledger, ...end } = direct;
    expect(got.at(-1)).toEqual(JSON.parse(JSON.stringify(end)));
    expect(got.at(-2)).toEqual(JSON.parse(JSON.stringify(ledger)));
  });

  it('compresses what it sends (permessage-deflate): a run crosses the wire in under half its bytes', async () => {
    const { payload, bytesRead, extensions } = await streamedRun();
    expect(extensions).toBe('permessage-deflate');
    // The messages are the recording's bytes, unchanged: about a megabyte.
    expect(payload).toBeGreaterThan(500_000);
    expect(bytesRead).toBeLessThan(payload / 2);
  });

  it('tells two runs on one socket apart by their id', async () => {
    const got = await session([{ type: 'run', id: 'a', design: 'as-built-2022', seed: 1 }, { type: 'run', id: 'b', design: 'naver-like', seed: 1 }], ended(2));
    const end = (id: string) => got.find((m) => m.type === 'run.end' && m.run === id) as { allRestoredHours: number };
    expect(got.filter((m) => m.type === 'run.start').map((m) => [m.run, m.design]).sort()).toEqual([['a', 'as-built-2022'], ['b', 'naver-like']]);
    expect(end('b').allRestoredHours).toBeLessThan(end('a').allRestoredHours);
  });

  // The bad requests come from the server's own origin, as the viewer's would: the run that ends the
  // session is also what the origin test needs to see accepted.
  let fromOwnOrigin: Promise<Array<Record<string, unknown>>> | null = null;
  const badRequestsFromOwnOrigin = () =>
    (fromOwnOrigin ??= session(
      ['not json', { type: 'run', scenario: '../../etc/passwd' }, { type: 'run', id: 'x', design: 'naver-lik' }, { type: 'run', seed: -1 }, { type: 'run', policy: 'panic' }, { type: 'run', path: '/etc/passwd' }, { type: 'run', id: 'ok', seed: 1 }],
      (ms) => ms.some((m) => m.type === 'run.end'),
      { origin: `http://127.0.0.1:${server.port}` },
    ));

  it('refuses bad requests with a clear message and keeps the socket open', async () => {
    const got = await badRequestsFromOwnOrigin();
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
    const ok = await badRequestsFromOwnOrigin();
    expect(ok.at(-1)!.type).toBe('run.end');
  });

  it('bounds runs per client and run time', async () => {
    const strict = await startServer({ port: 0, limits: { maxRunsPerClient: 1 } });
    const tight = await startServer({ port: 0, limits: { runTimeoutMs: 1 } });
    try {
      const two = await session([{ type: 'run', id: 'a' }, { type: 'run', id: 'b' }], ended(2), { url: `ws://127.0.0.1:${strict.port}/ws` });
      expect(two.find((m) => m.type === 'error')).toEqual({ type: 'error', run: 'b', message: 'at most 1 runs at a time from one address, over all its connections; wait for one to end' });
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

describe('firedrill serve beyond loopback', () => {
  it('bound to every address, still refuses Host names it was not given (DNS rebinding), and answers to loopback and --allowed-host names', async () => {
    const open = await startServer({ port: 0, host: '0.0.0.0', allowedHosts: ['lab.example.org'], viewer: '/nonexistent/index.html' });
    try {
      const p = open.port;
      expect(open.loopback).toBe(false);
      expect((await get('/api/catalog', { Host: `evil.example:${p}` }, p)).status).toBe(421);
      expect((await get('/api/catalog', { Host: `lab.example.org.evil.example:${p}` }, p)).status).toBe(421);
      for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `lab.example.org:${p}`, `LAB.example.org:${p}`]) expect((await get('/api/catalog', { Host: host }, p)).status, host).toBe(200);
      await expect(session([], () => true, { url: `ws://127.0.0.1:${p}/ws`, origin: `http://evil.example:${p}` })).rejects.toThrow(/403/);
    } finally {
      await open.close();
    }
  });

  /** `firedrill serve ARGS` as a process, until it says it listens (then stopped) or exits. */
  async function serveProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['bin/firedrill.js', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Ctrl-C')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout, stderr };
  }

  it('firedrill serve --host 0.0.0.0 warns on stderr that other machines can run simulations, naming what it answers to', async () => {
    const { stdout, stderr } = await serveProcess(['--host', '0.0.0.0', '--port', '0', '--allowed-host', 'lab.example.org']);
    const port = /:(\d+)\//.exec(stdout)![1];
    expect(stderr).toMatch(new RegExp(`^warning: serving on 0\\.0\\.0\\.0:${port}, not on loopback: anyone who can reach this machine on port ${port} can run simulations on it\\.\n`));
    expect(stderr).toContain(`lab.example.org:${port}`);
    expect(stderr).toContain('add --allowed-host NAME');
  });

  it('firedrill serve on loopback says nothing on stderr', async () => {
    const { stdout, stderr } = await serveProcess(['--port', '0']);
    expect(stdout).toMatch(/^Firedrill viewer: http:\/\/127\.0\.0\.1:\d+\//);
    expect(stderr).toBe('');
  });

  // Refused while the options are read, before a server starts: in this process (the CLI's own main),
  // as an option's refusal with exit 2 is tested as a process in test/cli/pipes.test.ts (--seed x).
  it('firedrill serve refuses a malformed --allowed-host with exit 2 and one clear line', async () => {
    const { status: code, stderr } = await firedrillInProcess(['serve', '--port', '0', '--allowed-host', 'evil.example/<script>']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--allowed-host: expected a host name or address/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('firedrill serve against slow and greedy clients', () => {
  it('closes a connection that sends nothing, or never finishes its headers, after headersTimeout', async () => {
    const quick = await startServer({ port: 0, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    try {
      const closedAfter = (write: string | null) =>
        new Promise<number>((resolve) => {
          const t0 = Date.now();
          const socket = connect(quick.port, '127.0.0.1', () => {
            if (write !== null) socket.write(write);
          });
          socket.on('error', () => {});
          socket.on('data', () => {});
          socket.on('close', () => resolve(Date.now() - t0));
          setTimeout(() => {
            socket.destroy();
            resolve(Infinity);
          }, 5000);
        });
      const [silent, partial] = await Promise.all([closedAfter(null), closedAfter(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${quick.port}\r\n`)]);
      expect(silent).toBeLessThan(3000);
      expect(partial).toBeLessThan(3000);
    } finally {
      await quick.close();
    }
  });

  it('keeps an open WebSocket beyond headersTimeout: the limit is on requests, not on watching a run', async () => {
    const quick = await startServer({ port: 0, limits: { headersTimeoutMs: 200, requestTimeoutMs: 400 } });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${quick.port}/ws`);
      await new Promise((resolve) => ws.on('open', resolve));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
    } finally {
      await quick.close();
    }
  });

  it('caps runs per client address over all its connections, not per connection', async () => {
    const strict = await startServer({ port: 0, limits: { maxRunsPerClient: 1 } });
    try {
      const url = `ws://127.0.0.1:${strict.port}/ws`;
      const [a, b] = await Promise.all([session([{ type: 'run', id: 'a' }], ended(1), { url }), session([{ type: 'run', id: 'b' }], ended(1), { url })]);
      const outcomes = [a.at(-1), b.at(-1)].map((m) => m!.type).sort();
      expect(outcomes).toEqual(['error', 'run.end']);
      expect([...a, ...b].find((m) => m.type === 'error')!.message).toBe('at most 1 runs at a time from one address, over all its connections; wait for one to end');
      // Once the first run has ended its slot is free again.
      const again = await session([{ type: 'run', id: 'c' }], ended(1), { url });
      expect(again.at(-1)!.type).toBe('run.end');
    } finally {
      await strict.close();
    }
  });

  it('queues runs beyond its workers, refuses beyond the queue, and frees a worker when its client leaves', async () => {
    const small = await startServer({ port: 0, limits: { maxConcurrentRuns: 1, maxQueuedRuns: 1, maxRunsPerClient: 5 } });
    try {
      const url = `ws://127.0.0.1:${small.port}/ws`;
      const three = await session([{ type: 'run', id: 'a' }, { type: 'run', id: 'b' }, { type: 'run', id: 'c' }], ended(3), { url });
      expect(three.find((m) => m.type === 'error')).toEqual({ type: 'error', run: 'c', message: 'the server is busy: too many runs waiting; try again shortly' });
      expect(three.filter((m) => m.type === 'run.end').map((m) => m.run)).toEqual(['a', 'b']);
      // A client that leaves in the middle of its run: its worker is stopped and the next run gets it.
      await session([{ type: 'run', id: 'gone' }], (ms) => ms.some((m) => m.type === 'run.start'), { url });
      const next = await session([{ type: 'run', id: 'next' }], ended(1), { url });
      expect(next.at(-1)).toMatchObject({ type: 'run.end', run: 'next' });
    } finally {
      await small.close();
    }
  });
});
