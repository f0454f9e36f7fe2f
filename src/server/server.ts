/**
 * `firedrill serve`: the built viewer over HTTP and live runs over a
 * WebSocket. It reads one file from disk (the viewer) and runs only built-in
 * scenarios by name; every request is bounded (message size, runs per client,
 * runs at once, run time, unread bytes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { viewerFile } from '../cli/export.js';
import { contentSecurityPolicy } from '../html/csp.js';
import { catalog } from './catalog.js';
import { parseRequest } from './request.js';
import { DEFAULT_LIMITS, RunPool, type Limits, type RunTicket } from './runs.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  limits?: Partial<Limits>;
  version?: string;
  /** The viewer file to serve. [default: dist/web/index.html] */
  viewer?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const viewer = options.viewer ?? viewerFile();
  const pool = new RunPool(limits, options.version ?? '0.0.0');

  // Names this server answers to. A page on another site that rebinds its own name to 127.0.0.1 still
  // sends its own name as Host, so requests naming anything else are refused (DNS rebinding).
  let allowedHosts = new Set<string>();
  let anyHost = false;
  const hostAllowed = (req: IncomingMessage) => anyHost || allowedHosts.has((req.headers.host ?? '').toLowerCase());
  const http = createServer((req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(`this server answers to ${[...allowedHosts][0]}; use that address\n`);
      return;
    }
    answer(req, res, viewer);
  });
  // permessage-deflate, which every browser offers: a run's NDJSON (about 1 MB, mostly fleet frames and
  // commanders' views that repeat) crosses the wire in about a twentieth of that. Every message is
  // compressed, small ones too: with the context kept between messages a 150-byte sample shrinks to a few
  // dozen bytes. Measured in bench/RESULTS.md (bytes per run on the wire).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: { threshold: 0 } });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // A browser always sends Origin: only pages this server served may run things on it.
    const origin = req.headers.origin;
    if (path !== '/ws' || !hostAllowed(req) || (origin !== undefined && origin !== `http://${req.headers.host}`)) {
      socket.end(`HTTP/1.1 ${path !== '/ws' ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => client(ws, pool, limits));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  allowedHosts = new Set([`${shown}:${port}`, ...(loopback ? [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] : [])].map((h) => h.toLowerCase()));
  // Bound to every address (0.0.0.0, ::) the server cannot know the names it is reached by: it accepts any.
  anyHost = host === '0.0.0.0' || host === '::';
  return {
    url: `http://${shown}:${port}/`,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

function answer(req: IncomingMessage, res: ServerResponse, viewer: string): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  if (path === '/' || path === '/index.html') {
    if (!existsSync(viewer)) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('The viewer is not built: run npm run build:web (npm start does it for you).\n');
      return;
    }
    const html = readFileSync(viewer, 'utf8');
    // The page's own script and style by hash, its own server to talk to, and no framing by other sites.
    const policy = `${contentSecurityPolicy(html, { connect: true })}; frame-ancestors 'none'`;
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy }).end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  if (path === '/api/catalog') {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' }).end(req.method === 'HEAD' ? undefined : JSON.stringify(catalog()));
    return;
  }
  res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
}

/** One browser tab: its runs, bounded, and dropped if it stops reading. */
function client(ws: WebSocket, pool: RunPool, limits: Limits): void {
  const runs = new Set<RunTicket>();
  const send = (text: string) => sendBounded(ws, text, limits.maxBufferedBytes);
  const error = (id: string | null, message: string) => send(JSON.stringify({ type: 'error', ...(id === null ? {} : { run: id }), message }));
  ws.on('message', (data, isBinary) => {
    if (isBinary) return void error(null, 'expected a text message');
    const parsed = parseRequest(data.toString());
    if (!parsed.ok) return void error(parsed.id, parsed.message);
    const { request } = parsed;
    if (runs.size >= limits.maxRunsPerClient) return void error(request.id, `at most ${limits.maxRunsPerClient} runs at a time per connection; wait for one to end`);
    const tag = request.id === null ? '' : `,"run":${JSON.stringify(request.id)}`;
    const ticket = pool.submit(request, {
      messages: (lines) => {
        for (const line of lines) if (!send(tag === '' ? line : `${line.slice(0, -1)}${tag}}`)) return ticket?.cancel();
      },
      done: () => runs.delete(ticket!),
      failed: (reason) => {
        runs.delete(ticket!);
        error(request.id, reason);
      },
    });
    if (ticket === null) return void error(request.id, 'the server is busy: too many runs waiting; try again shortly');
    runs.add(ticket);
  });
  ws.on('close', () => {
    for (const run of runs) run.cancel();
    runs.clear();
  });
  ws.on('error', () => ws.terminate());
}

/** The part of a socket `sendBounded` needs. */
export interface BoundedSocket {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  terminate(): void;
}

/** Sends unless the client has left more than `maxBuffered` bytes unread: such a client is dropped, not buffered for without limit. */
export function sendBounded(ws: BoundedSocket, text: string, maxBuffered: number): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > maxBuffered) {
    ws.terminate();
    return false;
  }
  ws.send(text);
  return true;
}
