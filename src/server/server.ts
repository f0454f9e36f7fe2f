/**
 * `firedrill serve`: the built viewer over HTTP and live runs over a
 * WebSocket. It reads one file from disk (the viewer) and runs only built-in
 * scenarios by name; every request is bounded (message size, runs per client
 * address, runs at once, run time, unread bytes, time to send a request), and
 * answered only if it names this server in Host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { viewerFile } from '../cli/export.js';
import { contentSecurityPolicy } from '../html/csp.js';
import { answerDrill, drillCatalog, drillClient, startRooms, type DrillCatalog } from './drill.js';
import type { DrillBundle } from '../drill/protocol.js';
import { catalog } from './catalog.js';
import { allowedHosts, hostForUrl, isLoopback } from './hosts.js';
import { parseRequest } from './request.js';
import { DEFAULT_LIMITS, RunPool, type Limits, type RunTicket } from './runs.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Names besides the loopback ones and the bound address that requests may carry in Host (`--allowed-host`). */
  allowedHosts?: string[];
  limits?: Partial<Limits>;
  version?: string;
  /** The viewer file to serve. [default: dist/web/index.html] */
  viewer?: string;
  /** Drills to offer besides the built-in ones (`firedrill drill FILE`), loaded and checked by the caller. */
  drills?: DrillBundle[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** Host headers it answers to. */
  allowedHosts: ReadonlySet<string>;
  /** Reachable from this machine only. */
  loopback: boolean;
  close(): Promise<void>;
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const viewer = options.viewer ?? viewerFile();
  const pool = new RunPool(limits, options.version ?? '0.0.0');
  const perAddress = new AddressCounts();
  const drills = drillCatalog(options.drills);

  // Filled in once the port is known; until then nothing is accepted.
  let allowed: ReadonlySet<string> = new Set();
  const hostAllowed = (req: IncomingMessage) => allowed.has((req.headers.host ?? '').toLowerCase());
  const http = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks those timeouts on this interval (30 s by default, which would let them run long).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (req, res) => {
      if (!hostAllowed(req)) {
        res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(`this server answers to ${[...allowed][0]}; use that address\n`);
        return;
      }
      answer(req, res, viewer, drills);
    },
  );
  const drill = startRooms({ maxRooms: limits.maxRooms, maxMembersPerRoom: limits.maxMembersPerRoom }, drills);
  // headersTimeout counts from a request's first byte: a connection that never sends one would stay open
  // for ever. It gets as long as the headers would have, until its first request or upgrade.
  http.on('connection', (socket: Socket) => socket.setTimeout(limits.headersTimeoutMs, () => socket.destroy()));
  http.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));
  // permessage-deflate, which every browser offers: a run's NDJSON (about 1 MB, mostly fleet frames and
  // commanders' views that repeat) crosses the wire in about a twentieth of that. Every message is
  // compressed, small ones too: with the context kept between messages a 150-byte sample shrinks to a few
  // dozen bytes. Measured in bench/RESULTS.md (bytes per run on the wire).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: { threshold: 0 } });
  // A learner's oversized message is answered with a problem, not a closed socket (the room goes on for
  // them too), so the drill's sockets take frames up to 16 times the limit and refuse them one by one.
  const drillSockets = new WebSocketServer({ noServer: true, maxPayload: 16 * limits.maxMessageBytes, perMessageDeflate: { threshold: 0 } });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    (socket as Socket).setTimeout(0);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // A browser always sends Origin: only pages this server served may run things on it.
    const origin = req.headers.origin;
    const known = path === '/ws' || path === '/drill-ws';
    if (!known || !hostAllowed(req) || (origin !== undefined && origin !== `http://${req.headers.host}`)) {
      socket.end(`HTTP/1.1 ${!known ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const address = clientAddress(req.socket.remoteAddress);
    if (path === '/drill-ws') drillSockets.handleUpgrade(req, socket, head, (ws) => drillClient(ws, drill.rooms, limits.maxMessageBytes, (text) => sendBounded(ws, text, limits.maxBufferedBytes)));
    else sockets.handleUpgrade(req, socket, head, (ws) => client(ws, address, pool, perAddress, limits));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  allowed = allowedHosts(host, port, options.allowedHosts ?? []);
  return {
    url: `http://${hostForUrl(host)}:${port}/`,
    port,
    host,
    allowedHosts: allowed,
    loopback: isLoopback(host),
    close: () =>
      new Promise<void>((resolve) => {
        drill.stop();
        for (const server of [sockets, drillSockets]) {
          for (const ws of server.clients) ws.terminate();
          server.close();
        }
        http.closeAllConnections();
        http.close(() => void pool.close().then(resolve, resolve));
      }),
  };
}

