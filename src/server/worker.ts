/**
 * One run in a worker thread, so a long run never stalls the server: the
 * stream's messages go back to the server in batches, already serialised.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../run/runScenario.js';
import { openScenario } from '../scenario/open.js';
import type { RunRequest } from './request.js';

const BATCH = 64;
const { request, version } = workerData as { request: RunRequest; version: string };
// Built-ins open from their precompiled entries: a run's first frames reach the browser sooner.
const loaded = request.design === null ? await openScenario(request.scenario, 'scenario') : await openScenario(request.design, 'design');
let batch: string[] = [];
runScenario({
  scenario: loaded.scenario,
  design: loaded.design?.id ?? null,
  policy: request.policy,
  seed: request.seed,
  version,
  fleetFrames: true,
  sink: (message) => {
    batch.push(JSON.stringify(message));
    if (batch.length >= BATCH) {
      parentPort!.postMessage(batch);
      batch = [];
    }
  },
});
parentPort!.postMessage(batch);
