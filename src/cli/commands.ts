/**
 * The commands `run`, `designs` and `compare`: load, run, report. Results go
 * to stdout (or the file asked for, written whole or not at all).
 */
import { basename } from 'node:path';
import { decisionLog, type DecisionLog } from '../decide/log.js';
import { createRecorded } from '../decide/recorded.js';
import { ActionError, describeAction } from '../model/decisions.js';
import { resolveOutput, writeOutput } from '../files/output.js';
import { readPosterior, uncertaintyFor } from '../calibrate/posterior.js';
import { quantile } from '../run/calibration.js';
import { runLogged, runScenario, type RunResult } from '../run/runScenario.js';
import { defaultPolicy } from '../run/steppedRun.js';
import { DEFAULT_SCENARIO, defaultDesigns, designKind, listBuiltInDesigns } from '../scenario/builtIns.js';
import type { Loaded } from '../scenario/load.js';
import { currencyUnit } from '../scenario/currency.js';
import { openScenario } from '../scenario/open.js';
import type { RunStartMessage, StreamMessage } from '../stream/protocol.js';
import { entryPlace, readDecisionLog } from './decisionLogFile.js';
import { UsageError } from './errors.js';
import { money, renderReport, table } from './report.js';

/** Options of `firedrill run`. */
export interface RunCommandOptions {
  design?: string;
  /** [default: the scenario's first policy, or the log's] */
  policy?: string;
  /** [default: 1, or the log's] */
  seed?: number;
  out?: string;
  json?: boolean;
  /** Replay this decision log instead of a policy. */
  decisions?: string;
  /** Also write the run's decision log here. */
  decisionsOut?: string;
  /** Draw every parameter with a prior from it, on the run's seed. */
  priors?: boolean;
  /** Draw the calibrated parameters from this posterior (the rest from their priors). */
  posterior?: string;
}

/** `--priors` and `--posterior FILE`, checked: the posterior read, or null. */
export function parametersOption(options: { priors?: boolean; posterior?: string }) {
  if (options.priors === true && options.posterior !== undefined) throw new UsageError('give --priors or --posterior, not both (a posterior draws the calibrated parameters; the others come from their priors either way)');
  return options.posterior === undefined ? null : readPosterior(options.posterior);
}

/** Loads the scenario, or the design overlay on it. */
export async function loadForRun(scenario: string | undefined, design: string | undefined): Promise<Loaded> {
  if (design !== undefined) {
    const loaded = await openScenario(design, 'design');
    if (scenario !== undefined && !loaded.files.some((f) => basename(f, '.yaml') === basename(scenario, '.yaml'))) {
      throw new UsageError(`design ${design} extends ${loaded.files[0]}, not ${scenario}`);
    }
    return loaded;
  }
  return openScenario(scenario ?? DEFAULT_SCENARIO, 'scenario');
}

/** The policy asked for, checked against the scenario's; the scenario's first when none is. */
export function checkPolicy(loaded: Loaded, policy: string | undefined): string {
  const known = Object.keys(loaded.scenario.policies);
  if (policy === undefined) return defaultPolicy(loaded.scenario);
  if (!known.includes(policy)) throw new UsageError(`--policy must be one of ${known.join(', ')} (from the scenario), got "${policy}"`);
  return policy;
}

/** The scenario, seed and policy of a run that replays a decision log, checked against what the log was made on. */
async function loadForReplay(scenarioArg: string | undefined, options: RunCommandOptions, log: DecisionLog): Promise<{ loaded: Loaded; seed: number; policy: string }> {
  const loaded = await loadForRun(scenarioArg, options.design ?? (scenarioArg === undefined ? (log.design ?? undefined) : undefined));
  const file = options.decisions!;
  if (scenarioArg === undefined && options.design === undefined && log.design === null && loaded.scenario.id !== log.scenario) {
    throw new UsageError(`${file}: the log was made on scenario ${log.scenario}; name it (firedrill run SCENARIO --decisions ${file})`);
  }
  if (loaded.fingerprint !== log.scenarioSha256) {
    throw new UsageError(`${file}: the log was made on another model (scenario ${log.scenario}${log.design === null ? '' : `, design ${log.design}`}, fingerprint ${log.scenarioSha256.slice(0, 12)}); this run's is ${loaded.fingerprint.slice(0, 12)}`);
  }
  if (options.seed !== undefined && options.seed !== log.seed) throw new UsageError(`${file}: the log was made on seed ${log.seed}; its decisions answer that run's questions, not those of seed ${options.seed}`);
  if (options.policy !== undefined && options.policy !== log.policy) throw new UsageError(`${file}: the log's decisions are policy ${log.policy}'s; leave out --policy ${options.policy}`);
  return { loaded, seed: log.seed, policy: log.policy };
}

