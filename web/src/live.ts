/** Runs on a `firedrill serve` server: asks for runs over its WebSocket and fills recordings as messages arrive. */
import type { StreamMessage } from '../../src/stream/protocol.js';
import { Recording } from './recording.js';

/** What the server offers (GET /api/catalog). */
export interface Catalog {
  scenarios: string[];
  designs: Array<{ id: string; title: string }>;
  policies: string[];
  defaultSeed: number;
}

/** One run asked of the server. */
export interface RunRequest {
  scenario: string;
  design: string | null;
  policy: string;
  seed: number;
}

export async function fetchCatalog(): Promise<Catalog> {
  const response = await fetch('api/catalog');
  if (!response.ok) throw new Error(`the server's catalog answered ${response.status}`);
  return (await response.json()) as Catalog;
}

/** Starts runs on one socket; `onMessage` is told after every message. Errors go to `onError`. */
export function startRuns(requests: RunRequest[], onMessage: () => void, onError: (message: string) => void): Recording[] {
  const recordings = requests.map(() => new Recording());
  const url = new URL('ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => {
    requests.forEach((r, i) => socket.send(JSON.stringify({ type: 'run', id: String(i), ...r })));
  });
  socket.addEventListener('message', (event) => {
    const data = JSON.parse(String(event.data)) as { type: string; run?: string; message?: string };
    if (data.type === 'error') {
      onError(data.message ?? 'the server refused the run');
      return;
    }
    const message = data as unknown as StreamMessage & { run?: string };
    const recording = recordings[Number(message.run ?? 0)];
    if (recording === undefined) return;
    try {
      recording.add(message);
    } catch (error) {
      onError((error as Error).message);
    }
    onMessage();
    if (recordings.every((r) => r.end !== null)) socket.close();
  });
  socket.addEventListener('close', (event) => {
    if (recordings.some((r) => r.end === null) && event.code !== 1000) onError(`the connection closed before the run ended (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
  });
  return recordings;
}
