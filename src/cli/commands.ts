/**
 * The commands `run`, `designs` and `compare`: load, run, report. Results go
 * to stdout (or the file asked for, written whole or not at all).
 */
import { basename } from 'node:path';
import { resolveOutput, writeOutput } from '../files/output.js';
import { quantile } from '../run/calibration.js';
import { runScenario, type RunResult } from '../run/runScenario.js';
import { listBuiltInDesigns } from '../scenario/builtIns.js';
import type { Loaded } from '../scenario/load.js';
import { scenarioFingerprint } from '../scenario/fingerprint.js';
import { openScenario } from '../scenario/open.js';
import type { RunStartMessage, StreamMessage } from '../stream/protocol.js';
import { UsageError } from './errors.js';
import { money, renderReport, table } from './report.js';

/** Options of `firedrill run`. */
export interface RunCommandOptions {
  design?: string;
  policy: string;
  seed: number;
  out?: string;
  json?: boolean;
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
  return openScenario(scenario ?? 'pangyo-2022', 'scenario');
}

function checkPolicy(loaded: Loaded, policy: string): void {
  const known = Object.keys(loaded.scenario.policies);
  if (!known.includes(policy)) throw new UsageError(`--policy must be one of ${known.join(', ')} (from the scenario), got "${policy}"`);
}

/** `firedrill run`: one run, reported as text, as one JSON object, and/or recorded as NDJSON. */
export async function runCommand(scenarioArg: string | undefined, options: RunCommandOptions, version: string): Promise<void> {
  // Where the recording goes is settled before the run, so a path that cannot be written fails at once.
  const out = options.out === undefined ? null : resolveOutput(options.out);
  const recordingOnStdout = out?.kind === 'stream' && out.stream === 'stdout';
  if (recordingOnStdout && options.json) throw new UsageError(`--out ${options.out} and --json would both write to stdout; give --out a file name, or leave out --json`);
  const loaded = await loadForRun(scenarioArg, options.design);
  checkPolicy(loaded, options.policy);
  const lines: string[] = [];
  let start: RunStartMessage | null = null;
  const end = runScenario({
    scenario: loaded.scenario,
    design: loaded.design?.id ?? null,
    policy: options.policy,
    seed: options.seed,
    version,
    fleetFrames: options.out !== undefined,
    sink: (message: StreamMessage) => {
      if (message.type === 'run.start') start = message;
      if (options.out !== undefined) lines.push(JSON.stringify(message));
    },
  });
  if (out !== null) writeOutput(out, `${lines.join('\n')}\n`);
  // A recording on stdout is the whole output: a report after it would spoil the NDJSON.
  if (recordingOnStdout) return;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(loaded, options, end))}\n`);
  } else {
    process.stdout.write(`${renderReport(start!, end, loaded.scenario.promise?.text ?? null)}\n`);
    if (options.out !== undefined) process.stdout.write(`\nRecording written to ${options.out} (${lines.length} messages).\n`);
  }
}

/** The `--json` shape of a run. */
export function jsonSummary(loaded: Loaded, options: RunCommandOptions, end: RunResult) {
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
      lossPerPersonWon: g.lossPerPersonWon,
      compensationPerPersonWon: g.compensationPerPersonWon,
      compensatedShare: g.compensatedShare,
      eligiblePeople: g.eligiblePeople,
      userHoursLost: g.userHoursLost,
      lossTotalWon: g.lossTotalWon,
      compensationTotalWon: g.compensationTotalWon,
    })),
    scenarioSha256: scenarioFingerprint(loaded.scenario),
  };
}

/** `firedrill designs`: the built-in designs with what each changes. */
export async function designsCommand(): Promise<void> {
  const out: string[] = ['Built-in designs (each an overlay on the Pangyo scenario, in scenarios/designs/):', ''];
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
  designs: string[];
  policy: string;
  seeds: number[];
  json?: boolean;
}

/** `firedrill compare`: designs side by side on the same seeds (medians when several). */
export async function compareCommand(options: CompareOptions): Promise<void> {
  const loaded = await Promise.all(options.designs.map((d) => openScenario(d, 'design')));
  loaded.forEach((l) => checkPolicy(l, options.policy));
  const results = loaded.map((l) => options.seeds.map((seed) => runScenario({ scenario: l.scenario, design: l.design?.id ?? null, policy: options.policy, seed })));
  // A run where something never came back counts as later than any that did.
  const median = (xs: Array<number | null>) => {
    const m = quantile(xs.map((x) => x ?? Infinity), 0.5);
    return m === null || !Number.isFinite(m) ? null : m;
  };
  const services = results[0]![0]!.services;
  const summary = {
    policy: options.policy,
    seeds: options.seeds,
    designs: options.designs.map((d, i) => ({
      design: d,
      allRestoredHours: median(results[i]!.map((r) => r.allRestoredHours)),
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
  const rows = [['normal at', ...options.designs]];
  services.forEach((s, si) => rows.push([s.name, ...summary.designs.map((d) => fmt(d.services[si]!.normalHours))]));
  rows.push(['everything restored', ...summary.designs.map((d) => fmt(d.allRestoredHours))]);
  const seeds = options.seeds.length === 1 ? `seed ${options.seeds[0]}` : `medians over seeds ${options.seeds[0]}..${options.seeds.at(-1)}`;
  process.stdout.write(`Same fire, same hardware luck, different designs (policy ${options.policy}, ${seeds}):\n\n${table(rows).join('\n')}\n`);
  if (ledger[0]!.length > 0) {
    const lossRows = [['loss per person (median)', ...options.designs]];
    ledger[0]!.forEach((g, gi) => {
      lossRows.push([g.name, ...ledger.map((l, di) => {
        const x = l[gi]!;
        if (x.lossPerPersonWon === null) return `${x.outageHours.toFixed(1)} h without`;
        return di === 0 ? money(x.lossPerPersonWon) : `${money(x.lossPerPersonWon)} (saves ${money(x.savedPerPersonWon ?? 0)})`;
      })]);
    });
    lossRows.push(['total lost (median)', ...ledger.map((l, di) => {
      const total = l.reduce((a, g) => a + (g.lossTotalWon ?? 0), 0);
      const first = ledger[0]!.reduce((a, g) => a + (g.lossTotalWon ?? 0), 0);
      return di === 0 ? money(total) : `${money(total)} (saves ${money(first - total)})`;
    })]);
    process.stdout.write(`\nWhat each design saves each group, against ${options.designs[0]} (groups without an income: hours without the service):\n\n${table(lossRows).join('\n')}\n`);
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
        lossPerPersonWon: g.lossPerPersonWon === null ? null : median(runs.map((r) => at(r).lossPerPersonWon!.p50)),
        lossTotalWon: g.lossTotalWon === null ? null : median(runs.map((r) => at(r).lossTotalWon!.p50)),
        compensationTotalWon: g.compensationTotalWon === null ? null : median(runs.map((r) => at(r).compensationTotalWon!)),
      };
    }),
  );
  return perDesign.map((groups) =>
    groups.map((g, gi) => {
      const base = perDesign[0]![gi];
      return {
        ...g,
        savedPerPersonWon: g.lossPerPersonWon === null || base?.lossPerPersonWon == null ? null : base.lossPerPersonWon - g.lossPerPersonWon,
        savedTotalWon: g.lossTotalWon === null || base?.lossTotalWon == null ? null : base.lossTotalWon - g.lossTotalWon,
      };
    }),
  );
}