/** `firedrill run`: one run, reported as text, as one JSON object, and/or recorded as NDJSON. */
export async function runCommand(scenarioArg: string | undefined, options: RunCommandOptions, version: string): Promise<void> {
  // Where the outputs go is settled before the run, so a path that cannot be written fails at once.
  const out = options.out === undefined ? null : resolveOutput(options.out);
  const decisionsOut = options.decisionsOut === undefined ? null : resolveOutput(options.decisionsOut);
  const recordingOnStdout = out?.kind === 'stream' && out.stream === 'stdout';
  if (recordingOnStdout && options.json) throw new UsageError(`--out ${options.out} and --json would both write to stdout; give --out a file name, or leave out --json`);
  const posterior = parametersOption(options);
  const log = options.decisions === undefined ? null : readDecisionLog(options.decisions);
  const { loaded, seed, policy } = log === null ? await (async () => {
    const loaded = await loadForRun(scenarioArg, options.design);
    return { loaded, seed: options.seed ?? 1, policy: checkPolicy(loaded, options.policy) };
  })() : await loadForReplay(scenarioArg, options, log);
  const lines: string[] = [];
  let start: RunStartMessage | null = null;
  const recorded = log === null ? undefined : createRecorded(log.actions);
  const uncertainty = uncertaintyFor(loaded.scenario, { priors: options.priors, posterior });
  let ran: ReturnType<typeof runLogged>;
  try {
    ran = runLogged({
      scenario: loaded.scenario,
      ...(uncertainty === undefined ? {} : { uncertainty }),
      design: loaded.design?.id ?? null,
      policy,
      seed,
      version,
      fingerprint: loaded.fingerprint,
      fleetFrames: options.out !== undefined,
      ...(recorded === undefined ? {} : { decider: recorded }),
      sink: (message: StreamMessage) => {
        if (message.type === 'run.start') start = message;
        if (options.out !== undefined) lines.push(JSON.stringify(message));
      },
    });
  } catch (error) {
    if (error instanceof ActionError && options.decisions !== undefined && error.entry !== null) throw new UsageError(`${entryPlace(options.decisions, error.entry)}: cannot be taken: ${error.message}`);
    throw error;
  }
  const unused = recorded?.unused() ?? [];
  if (unused.length > 0) {
    const e = log!.actions[unused[0]!]!;
    throw new UsageError(`${entryPlace(options.decisions!, unused[0]!)}: ${describeAction(e.action)} was never taken: the run never stopped at ${e.stop === null ? `T+${((e.atMs - loaded.scenario.fire.ignition) / 3_600_000).toFixed(2)} h` : `the question ${e.stop}`}${unused.length > 1 ? ` (and ${unused.length - 1} more entries)` : ''}`);
  }
  const end = ran.result;
  if (out !== null) writeOutput(out, `${lines.join('\n')}\n`);
  if (decisionsOut !== null) {
    const header = { scenario: loaded.scenario.id, scenarioSha256: loaded.fingerprint, design: loaded.design?.id ?? null, policy, seed };
    writeOutput(decisionsOut, `${JSON.stringify(decisionLog(header, ran.log, loaded.scenario.fire.ignition), null, 1)}\n`);
  }
  // A recording on stdout is the whole output: a report after it would spoil the NDJSON.
  if (recordingOnStdout) return;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(loaded, { seed }, end))}\n`);
  } else {
    process.stdout.write(`${renderReport(start!, end, loaded.scenario.promise?.text ?? null)}\n`);
    if (options.out !== undefined) process.stdout.write(`\nRecording written to ${options.out} (${lines.length} messages).\n`);
  }
}

/** The `--json` shape of a run. */
export function jsonSummary(loaded: Loaded, options: { seed: number }, end: RunResult) {
  return {
    scenario: loaded.scenario.id,
    design: loaded.design?.id ?? null,
    seed: options.seed,
    allRestoredHours: end.allRestoredHours,
    services: end.services.map((s) => ({
      id: s.id,
      firstUsableHours: s.firstUsableHours,
      normalHours: s.normalHours,
      reportedFirstUsableHours: s.reportedFirstUsableHours,
      reportedNormalHours: s.reportedNormalHours,
      promiseMet: s.promiseMet,
    })),
    serverCurve: end.serverCurve,
    ledger: (end.ledger?.groups ?? []).map((g) => ({
      group: g.id,
      people: g.people,
      outageHours: g.outageHours,
      lossPerPerson: g.lossPerPerson,
      compensationPerPerson: g.compensationPerPerson,
      compensatedShare: g.compensatedShare,
      eligiblePeople: g.eligiblePeople,
      userHoursLost: g.userHoursLost,
      lossTotal: g.lossTotal,
      compensationTotal: g.compensationTotal,
    })),
    promises: end.promises,
    scenarioSha256: loaded.fingerprint,
    ...(end.parameters === undefined ? {} : { parameters: end.parameters }),
  };
}

/** `firedrill designs`: the built-in designs with what each changes. */
export async function designsCommand(): Promise<void> {
  const out: string[] = ['Built-in designs (each an overlay on a built-in scenario, in scenarios/designs/):', ''];
  for (const name of listBuiltInDesigns()) {
    const loaded = await openScenario(name, 'design');
    out.push(`  ${name} — ${loaded.design?.title ?? name}`);
    if (loaded.design?.description) out.push(`      ${loaded.design.description}`);
  }
  out.push('', 'Run one with: firedrill run --design NAME   (or a path to your own design file)');
  out.push('Compare:     firedrill compare --designs as-built-2022,naver-like --seeds 1..20');
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Options of `firedrill compare`. */
export interface CompareOptions {
  /** [default: the built-in designs of the scenario, or the scenario itself as written] */
  designs?: string[];
  /** One or more policies (deciders); every design runs under each. [default: the scenario's first] */
  policies?: string[];
  seeds: number[];
  json?: boolean;
  priors?: boolean;
  posterior?: string;
}

/** `firedrill compare`: designs and deciders side by side on the same seeds (medians when several). */
export async function compareCommand(scenario: string | undefined, input: CompareOptions): Promise<void> {
  const options = { ...input, designs: input.designs ?? defaultDesigns(scenario) };
  const posterior = parametersOption(options);
  const loaded = await Promise.all(options.designs.map((d) => openScenario(d, designKind(d))));
  // Each design draws on its own scenario, on the same streams: the same seed gives every arm the same draws.
  const uncertainty = loaded.map((l) => uncertaintyFor(l.scenario, { priors: options.priors, posterior }));
  // As a sweep does: designs named beside a scenario must be overlays of it.
  if (scenario !== undefined) {
    const base = basename(scenario).replace(/\.ya?ml$/, '');
    loaded.forEach((l, i) => {
      if (!l.files.some((f) => basename(f).replace(/\.ya?ml$/, '') === base)) throw new UsageError(`--designs: ${options.designs[i]} extends ${l.files[0]}, not ${scenario}`);
    });
  }
  const policies = options.policies ?? [defaultPolicy(loaded[0]!.scenario)];
  if (new Set(policies).size !== policies.length) throw new UsageError(`--policies: expected each policy once, got ${policies.join(',')}`);
  loaded.forEach((l) => policies.forEach((p) => checkPolicy(l, p)));
  // Every (design, policy) is an arm; the same seeds give every arm the same fire and the same luck.
  const arms = options.designs.flatMap((design, di) => policies.map((policy) => ({ design, policy, loaded: loaded[di]!, uncertainty: uncertainty[di] })));
  const label = (a: (typeof arms)[number]) => (policies.length === 1 ? a.design : options.designs.length === 1 ? a.policy : `${a.design} · ${a.policy}`);
  const results = arms.map((a) => options.seeds.map((seed) => runScenario({ scenario: a.loaded.scenario, design: a.loaded.design?.id ?? null, policy: a.policy, seed, ...(a.uncertainty === undefined ? {} : { uncertainty: a.uncertainty }) })));
  // A run where something never came back counts as later than any that did.
  const median = (xs: Array<number | null>) => {
    const m = quantile(xs.map((x) => x ?? Infinity), 0.5);
    return m === null || !Number.isFinite(m) ? null : m;
  };
  const services = results[0]![0]!.services;
  const summary = {
    policies,
    seeds: options.seeds,
    parameters: posterior !== null ? `drawn: calibrated from ${posterior.file}, the rest from their priors` : options.priors === true ? 'drawn from their priors' : 'as written',
    designs: arms.map((a, i) => ({
      design: a.design,
      policy: a.policy,
      allRestoredHours: median(results[i]!.map((r) => r.allRestoredHours)),
      // Paired on the seed against the first arm: the difference the design or decider makes, run by run.
      allRestoredVsFirstHours: median(results[i]!.map((r, k) => (r.allRestoredHours === null || results[0]![k]!.allRestoredHours === null ? null : r.allRestoredHours - results[0]![k]!.allRestoredHours))),
      services: services.map((s) => ({
        id: s.id,
        firstUsableHours: median(results[i]!.map((r) => r.services.find((x) => x.id === s.id)?.firstUsableHours ?? null)),
        normalHours: median(results[i]!.map((r) => r.services.find((x) => x.id === s.id)?.normalHours ?? null)),
      })),
    })),
  };
  const ledger = compareLedgers(results);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, designs: summary.designs.map((d, i) => ({ ...d, ledger: ledger[i]! })) })}\n`);
    return;
  }
  const fmt = (x: number | null) => (x === null ? 'not back' : `${x.toFixed(1)} h`);
  const names = arms.map(label);
  const rows = [['normal at', ...names]];
  services.forEach((s, si) => rows.push([s.name, ...summary.designs.map((d) => fmt(d.services[si]!.normalHours))]));
  rows.push(['everything restored', ...summary.designs.map((d) => fmt(d.allRestoredHours))]);
  const drawnNote = summary.parameters === 'as written' ? '' : `, parameters ${summary.parameters} on each seed`;
  const seeds = (options.seeds.length === 1 ? `seed ${options.seeds[0]}` : `medians over seeds ${options.seeds[0]}..${options.seeds.at(-1)}`) + drawnNote;
  const what = policies.length === 1 ? `different designs (policy ${policies[0]}` : options.designs.length === 1 ? `different decisions (design ${options.designs[0]}` : 'different designs and decisions (';
  process.stdout.write(`Same fire, same hardware luck, ${what}, ${seeds}):\n\n${table(rows).join('\n')}\n`);
  if (ledger[0]!.length > 0) {
    const unit = currencyUnit(loaded[0]!.scenario);
    const lossRows = [['loss per person (median)', ...names]];
    ledger[0]!.forEach((g, gi) => {
      lossRows.push([g.name, ...ledger.map((l, di) => {
        const x = l[gi]!;
        if (x.lossPerPerson === null) return `${x.outageHours.toFixed(1)} h without`;
        return di === 0 ? money(x.lossPerPerson, unit) : `${money(x.lossPerPerson, unit)} (saves ${money(x.savedPerPerson ?? 0, unit)})`;
      })]);
    });
    lossRows.push(['total lost (median)', ...ledger.map((l, di) => {
      const total = l.reduce((a, g) => a + (g.lossTotal ?? 0), 0);
      const first = ledger[0]!.reduce((a, g) => a + (g.lossTotal ?? 0), 0);
      return di === 0 ? money(total, unit) : `${money(total, unit)} (saves ${money(first - total, unit)})`;
    })]);
    process.stdout.write(`\nWhat each ${policies.length === 1 ? 'design' : 'choice'} saves each group, against ${names[0]} (groups without an income: hours without the service):\n\n${table(lossRows).join('\n')}\n`);
  }
}

