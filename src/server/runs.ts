/**
 * Runs on worker threads, bounded: so many at once on the server (the rest
 * wait in a short queue), each killed after a wall-clock limit.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../../dist/src/server/worker.js' : './worker.js', import.meta.url);

/** The server's runs. */
export class RunPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly limits: Limits,
    private readonly version: string,
  ) {}

  /** Starts a run now or when a worker is free; null if the queue is full. */
  submit(request: RunRequest, handlers: RunHandlers): RunTicket | null {
    if (this.running >= this.limits.maxConcurrentRuns && this.queue.length >= this.limits.maxQueuedRuns) return null;
    let worker: Worker | null = null;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (finished) return false;
      finished = true;
      clearTimeout(timer);
      if (worker !== null) {
        this.running--;
        void worker.terminate();
        this.next();
      }
      return true;
    };
    const start = () => {
      if (finished) return this.next();
      this.running++;
      worker = new Worker(WORKER, { workerData: { request, version: this.version } });
      timer = setTimeout(() => {
        if (finish()) handlers.failed(`the run took longer than ${this.limits.runTimeoutMs / 1000} s and was stopped`);
      }, this.limits.runTimeoutMs);
      worker.on('message', (lines: string[]) => {
        if (finished) return;
        handlers.messages(lines);
        if (lines.length > 0 && lines[lines.length - 1]!.startsWith('{"type":"run.end"')) {
          if (finish()) handlers.done();
        }
      });
      worker.on('error', (error) => {
        if (finish()) handlers.failed(`the run failed: ${error.message}`);
      });
      worker.on('exit', (code) => {
        if (finish()) handlers.failed(`the run stopped before its end (worker exit ${code})`);
      });
    };
    if (this.running < this.limits.maxConcurrentRuns) start();
    else this.queue.push(start);
    return {
      cancel: () => {
        finish();
      },
    };
  }

  private next(): void {
    while (this.running < this.limits.maxConcurrentRuns && this.queue.length > 0) this.queue.shift()!();
  }
}
