import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../src/server/server.js';

/**
 * The drill's socket as a hostile or careless client meets it: an oversized
 * message is refused with a problem on a socket that stays open, and the
 * others in the room notice nothing. The room logic has its own tests
 * (rooms.test.ts); this is the wire.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

interface Peer {
  ws: WebSocket;
  heard: Array<Record<string, unknown>>;
  next(type: string): Promise<Record<string, unknown>>;
}

async function peer(): Promise<Peer> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/drill-ws`, { origin: `http://127.0.0.1:${server.port}` });
  const heard: Array<Record<string, unknown>> = [];
  const waiting: Array<{ type: string; resolve: (m: Record<string, unknown>) => void }> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    heard.push(m);
    const i = waiting.findIndex((w) => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(m);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, heard, next: (type) => new Promise((resolve) => waiting.push({ type, resolve })) };
}

describe('the drill socket', () => {
  it('refuses an oversized message with a problem and keeps the socket; the room goes on for everyone', async () => {
    const facilitator = await peer();
    const opened = facilitator.next('room.joined');
    facilitator.ws.send(JSON.stringify({ type: 'room.create', drill: 'pangyo-2022' }));
    const { code } = (await opened) as { code: string };
    const [commander, ops] = [await peer(), await peer()];
    for (const [p, seat] of [[commander, 'commander'], [ops, 'operations']] as const) {
      const shown = p.next('drill.state'); // a join shows the room to everyone in it
      p.ws.send(JSON.stringify({ type: 'room.join', code, seat }));
      await shown;
    }
    const heardByOps = ops.heard.length;

    const refused = commander.next('problem');
    commander.ws.send(JSON.stringify({ type: 'drill.act', seq: 1, action: { kind: 'incident.declare' }, padding: 'x'.repeat(20_000) }));
    expect(await refused).toEqual({ type: 'problem', message: expect.stringMatching(/^message of \d+ bytes refused: at most 4096$/) });
    expect(commander.ws.readyState).toBe(WebSocket.OPEN);
    expect(ops.heard.length).toBe(heardByOps);

    // The same learner's next, proper action is taken and reaches the others.
    const seen = ops.next('drill.state');
    commander.ws.send(JSON.stringify({ type: 'drill.advance', seq: 1, hours: 1 }));
    await seen;
    for (const p of [facilitator, commander, ops]) p.ws.close();
  });
});
