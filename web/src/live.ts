/** Runs on a `firedrill serve` server: asks for runs over its WebSocket and fills recordings as messages arrive. */
import { z } from 'zod';
import { firstIssue } from '../../src/stream/issues.js';
import { Recording } from './recording.js';

/** What the server offers (GET /api/catalog), checked before any of it is shown. */
const CatalogSchema = z.object({
  scenarios: z.array(z.string()).min(1),
  designs: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().nullable().optional() })),
  policies: z.array(z.string()),
  defaultSeed: z.number().int().nonnegative(),
});
export type Catalog = z.infer<typeof CatalogSchema>;

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
  const read = CatalogSchema.safeParse(await response.json(), { reportInput: true });
  if (!read.success) throw new Error(`the server's catalog is not one this viewer reads: ${firstIssue(read.error.issues, 'catalog')}`);
  return read.data;
}

/** Runs under way: their recordings as they fill, and a way to stop them (the server ends runs whose client leaves). */
export interface LiveRuns {
  recordings: Recording[];
  stop(): void;
}

/** Starts runs on one socket; `onMessage` is told after every message. Errors go to `onError`; nothing is told after `stop()`. */
export function startRuns(requests: RunRequest[], onMessage: () => void, onError: (message: string) => void): LiveRuns {
  const recordings = requests.map(() => new Recording());
  const url = new URL('ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  let stopped = false;
  socket.addEventListener('open', () => {
    requests.forEach((r, i) => socket.send(JSON.stringify({ type: 'run', id: String(i), ...r })));
  });
  socket.addEventListener('message', (event) => {
    if (stopped) return;
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      onError('the server sent a message that is not JSON');
      return;
    }
    if (data === null || typeof data !== 'object') return void onError('the server sent a message that is not a JSON object');
    // The server tags each protocol message with the run it belongs to; the tag is not part of the message.
    const { run, ...message } = data as { run?: unknown; type?: unknown; message?: unknown };
    if (message.type === 'error') {
      onError(typeof message.message === 'string' ? message.message : 'the server refused the run');
      return;
    }
    const recording = recordings[Number(run ?? 0)];
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
    if (!stopped && recordings.some((r) => r.end === null) && event.code !== 1000) onError(`the connection closed before the run ended (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
  });
  return {
    recordings,
    stop: () => {
      stopped = true;
      socket.close(1000);
    },
  };
}
