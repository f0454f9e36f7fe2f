/**
 * A scenario's parameters as `firedrill params` shows them: each entry of its
 * `parameters:` section with its tag, its text, the values it speaks for as
 * written, and its prior as a range of factors and of values; then every
 * value the scenario writes that no entry speaks for.
 */
import type { DistributionSpec } from '../../sim/index.js';
import { scaleDistribution, typicalValue } from './draws.js';
import { joinParamPath, mostSpecific, parameterLeaves, resolvePattern, splitParamPath } from './paramPaths.js';
import { tagOf, type FactorPriorDef, type Tag } from './provenanceSchema.js';
import type { Scenario } from './schema.js';
import { isDistributionSpec, leafRule } from './uncertainty.js';
import { formatDuration } from './units.js';

/** One entry, ready to show. */
export interface ParameterEntry {
  path: string;
  tag: Tag;
  text: string;
  /** The values it speaks for, as written (durations in human units). */
  values: Array<{ path: string; value: string }>;
  /** Its prior on the factor, or null. */
  prior: { form: 'uniform' | 'log-uniform' | 'triangular'; low: number; high: number } | null;
  /** For an entry of one number or distribution with a prior: the lowest and highest value it can draw (a distribution's typical value). */
  priorValues: { low: string; high: string } | null;
  /** The entry whose factor it takes, or null. */
  tiedTo: string | null;
}

/** The values under a validated value: numbers, text, lists of them and distributions; names and ids left out. */
function validatedLeaves(value: unknown, path: string[]): Array<{ path: string[]; value: unknown }> {
  const scalarList = Array.isArray(value) && value.every((x) => x === null || typeof x !== 'object');
  if (value === null || typeof value !== 'object' || isDistributionSpec(value) || scalarList) return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => validatedLeaves(item, [...path, item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `[${i}]`]));
  return Object.entries(value).flatMap(([k, v]) => (k === 'id' || k === 'name' ? [] : validatedLeaves(v, [...path, k])));
}

/** A duration for people: to the minute from an hour up, to the second below. */
function showDuration(ms: number): string {
  return formatDuration(ms >= 3_600_000 ? Math.round(ms / 60_000) * 60_000 : Math.round(ms / 1000) * 1000);
}

/** A value of a validated scenario as a person would write it. */
export function showValue(path: string[], value: unknown): string {
  if (isDistributionSpec(value)) return showDistribution(value as DistributionSpec);
  if (typeof value === 'number') return leafRule(path, value).kind === 'duration' ? showDuration(value) : String(Math.round(value * 1e6) / 1e6);
  return JSON.stringify(value);
}

function showDistribution(spec: DistributionSpec): string {
  const d = showDuration;
  switch (spec.kind) {
    case 'constant':
      return d(spec.value);
    case 'uniform':
      return `uniform ${d(spec.min)}–${d(spec.max)}`;
    case 'triangular':
      return `triangular ${d(spec.min)}–${d(spec.mode)}–${d(spec.max)}`;
    case 'exponential':
      return `exponential, mean ${d(spec.mean)}`;
    case 'lognormal':
      return 'median' in spec ? `lognormal, median ${d(spec.median)}, P90 ${d(spec.p90)}` : `lognormal, median ${d(Math.exp(spec.mu))}`;
    case 'weibull':
      return `Weibull, shape ${spec.shape}, scale ${d(spec.scale)}`;
    case 'normal':
    case 'truncatedNormal':
      return `normal, mean ${d(spec.mean)}, sd ${d(spec.sd)}`;
    case 'empirical':
      return `empirical ${spec.points.map(([v, p]) => `${d(v)}@${p}`).join(' ')}`;
  }
}

function priorRange(prior: FactorPriorDef): ParameterEntry['prior'] {
  if ('uniform' in prior) return { form: 'uniform', low: prior.uniform[0], high: prior.uniform[1] };
  if ('logUniform' in prior) return { form: 'log-uniform', low: prior.logUniform[0], high: prior.logUniform[1] };
  return { form: 'triangular', low: prior.triangular[0], high: prior.triangular[2] };
}

/** What one value becomes at a factor, shown (a distribution by its typical value). */
function scaledShown(path: string[], value: unknown, f: number): string {
  const rule = leafRule(path, value);
  if (rule.kind === 'distribution') return showDuration(typicalValue(scaleDistribution(value as DistributionSpec, f)));
  const x = Math.min(rule.max, Math.max(rule.min, rule.integer ? Math.round((value as number) * f) : (value as number) * f));
  return rule.kind === 'duration' ? showDuration(x) : String(Math.round(x * 1e6) / 1e6);
}

/** Every entry of the scenario's `parameters:`, in the order written, and the written values no entry speaks for. */
export function describeParameters(scenario: Scenario, document: Record<string, unknown>): { entries: ParameterEntry[]; untagged: string[]; values: number } {
  const raw = Object.entries(scenario.parameters ?? {});
  const patterns = raw.map(([path]) => splitParamPath(path)!);
  const entries = raw.map(([path, entry]): ParameterEntry => {
    const { tag, text } = tagOf(entry);
    const pattern = splitParamPath(path)!;
    const matches = resolvePattern(scenario, pattern);
    // Shown relative to the entry's path when it names one place; in full when it has wildcards.
    const shownPath = (leaf: string[]) => (pattern.includes('*') ? joinParamPath(leaf) : joinParamPath(leaf.slice(pattern.length)));
    const own = raw.findIndex(([p]) => p === path);
    // A value a more specific entry speaks for is that entry's, not this one's.
    const values = matches.flatMap((m) => validatedLeaves(m.value, m.path).filter((l) => mostSpecific(patterns, l.path) === own).map((l) => ({ path: shownPath(l.path), value: showValue(l.path, l.value) })));
    const single = matches.length === 1 && (typeof matches[0]!.value === 'number' || isDistributionSpec(matches[0]!.value)) ? matches[0]! : null;
    const prior = entry.prior === undefined ? null : priorRange(entry.prior);
    return {
      path,
      tag,
      text,
      values,
      prior,
      priorValues: prior !== null && single !== null ? { low: scaledShown(single.path, single.value, prior.low), high: scaledShown(single.path, single.value, prior.high) } : null,
      tiedTo: entry.tiedTo ?? null,
    };
  });
  const leaves = parameterLeaves(document);
  const untagged = leaves.filter((leaf) => mostSpecific(patterns, leaf.path) === null).map((leaf) => joinParamPath(leaf.path));
  return { entries, untagged, values: leaves.length };
}
