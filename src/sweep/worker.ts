/** A sweep worker: runs the tasks it is sent and answers with their journal lines. */
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../run/runScenario.js';
import type { Scenario } from '../scenario/schema.js';
import { journalLine } from './journal.js';
import { metricsOf, type Columns } from './results.js';

const { scenarios, designs, seeds, policy, columns } = workerData as { scenarios: Scenario[]; designs: string[]; seeds: number[]; policy: string; columns: Columns };

parentPort!.on('message', (tasks: number[]) => {
  const lines = tasks.map((t) => {
    const cell = Math.floor(t / seeds.length);
    const seed = seeds[t % seeds.length]!;
    const result = runScenario({ scenario: scenarios[cell]!, design: designs[cell]!, policy, seed });
    return journalLine(t, seed, metricsOf(result, columns));
  });
  parentPort!.postMessage(lines);
});
