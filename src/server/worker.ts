/**
 * One run on a worker thread, so a long run never stalls the server: the
 * stream's messages go back in batches, already serialised, over the run's
 * own channel, which is closed after the last.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runScenario } from '../run/runScenario.js';
import { openScenario } from '../scenario/open.js';
import type { RunRequest } from './request.js';

const BATCH = 64;
const { version } = workerData as { version: string };

export default async function run({ request, port }: { request: RunRequest; port: MessagePort }): Promise<void> {
  port.postMessage('started');
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
        port.postMessage(batch);
        batch = [];
      }
    },
  });
  port.postMessage(batch);
  port.close();
}
