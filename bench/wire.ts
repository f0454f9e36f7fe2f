/**
 * Bytes a run costs on the viewer's WebSocket: `firedrill serve` in this
 * process, a client that asks for runs as the viewer does, and the bytes its
 * socket read (frames, headers of the upgrade and all), with and without
 * permessage-deflate, for one design and for two compared on one socket.
 * The recording's own size (the NDJSON the run sends) is measured beside it.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { startServer } from '../src/server/server.js';

/** One measurement: what the messages held and what crossed the wire. */
export interface WireResult {
  designs: string[];
  deflate: boolean;
  /** Whether the server agreed to compress (the extension the client ended up with). */
  negotiated: string;
  messages: number;
  /** Bytes of the messages themselves: the recording's NDJSON without its newlines (and the run tags). */
  payload_bytes: number;
  /** Bytes the client's socket read, the HTTP upgrade included. */
  wire_bytes: number;
  /** wire / payload. */
  ratio: number;
}

/** Runs `designs` (compared when more than one) for `seed` and counts the bytes. */
async function measure(port: number, designs: Array<string | null>, seed: number, deflate: boolean): Promise<WireResult> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { perMessageDeflate: deflate });
  let socket: Socket | null = null;
  let payload = 0;
  let messages = 0;
  let ended = 0;
  ws.on('upgrade', (response) => {
    socket = response.socket as Socket;
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => designs.forEach((design, i) => ws.send(JSON.stringify({ type: 'run', id: String(i), design, seed }))));
    ws.on('message', (data: Buffer) => {
      payload += data.length;
      messages++;
      if (data.subarray(0, 20).toString().startsWith('{"type":"run.end"') && ++ended === designs.length) ws.close();
      else if (data.subarray(0, 20).toString().startsWith('{"type":"error"')) reject(new Error(data.toString()));
    });
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
  const wire = (socket as Socket | null)?.bytesRead ?? 0;
  return { designs: designs.map((d) => d ?? 'scenario'), deflate, negotiated: ws.extensions, messages, payload_bytes: payload, wire_bytes: wire, ratio: Math.round((wire / payload) * 1000) / 1000 };
}

/** The four measurements: one run and a comparison of two, each with and without compression. */
export async function runWire(params: { seed: number }): Promise<WireResult[]> {
  const server = await startServer({ port: 0, viewer: '/nonexistent/index.html', limits: { runTimeoutMs: 120_000 } });
  try {
    const results: WireResult[] = [];
    for (const designs of [[null], ['as-built-2022', 'naver-like']]) {
      for (const deflate of [false, true]) results.push(await measure(server.port, designs, params.seed, deflate));
    }
    return results;
  } finally {
    await server.close();
  }
}
