/**
 * The drill on the server: its page at /drill/ (the built page, which runs a
 * learner's drill in its own worker), the drills by name at /api/drills and
 * /api/drill/NAME, and group rooms over the WebSocket at /drill-ws
 * (rooms.ts). Only the catalog's drills, by name: the built-in ones and those
 * given when the server started (`firedrill drill FILE`); no request names a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { drillBundle, drillPageFile } from '../cli/exportDrill.js';
import { listBuiltInDrills } from '../drill/load.js';
import type { DrillBundle } from '../drill/protocol.js';
import { contentSecurityPolicy } from '../html/csp.js';
import { createRooms, type Member, type Rooms } from './rooms.js';
import { randomInt } from 'node:crypto';

type Headers = Record<string, string>;

/** The drills a server offers, by id. */
export interface DrillCatalog {
  ids(): string[];
  /** The drill with its scenario; null for an id the catalog does not have. */
  bundle(id: string): DrillBundle | null;
}

/**
 * The built-in drills (read when asked, so an edited script is served as it now
 * is) and `extra`, loaded once when the server started; an extra drill with a
 * built-in's id is served in its place.
 */
export function drillCatalog(extra: readonly DrillBundle[] = []): DrillCatalog {
  const given = new Map(extra.map((b) => [b.script.id, b]));
  return {
    ids: () => [...new Set([...given.keys(), ...listBuiltInDrills()])].sort(),
    bundle: (id) => given.get(id) ?? (listBuiltInDrills().includes(id) ? drillBundle(id) : null),
  };
}

/** Answers the drill's HTTP paths; false for any other path. */
export function answerDrill(req: IncomingMessage, res: ServerResponse, path: string, headers: Headers, catalog: DrillCatalog): boolean {
  const head = req.method === 'HEAD';
  if (path === '/drill' || path === '/drill/' || path === '/drill/index.html') {
    const page = drillPageFile();
    if (!existsSync(page)) {
      res.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('The drill page is not built: run npm run build:web (npm start does it for you).\n');
      return true;
    }
    const html = readFileSync(page, 'utf8');
    const policy = `${contentSecurityPolicy(html, { connect: true, worker: true })}; frame-ancestors 'none'`;
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy }).end(head ? undefined : html);
    return true;
  }
  if (path === '/api/drills') {
    const drills = catalog.ids().flatMap((id) => {
      const bundle = catalog.bundle(id);
      return bundle === null ? [] : [{ id, title: bundle.script.title }];
    });
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(head ? undefined : JSON.stringify(drills));
    return true;
  }
  const m = /^\/api\/drill\/([a-z0-9][a-z0-9-]{0,60})$/.exec(path);
  if (path.startsWith('/api/drill/')) {
    const bundle = m === null ? null : catalog.bundle(m[1]!);
    if (bundle === null) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`no such drill; this server has ${catalog.ids().join(', ')}\n`);
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(head ? undefined : JSON.stringify(bundle));
    return true;
  }
  return false;
}

/** Limits of group drills. */
export interface DrillLimits {
  maxRooms: number;
  maxMembersPerRoom: number;
}

/** The server's rooms, ticking once a second while the server runs. */
export function startRooms(limits: DrillLimits, catalog: DrillCatalog): { rooms: Rooms; stop(): void } {
  const ALPHA = (length: number, alphabet: string) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
  const rooms = createRooms({ bundle: (name) => {
    const bundle = catalog.bundle(name);
    if (bundle === null) throw new Error(`this server has ${catalog.ids().join(', ')}`);
    return bundle;
  }, random: ALPHA, limits: { maxRooms: limits.maxRooms, maxMembers: limits.maxMembersPerRoom }, now: () => Date.now() });
  const timer = setInterval(() => rooms.tick(), 1000);
  timer.unref();
  return { rooms, stop: () => clearInterval(timer) };
}

let ids = 0;

/** One page in a group drill: its messages to the rooms, the rooms' answers to it. */
export function drillClient(ws: WebSocket, rooms: Rooms, maxMessageBytes: number, send: (text: string) => boolean): void {
  const member: Member = { id: ids++, room: null, seat: null, lastSeq: 0, deliver: (notice) => void send(JSON.stringify(notice)) };
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return member.deliver({ type: 'problem', message: 'expected a text message' });
    const size = (data as Buffer).length;
    if (size > maxMessageBytes) return member.deliver({ type: 'problem', message: `message of ${size} bytes refused: at most ${maxMessageBytes}` });
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return member.deliver({ type: 'problem', message: 'expected a JSON message' });
    }
    try {
      rooms.handle(member, message);
    } catch (e) {
      process.stderr.write(`firedrill serve: internal error in a drill room: ${(e as Error).stack ?? String(e)}\n`);
      member.deliver({ type: 'problem', message: 'internal error: the server could not handle this message' });
    }
  });
  ws.on('close', () => rooms.leave(member));
  // A protocol error (an oversized message) has already begun the close, whose frame (compressed
  // sockets queue it) tells the client why: let it go out; anything else ends the socket now.
  ws.on('error', () => ws.readyState !== ws.CLOSING && ws.terminate());
}
