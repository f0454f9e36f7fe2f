/** A sweep worker: runs a chunk of tasks and answers with their journal lines. */
import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { runScenario } from '../run/runScenario.js';
import type { Uncertainty } from '../scenario/draws.js';
import type { Scenario } from '../scenario/schema.js';
import { journalLine } from './journal.js';
import { metricsOf, type Columns } from './results.js';

const { scenarios, designs, policies, seeds, columns, uncertainty } = workerData as { scenarios: Scenario[]; designs: string[]; policies: string[]; seeds: number[]; columns: Columns; uncertainty: Array<Uncertainty | null> };

// Fault injection for the tests of crash handling: FIREDRILL_FAULT_TASK=t crashes the worker on task t,
// every time (FIREDRILL_FAULT_MODE=always) or only until the file FIREDRILL_FAULT_MARK exists (once).
const faultTask = process.env.FIREDRILL_FAULT_TASK === undefined ? -1 : Number(process.env.FIREDRILL_FAULT_TASK);

function maybeCrash(t: number): void {
  if (t !== faultTask) return;
  const mark = process.env.FIREDRILL_FAULT_MARK;
  if (process.env.FIREDRILL_FAULT_MODE !== 'always' && mark !== undefined) {
    if (existsSync(mark)) return;
    writeFileSync(mark, '');
  }
  throw new Error(`injected fault on task ${t}`);
}

export default function runTasks(tasks: number[]): string[] {
  return tasks.map((t) => {
    maybeCrash(t);
    const cell = Math.floor(t / seeds.length);
    const seed = seeds[t % seeds.length]!;
    const drawn = uncertainty[cell];
    const result = runScenario({ scenario: scenarios[cell]!, design: designs[cell]!, policy: policies[cell]!, seed, ...(drawn == null ? {} : { uncertainty: drawn }) });
    return journalLine(t, seed, metricsOf(result, columns, scenarios[cell]!));
  });
}
