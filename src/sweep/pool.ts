/**
 * The sweep's workers, on the shared worker pool: tasks go out in chunks, two
 * chunks in flight per worker so none waits for the main thread. A chunk that
 * fails (a run threw, or its worker died, which also fails the chunk queued
 * behind it) is retried once, one task at a time, so a bad task cannot take
 * good ones down with it; a task that fails twice fails, the rest of the
 * sweep goes on, and the sweep reports it.
 */
import { setFlagsFromString } from 'node:v8';
import { createWorkerPool } from '../run/workerPool.js';

const CHUNK = 4;

// Every worker is a fresh V8 isolate that compiles the model anew, and by V8's defaults a function is
// optimised early, then again after each deoptimisation while the run's types settle: about 7 s of
// compiler time per worker over the first thousand runs. With one worker the compiler has the idle
// second core to itself; with two it takes that time from the other worker, which is most of what kept
// two workers under 1.8 times one. Waiting four times longer before optimising cuts the compiler's work
// by half and leaves the steady state as fast as before (bench/RESULTS.md). Flags are process-wide: this
// is set once, before the first worker starts, so each worker uses it from its first function; a
// budget the user gave node on the command line is left alone.
const JIT_BUDGET = `--interrupt-budget=${4 * 132 * 1024}`; // V8 11's default is 132 KB of bytecode run
let jitTuned = process.execArgv.some((a) => /^--interrupt[-_]budget/.test(a));

function tuneJit(): void {
  if (jitTuned) return;
  setFlagsFromString(JIT_BUDGET);
  jitTuned = true;
}

export interface PoolOptions {
  workers: number;
  /** The worker module (its default export runs a chunk of tasks) and its data (the same for every worker). */
  script: URL;
  workerData: unknown;
  /** Finished tasks' lines, as they arrive. */
  onLines(lines: string[]): void;
}

/** Runs every task; resolves with the tasks that failed twice (none, normally). */
export async function runPool(tasks: number[], options: PoolOptions): Promise<Array<{ task: number; reason: string }>> {
  const chunks: number[][] = [];
  for (let i = 0; i < tasks.length; i += CHUNK) chunks.push(tasks.slice(i, i + CHUNK));
  const failed: Array<{ task: number; reason: string }> = [];
  if (chunks.length === 0) return failed;
  tuneJit();
  const threads = Math.max(1, Math.min(options.workers, chunks.length));
  const def = { script: options.script, workerData: options.workerData, threads };
  const pool = createWorkerPool({ ...def, tasksPerWorker: 2 });
  // Retries run one task per worker: a worker that dies fails every task it holds, and a bad task must
  // not take a good one down with it the second time. Made only if something failed.
  let retryPool: ReturnType<typeof createWorkerPool> | null = null;
  const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
  // Each task's promise settles once: a chunk whose answer was on its way when its worker died is either
  // delivered or redone, never both (the journal must not hold a run twice).
  const retry = (task: number): Promise<void> =>
    (retryPool ??= createWorkerPool({ ...def, tasksPerWorker: 1 })).run([task]).then(
      (lines: string[]) => options.onLines(lines),
      (error: unknown) => void failed.push({ task, reason: reasonOf(error) }),
    );
  const run = (chunk: number[]): Promise<void> =>
    pool.run(chunk).then(
      (lines: string[]) => options.onLines(lines),
      () => Promise.all(chunk.map(retry)).then(() => {}),
    );
  try {
    await Promise.all(chunks.map(run));
  } finally {
    await Promise.all([pool.destroy(), (retryPool as ReturnType<typeof createWorkerPool> | null)?.destroy()]);
  }
  return failed.sort((a, b) => a.task - b.task);
}
