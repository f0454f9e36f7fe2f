/**
 * Runs on the shared worker pool, bounded: so many at once on the server (the
 * rest wait in a short queue), each stopped after a wall-clock limit. A run's
 * messages come back over a channel of its own as the run advances.
 */
import { workerUrl } from '../run/workerPath.js';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { createWorkerPool, type WorkerPool } from '../run/workerPool.js';
import type { RunRequest } from './request.js';

/** How much one server, and one client, may ask of it. */
export interface Limits {
  /** Runs in flight at once on the server. */
  maxConcurrentRuns: number;
  /** Runs waiting for a worker; beyond this, requests are refused. */
  maxQueuedRuns: number;
  /** Runs one client address may have in flight or waiting, over all its connections. */
  maxRunsPerClient: number;
  /** Wall-clock time a run may take. */
  runTimeoutMs: number;
  /** Bytes a client may leave unread before it is dropped. */
  maxBufferedBytes: number;
  /** Largest message a client may send. */
  maxMessageBytes: number;
  /** Time a connection may take to send a request's headers (or its first byte), and a whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Group drills open at once, and members in one. */
  maxRooms: number;
  maxMembersPerRoom: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxConcurrentRuns: availableParallelism(),
  maxQueuedRuns: 32,
  maxRunsPerClient: 2,
  runTimeoutMs: 60_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxMessageBytes: 4 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxRooms: 50,
  maxMembersPerRoom: 12,
};

/** What a run tells whoever asked for it. */
export interface RunHandlers {
  messages(lines: string[]): void;
  done(): void;
  failed(reason: string): void;
}

/** A run asked for: cancel it to stop it wherever it is. */
export interface RunTicket {
  cancel(): void;
}

// Workers need compiled JS: from dist/ that is the file beside this one; when the TS sources run
// directly (tests), it is the build in dist/.


/** The server's runs. */
export class RunPool {
  /** Runs submitted and not finished: running or waiting. */
  private inFlight = 0;
  private started: WorkerPool | null = null;

  constructor(
    private readonly limits: Limits,
    private readonly version: string,
  ) {}

  /**
   * No thread until the first run; from then on one is kept, and threads idle for a minute above it
   * are let go. One is kept because piscina (5.3) replaces the thread of an aborted running task only
   * up to minThreads: with none kept, a run queued behind a cancelled one would wait for ever.
   */
  private get pool(): WorkerPool {
    this.started ??= createWorkerPool({ script: workerUrl(import.meta.url, './worker.js'), threads: this.limits.maxConcurrentRuns, minThreads: 1, workerData: { version: this.version } });
    return this.started;
  }

  /** Starts a run now or when a worker is free; null if the queue is full. */
  submit(request: RunRequest, handlers: RunHandlers): RunTicket | null {
    if (this.inFlight >= this.limits.maxConcurrentRuns + this.limits.maxQueuedRuns) return null;
    this.inFlight++;
    const { port1: messages, port2: workerEnd } = new MessageChannel();
    const abort = new AbortController();
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (finished) return false;
      finished = true;
      this.inFlight--;
      clearTimeout(timer);
      messages.close();
      return true;
    };
    messages.on('message', (batch: 'started' | string[]) => {
      if (finished) return;
      // The clock starts when a worker takes the run, not while it waits in the queue.
      if (batch === 'started') {
        timer = setTimeout(() => {
          if (!finish()) return;
          abort.abort(); // ends the worker running it
          handlers.failed(`the run took longer than ${this.limits.runTimeoutMs / 1000} s and was stopped`);
        }, this.limits.runTimeoutMs);
        return;
      }
      handlers.messages(batch);
      if (batch.length > 0 && batch[batch.length - 1]!.startsWith('{"type":"run.end"') && finish()) handlers.done();
    });
    // The worker closes its end after its last batch; closed without a run.end, the run broke off.
    messages.on('close', () => {
      if (finish()) handlers.failed('the run stopped before its end');
    });
    this.pool.run({ request, port: workerEnd }, { transferList: [workerEnd], signal: abort.signal }).catch((error: unknown) => {
      if (!abort.signal.aborted && finish()) handlers.failed(`the run failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return {
      cancel: () => {
        if (finish()) abort.abort();
      },
    };
  }

  /** Stops every run and the workers. */
  close(): Promise<void> {
    return this.started?.destroy() ?? Promise.resolve();
  }
}
