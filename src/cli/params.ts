/**
 * `firedrill params [SCENARIO]`: every parameter that drives timing or
 * damage, with its value as written, its tag (sourced, assumed, calibrated)
 * and what stands behind it, its prior, and with `--posterior` what a fit
 * made of it; then any value no entry speaks for.
 */
import { readPosterior } from '../calibrate/posterior.js';
import { existsSync } from 'node:fs';
import { loadChain, loadScenarioYaml } from '../scenario/load.js';
import { describeParameters, type ParameterEntry } from '../scenario/paramsReport.js';
import { resolveScenarioPath } from '../scenario/builtIns.js';
import { UsageError } from './errors.js';

/** Options of `firedrill params`. */
export interface ParamsOptions {
  design?: string;
  posterior?: string;
  json?: boolean;
  untagged?: boolean;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Nearest-rank quantiles of a sample. */
function quantiles(xs: number[], ps: number[]): number[] {
  const s = [...xs].sort((a, b) => a - b);
  return ps.map((p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!);
}

export function paramsCommand(scenarioArg: string | undefined, options: ParamsOptions): void {
  const [name, kind] = options.design !== undefined ? [options.design, 'design' as const] : [scenarioArg ?? 'pangyo-2022', 'scenario' as const];
  const file = resolveScenarioPath(name, kind);
  // A name that is no built-in gets the loader's message, with the built-ins and the nearest one.
  if (!existsSync(file)) loadScenarioYaml(name, kind, {});
  const chain = loadChain(file);
  const { scenario, design } = chain.loaded;
  const { entries, untagged, values } = describeParameters(scenario, chain.document);
  const posterior = options.posterior === undefined ? null : readPosterior(options.posterior).posterior;
  if (posterior !== null && posterior.scenario !== scenario.id) throw new UsageError(`--posterior ${options.posterior}: it was fitted on scenario ${posterior.scenario}, not ${scenario.id}`);
  const fitted = (path: string) => {
    const k = posterior?.parameters.findIndex((p) => p.path === path) ?? -1;
    if (k < 0) return null;
    const [p5, p50, p95] = quantiles(posterior!.particles.map((p) => p.factors[k]!), [0.05, 0.5, 0.95]);
    return { p5: round(p5!), p50: round(p50!), p95: round(p95!) };
  };
  if (options.json) {
    const shown = options.untagged ? [] : entries.map((e) => ({ ...e, ...(posterior === null ? {} : { posterior: fitted(e.path) }) }));
    process.stdout.write(`${JSON.stringify({ scenario: scenario.id, design: design?.id ?? null, values, entries: shown, untagged })}\n`);
    return;
  }
  const out: string[] = [];
  const counts = (tag: string) => entries.filter((e) => e.tag === tag).length;
  const priors = entries.filter((e) => e.prior !== null).length;
  out.push(`${scenario.id}${design ? ` with design ${design.id}` : ''}: ${entries.length} entries (${counts('sourced')} sourced, ${counts('assumed')} assumed, ${counts('calibrated')} calibrated) for ${values} values; ${priors} with a prior; ${untagged.length} value${untagged.length === 1 ? '' : 's'} untagged.`);
  out.push('A prior is a factor on the value as written, drawn per run with --priors or --posterior.');
  if (!options.untagged) {
    for (const tag of ['calibrated', 'assumed', 'sourced'] as const) {
      const group = entries.filter((e) => e.tag === tag);
      if (group.length === 0) continue;
      out.push('', `${tag.toUpperCase()}`);
      for (const e of group) out.push(...entryLines(e, fitted(e.path)));
    }
  }
  if (untagged.length > 0) out.push('', 'UNTAGGED (no entry of parameters: speaks for these)', ...untagged.map((p) => `  ${p}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

function entryLines(e: ParameterEntry, posterior: { p5: number; p50: number; p95: number } | null): string[] {
  const value = e.values.length === 1 && e.values[0]!.path === '' ? e.values[0]!.value : `${e.values.length} value${e.values.length === 1 ? '' : 's'}: ${e.values.slice(0, 3).map((v) => `${v.path} ${v.value}`).join('; ')}${e.values.length > 3 ? '; …' : ''}`;
  const lines = [`  ${e.path} = ${value}`];
  if (e.prior !== null) {
    const range = `prior ×${e.prior.low}–${e.prior.high} (${e.prior.form})${e.priorValues ? `: ${e.priorValues.low} to ${e.priorValues.high}` : ''}`;
    lines.push(`      ${range}${posterior ? `; posterior ×${posterior.p50} (P5–P95 ×${posterior.p5}–${posterior.p95})` : ''}`);
  }
  if (e.tiedTo !== null) lines.push(`      takes the factor drawn for ${e.tiedTo}`);
  lines.push(`      ${e.text}`);
  return lines;
}
