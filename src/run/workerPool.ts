/**
 * The one worker-thread pool of the sweep and the server: piscina, a pool
 * kept by others, with the settings both need. What each does with a failed
 * task is its own (the sweep redoes it once, the server reports it).
 *
 * What piscina gives that the two hand-written pools each did their own way:
 * a task's promise settles exactly once, so an answer that arrives after its
 * worker died can neither be lost nor counted twice (the 'error'-before-
 * 'exit' race the sweep's pool had to be written around); a task that throws
 * rejects without taking its worker down; a worker that dies is replaced and
 * rejects the tasks it held; an aborted running task ends its worker.
 */
import { Piscina } from 'piscina';

export { Piscina as WorkerPool };

// piscina loads a worker's module with require() first. Since Node 20.19, require() loads an ES module
// too (require(esm)), and Node aborts the whole process ("FATAL ERROR: v8::ToLocalChecked Empty
// MaybeLocal" in CreateRequiredModuleFacade) when a thread is terminated at the end of such a load, as
// when a pool ends while the replacement of a worker that died is still loading: in a stress loop of
// the pool's test, 3 runs in 6 aborted within 1,500 rounds (bench/RESULTS.md, "Worker pool").
// With require(esm) off in the workers, piscina's require() refuses our ES modules and it loads them
// with import(), which a termination ends cleanly. A Node that no longer knows the flag is left to its
// defaults rather than refused: Worker rejects an option it does not know.
// Giving execArgv means the workers do not inherit the process's: they cannot take V8 or per-process
// options anyway (Worker refuses them), and nothing the workers run reads process.execArgv.
const REQUIRE_ESM_OFF = '--no-experimental-require-module';
const workerExecArgv = process.allowedNodeEnvironmentFlags.has(REQUIRE_ESM_OFF) ? [REQUIRE_ESM_OFF] : undefined;

/** Options of `createWorkerPool`. */
export interface WorkerPoolDef {
  /** The worker module: its default export runs one task. */
  script: URL;
  /** Threads at most. */
  threads: number;
  /** Threads started at once and kept while idle (the sweep wants them all at once, a server none until asked). [default: threads] */
  minThreads?: number;
  /** Passed to every worker once, as worker_threads' workerData. */
  workerData?: unknown;
  /**
   * Tasks handed to a worker before it finishes the one it runs: with 2, a worker starts its next task
   * the moment it ends one instead of waiting for the main thread to hear of it. [default: 1]
   */
  tasksPerWorker?: number;
  /** Tasks that may wait for a thread; beyond this `run` rejects at once. [default: no limit] */
  maxQueue?: number;
  /** Milliseconds an idle thread above minThreads is kept. [default: 60 s] */
  idleTimeoutMs?: number;
}

/** A pool running `def.script` on up to `def.threads` threads. */
export function createWorkerPool(def: WorkerPoolDef): Piscina {
  return new Piscina({
    filename: def.script.href,
    workerData: def.workerData,
    minThreads: def.minThreads ?? def.threads,
    maxThreads: def.threads,
    concurrentTasksPerWorker: def.tasksPerWorker ?? 1,
    maxQueue: def.maxQueue ?? Infinity,
    idleTimeout: def.idleTimeoutMs ?? 60_000,
    ...(workerExecArgv && { execArgv: workerExecArgv }),
  });
}