/** Per design, per ledger group: medians over the seeds, and what the design saves against the first. */
function compareLedgers(results: RunResult[][]) {
  const median = (xs: number[]) => quantile(xs, 0.5) ?? 0;
  const perDesign = results.map((runs) =>
    (runs[0]!.ledger?.groups ?? []).map((g, gi) => {
      const at = (r: RunResult) => r.ledger!.groups[gi]!;
      return {
        group: g.id,
        name: g.name,
        outageHours: median(runs.map((r) => at(r).outageHours)),
        lossPerPerson: g.lossPerPerson === null ? null : median(runs.map((r) => at(r).lossPerPerson!.p50)),
        lossTotal: g.lossTotal === null ? null : median(runs.map((r) => at(r).lossTotal!.p50)),
        compensationTotal: g.compensationTotal === null ? null : median(runs.map((r) => at(r).compensationTotal!)),
      };
    }),
  );
  return perDesign.map((groups) =>
    groups.map((g, gi) => {
      const base = perDesign[0]![gi];
      return {
        ...g,
        savedPerPerson: g.lossPerPerson === null || base?.lossPerPerson == null ? null : base.lossPerPerson - g.lossPerPerson,
        savedTotal: g.lossTotal === null || base?.lossTotal == null ? null : base.lossTotal - g.lossTotal,
      };
    }),
  );
}
