/**
 * The sweep's workers: tasks go out in chunks, two chunks in flight per worker
 * so none waits for the main thread. A worker that crashes is replaced and its
 * unfinished tasks are retried once, one at a time; a task that crashes its
 * worker twice fails, the rest of the sweep goes on, and the sweep reports it.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

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
  /** The worker script and its data (the same for every worker). */
  script: URL;
  workerData: unknown;
  /** Finished tasks' lines, as they arrive. */
  onLines(lines: string[]): void;
}

interface Chunk {
  tasks: number[];
  attempt: number;
}

/** Runs every task; resolves with the tasks that failed twice (none, normally). */
export function runPool(tasks: number[], options: PoolOptions): Promise<Array<{ task: number; reason: string }>> {
  const queue: Chunk[] = [];
  for (let i = 0; i < tasks.length; i += CHUNK) queue.push({ tasks: tasks.slice(i, i + CHUNK), attempt: 0 });
  const failed: Array<{ task: number; reason: string }> = [];
  const slots = Math.max(1, Math.min(options.workers, queue.length));
  tuneJit();
  return new Promise((resolve) => {
    let live = 0;
    const maybeDone = () => {
      if (live === 0 && queue.length === 0) resolve(failed.sort((a, b) => a.task - b.task));
    };
    const start = () => {
      const worker = new Worker(options.script, { workerData: options.workerData });
      const inFlight: Chunk[] = [];
      let gone = false;
      live++;
      const retire = () => {
        if (gone) return;
        gone = true;
        live--;
        void worker.terminate();
      };
      const feed = () => {
        while (inFlight.length < 2 && queue.length > 0) {
          const chunk = queue.shift()!;
          inFlight.push(chunk);
          worker.postMessage(chunk.tasks);
        }
        if (inFlight.length === 0) {
          retire();
          maybeDone();
        }
      };
      const crashed = (reason: string) => {
        if (gone) return;
        retire();
        // A worker takes its chunks in order, so the crash was in the first; the others had not started
        // and go back as they were. The first's tasks go back one per chunk, so a bad task cannot take
        // good ones down with it the second time.
        const [crashedChunk, ...waiting] = inFlight.splice(0);
        queue.unshift(...waiting);
        for (const task of crashedChunk?.tasks ?? []) {
          if (crashedChunk!.attempt >= 1) failed.push({ task, reason });
          else queue.unshift({ tasks: [task], attempt: crashedChunk!.attempt + 1 });
        }
        if (queue.length > 0) start();
        maybeDone();
      };
      // Node emits a worker's 'error' as soon as it hears of it, possibly before the messages the worker
      // posted earlier, but drains those messages before 'exit'. So a crash is handled at 'exit', when
      // every finished chunk has been delivered; acting at 'error' would redo (and journal twice) a chunk
      // whose answer was still on its way.
      let reason: string | null = null;
      worker.on('message', (lines: string[]) => {
        inFlight.shift();
        options.onLines(lines);
        if (reason === null) feed();
      });
      worker.on('error', (error) => {
        reason ??= error.message;
      });
      worker.on('exit', (code) => crashed(reason ?? `its worker exited with code ${code}`));
      feed();
    };
    for (let i = 0; i < slots; i++) start();
  });
}