function answer(req: IncomingMessage, res: ServerResponse, viewer: string, drills: DrillCatalog): void {
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
  if (answerDrill(req, res, path, SECURITY_HEADERS, drills)) return;
  if (path === '/api/catalog') {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' }).end(req.method === 'HEAD' ? undefined : JSON.stringify(catalog()));
    return;
  }
  res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
}

/** The address runs are counted against: an IPv4 client seen through an IPv6 socket is the same client. */
function clientAddress(remote: string | undefined): string {
  return (remote ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** Runs in flight or waiting per client address, over all of its connections. */
class AddressCounts {
  private readonly counts = new Map<string, number>();

  get(address: string): number {
    return this.counts.get(address) ?? 0;
  }

  add(address: string, delta: 1 | -1): void {
    const n = this.get(address) + delta;
    if (n <= 0) this.counts.delete(address);
    else this.counts.set(address, n);
  }
}

/** One browser tab: its runs, bounded with those of every other tab at the same address, and dropped if it stops reading. */
function client(ws: WebSocket, address: string, pool: RunPool, perAddress: AddressCounts, limits: Limits): void {
  const runs = new Set<RunTicket>();
  const send = (text: string) => sendBounded(ws, text, limits.maxBufferedBytes);
  const error = (id: string | null, message: string) => send(JSON.stringify({ type: 'error', ...(id === null ? {} : { run: id }), message }));
  const forget = (ticket: RunTicket) => {
    if (runs.delete(ticket)) perAddress.add(address, -1);
  };
  ws.on('message', (data, isBinary) => {
    try {
      handle(data, isBinary);
    } catch (e) {
      // A bug here must cost this message, not the server every other client is using.
      process.stderr.write(`firedrill serve: internal error while handling a message: ${(e as Error).stack ?? String(e)}\n`);
      error(null, 'internal error: the server could not handle this message');
    }
  });
  const handle = (data: RawData, isBinary: boolean) => {
    if (isBinary) return void error(null, 'expected a text message');
    const parsed = parseRequest(data.toString());
    if (!parsed.ok) return void error(parsed.id, parsed.message);
    const { request } = parsed;
    if (perAddress.get(address) >= limits.maxRunsPerClient) {
      return void error(request.id, `at most ${limits.maxRunsPerClient} runs at a time from one address, over all its connections; wait for one to end`);
    }
    const tag = request.id === null ? '' : `,"run":${JSON.stringify(request.id)}`;
    const ticket: RunTicket | null = pool.submit(request, {
      messages: (lines) => {
        for (const line of lines) if (!send(tag === '' ? line : `${line.slice(0, -1)}${tag}}`)) return ticket?.cancel();
      },
      done: () => forget(ticket!),
      failed: (reason) => {
        forget(ticket!);
        error(request.id, reason);
      },
    });
    if (ticket === null) return void error(request.id, 'the server is busy: too many runs waiting; try again shortly');
    runs.add(ticket);
    perAddress.add(address, 1);
  };
  ws.on('close', () => {
    for (const run of [...runs]) {
      run.cancel();
      forget(run);
    }
  });
  // A protocol error (an oversized message) has already begun the close, whose frame (compressed
  // sockets queue it) tells the client why: let it go out; anything else ends the socket now.
  ws.on('error', () => ws.readyState !== ws.CLOSING && ws.terminate());
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
