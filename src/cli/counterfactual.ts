/**
 * `firedrill counterfactual`: what each decision of a run was worth. The run
 * is a decision log (or a policy's run on a seed); every decision is replaced
 * in turn by what another policy would have chosen when asked, on the same
 * seed, and the changes are ranked: hours per service, loss per group.
 */
import { join } from 'node:path';
import { deciderOf } from '../decide/policies.js';
import { decisionLog } from '../decide/log.js';
import { describeAction } from '../model/decisions.js';
import { counterfactuals, type Counterfactuals, type Effect } from '../run/counterfactual.js';
import { runLogged } from '../run/runScenario.js';
import { ensureOutputFolder, writeOutput } from '../files/output.js';
import { checkPolicy, loadForRun } from './commands.js';
import { readDecisionLog } from './decisionLogFile.js';
import { UsageError } from './errors.js';
import { currencyUnit } from '../scenario/currency.js';
import { money, table } from './report.js';

/** Options of `firedrill counterfactual`. */
export interface CounterfactualOptions {
  design?: string;
  /** The decision log to judge. */
  decisions?: string;
  /** Without a log: the policy whose run is judged. [default: the scenario's first] */
  policy?: string;
  /** Without a log: its seed. [default: 1] */
  seed?: number;
  /** The policy whose choices replace each decision. [default: runbook, or the first other policy] */
  with?: string;
  json?: boolean;
  /** Write each counterfactual's decision log here (cf-NN.json), and the base's (base.json). */
  out?: string;
}

/** Runs the counterfactuals and prints them. */
export async function counterfactualCommand(scenarioArg: string | undefined, options: CounterfactualOptions): Promise<void> {
  const log = options.decisions === undefined ? null : readDecisionLog(options.decisions);
  const loaded = await loadForRun(scenarioArg, options.design ?? (scenarioArg === undefined ? (log?.design ?? undefined) : undefined));
  if (log !== null) {
    if (loaded.fingerprint !== log.scenarioSha256) throw new UsageError(`${options.decisions}: the log was made on another model (scenario ${log.scenario}, fingerprint ${log.scenarioSha256.slice(0, 12)}); this run's is ${loaded.fingerprint.slice(0, 12)}`);
    if (options.seed !== undefined || options.policy !== undefined) throw new UsageError('--seed and --policy come from the decision log; leave them out with --decisions');
  }
  const policy = log?.policy ?? checkPolicy(loaded, options.policy);
  const seed = log?.seed ?? options.seed ?? 1;
  const others = Object.keys(loaded.scenario.policies).filter((p) => p !== policy);
  const alternative = options.with ?? (others.includes('runbook') ? 'runbook' : others[0]);
  if (alternative === undefined) throw new UsageError('--with: the scenario has no other policy to compare the decisions with');
  checkPolicy(loaded, alternative);
  const def = { scenario: loaded.scenario, design: loaded.design?.id ?? null, policy, seed, fingerprint: loaded.fingerprint };
  const entries = log?.actions ?? runLogged(def).log;
  const result = counterfactuals(def, entries, () => deciderOf(loaded.scenario, alternative, seed));

  const header = { scenario: loaded.scenario.id, scenarioSha256: loaded.fingerprint, design: loaded.design?.id ?? null, policy, seed };
  if (options.out !== undefined) {
    ensureOutputFolder(options.out);
    const ignition = loaded.scenario.fire.ignition;
    writeOutput(join(options.out, 'base.json'), `${JSON.stringify(decisionLog(header, result.base.log, ignition), null, 1)}\n`);
    for (const e of result.effects) writeOutput(join(options.out, `cf-${String(e.index).padStart(2, '0')}.json`), `${JSON.stringify(decisionLog(header, e.log, ignition), null, 1)}\n`);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...header, with: alternative, allRestoredHours: result.base.result.allRestoredHours, effects: result.effects.map(({ log: _log, ...e }) => e) })}\n`);
    return;
  }
  process.stdout.write(report(result, { policy, alternative, seed, ignitionMs: loaded.scenario.fire.ignition, unit: currencyUnit(loaded.scenario) }));
}

/** The effects as a table, most valuable replacement first. */
function report(result: Counterfactuals, label: { policy: string; alternative: string; seed: number; ignitionMs: number; unit: string }): string {
  const h = (x: number | null) => (x === null ? 'never' : x === 0 ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)} h`);
  const biggest = (e: Effect) => {
    const moved = e.services.filter((s) => s.normalH !== null && Math.abs(s.normalH) >= 0.05).sort((a, b) => Math.abs(b.normalH!) - Math.abs(a.normalH!));
    return moved.length === 0 ? '—' : moved.slice(0, 3).map((s) => `${s.id} ${h(s.normalH)}`).join(', ');
  };
  const rows = [['#', 'at', 'decision', `${label.alternative} instead`, 'everything back', 'loss', 'services most moved']];
  for (const e of result.effects) {
    rows.push([
      String(e.index),
      `T+${((e.entry.atMs - label.ignitionMs) / 3_600_000).toFixed(1)} h`,
      describeAction(e.entry.action),
      e.same ? '(the same)' : e.instead.length === 0 ? '(nothing)' : e.instead.map((c) => describeAction(c.action)).join('; '),
      h(e.allRestoredH),
      e.loss === 0 ? '—' : `${e.loss > 0 ? '+' : '−'}${money(Math.abs(e.loss), label.unit)}`,
      biggest(e),
    ]);
  }
  const base = result.base.result;
  return [
    `What each decision of ${label.policy} (seed ${label.seed}) was worth: each replaced by what ${label.alternative} would have chosen when asked, the rest as it was.`,
    `As decided: everything back at ${base.allRestoredHours === null ? 'never (by the horizon)' : `${base.allRestoredHours.toFixed(1)} h`}. Most valuable replacement first; + is later or more lost.`,
    '',
    ...table(rows),
    '',
  ].join('\n');
}
