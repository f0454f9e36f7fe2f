/**
 * The uncertain parameters of a validated scenario: each `parameters:` entry
 * with a prior, and the values it scales — every number and distribution
 * under the paths it names, unless a more specific entry speaks for one.
 * Each value keeps the bounds its field has in the schema (a count stays a
 * whole number of at least one, a chance stays in [0, 1]), so a drawn value
 * is always one the scenario could have been written with. Worked out once
 * per scenario, on the main thread; workers get the result as plain data.
 */
import { z } from 'zod';
import { joinParamPath, mostSpecific, resolvePattern, splitParamPath, type Segment } from './paramPaths.js';
import { tagOf, type FactorPriorDef, type Tag } from './provenanceSchema.js';
import type { IssueAt } from './references.js';
import type { ScenarioIssue } from './errors.js';
import { Scenario } from './schema.js';

/** One value a prior scales, with the bounds of its field. */
export interface UncertainLeaf {
  path: Segment[];
  /** `distribution`: every duration of it is scaled; `duration`: ms; `number`: a count, rate or chance. */
  kind: 'distribution' | 'duration' | 'number';
  integer: boolean;
  min: number;
  max: number;
}

/** A parameter with a prior: its path, its tag, and the values one drawn factor scales. */
export interface UncertainParameter {
  path: string;
  tag: Tag;
  text: string;
  prior: FactorPriorDef;
  leaves: UncertainLeaf[];
}

const DISTRIBUTION_KINDS = new Set(['constant', 'exponential', 'uniform', 'normal', 'lognormal', 'weibull', 'triangular', 'truncatedNormal', 'empirical']);

/** Whether a validated value is a distribution (a kernel DistributionSpec). */
export function isDistributionSpec(value: unknown): value is { kind: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && DISTRIBUTION_KINDS.has((value as { kind?: unknown }).kind as string);
}

/**
 * Why a prior cannot go on `path`, or null if it can. The world's layout
 * (halls, domains, placements, what a service needs) is built once per
 * scenario and shared by every run of it: a prior may scale timings, crews
 * and chances, not the layout.
 */
export function whyNoPrior(path: readonly Segment[]): string | null {
  const [top, , part, field] = path;
  if (top === 'fire' || top === 'servers' || top === 'people' || top === 'incident' || top === 'observation') return null;
  if (top === 'sites' && part === 'restoration') return null;
  if (top === 'services' && part === 'rebuild' && (field === 'duration' || field === 'teams' || field === 'rework')) return null;
  return 'a prior can scale timings, crews and chances (fire, servers, people, incident, observation, a site\'s restoration, a service\'s rebuild), not the layout or the policies';
}

/** The numbers and distributions under a validated value, each with its path. */
export function numericLeaves(value: unknown, path: Segment[]): Array<{ path: Segment[]; value: unknown }> {
  if (typeof value === 'number' || isDistributionSpec(value)) return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => numericLeaves(item, [...path, item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `[${i}]`]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'id' ? [] : numericLeaves(v, [...path, k])));
  return [];
}

interface JsonNode {
  type?: string | string[];
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  $ref?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

let inputSchema: (JsonNode & { $defs?: Record<string, JsonNode> }) | null = null;
const schema = () => (inputSchema ??= z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as JsonNode & { $defs?: Record<string, JsonNode> });
const deref = (node: JsonNode): JsonNode => (node.$ref === undefined ? node : (schema().$defs?.[node.$ref.replace('#/$defs/', '')] ?? {}));

/** The schema of the field at a document path (a list item, whatever its segment, is the list's `items`). */
function fieldSchema(path: readonly Segment[]): JsonNode | null {
  let nodes: JsonNode[] = [schema()];
  for (const segment of path) {
    const next: JsonNode[] = [];
    const visit = (raw: JsonNode): void => {
      const node = deref(raw);
      for (const branch of node.anyOf ?? node.oneOf ?? []) visit(branch);
      const child = node.properties?.[segment] ?? (node.items !== undefined ? node.items : undefined);
      if (child !== undefined) next.push(child);
    };
    nodes.forEach(visit);
    if (next.length === 0) return null;
    nodes = next;
  }
  return deref(nodes[0]!);
}

/** How a value scales: a distribution, a duration, or a number with its field's bounds (from the schema). */
export function leafRule(path: Segment[], value: unknown): UncertainLeaf {
  if (isDistributionSpec(value)) return { path, kind: 'distribution', integer: false, min: 0, max: Infinity };
  const field = fieldSchema(path);
  const branches = field === null ? [] : [field, ...(field.anyOf ?? field.oneOf ?? []).map(deref)];
  const numeric = branches.find((b) => b.type === 'integer' || b.type === 'number');
  if (numeric === undefined) return { path, kind: 'duration', integer: false, min: 0, max: Infinity }; // written as text: a duration, ms once validated
  const integer = numeric.type === 'integer';
  const lowest = numeric.minimum ?? (numeric.exclusiveMinimum !== undefined ? numeric.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -Infinity);
  return { path, kind: 'number', integer, min: lowest, max: numeric.maximum ?? Infinity };
}

const cache = new WeakMap<Scenario, UncertainParameter[]>();

/** The scenario's parameters with a prior, in the order of their paths, each with the values it scales. */
export function uncertainParameters(scenario: Scenario): UncertainParameter[] {
  let found = cache.get(scenario);
  if (found !== undefined) return found;
  const entries = Object.entries(scenario.parameters ?? {});
  const patterns = entries.map(([path]) => splitParamPath(path)!);
  // The values each entry speaks for: those under its paths that no more specific entry claims.
  const ownLeaves = (i: number): UncertainLeaf[] =>
    resolvePattern(scenario, patterns[i]!).flatMap((match) => numericLeaves(match.value, match.path).filter((leaf) => mostSpecific(patterns, leaf.path) === i).map((leaf) => leafRule(leaf.path, leaf.value)));
  const byPath = new Map<string, UncertainParameter>();
  found = [];
  entries.forEach(([path, entry], i) => {
    if (entry.prior === undefined) return;
    const { tag, text } = tagOf(entry);
    const parameter: UncertainParameter = { path, tag, text, prior: entry.prior, leaves: ownLeaves(i) };
    byPath.set(path, parameter);
    found!.push(parameter);
  });
  entries.forEach(([, entry], i) => {
    if (entry.tiedTo !== undefined) byPath.get(entry.tiedTo)?.leaves.push(...ownLeaves(i));
  });
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  cache.set(scenario, found);
  return found;
}

/** Located problems of the `parameters:` and `calibration:` sections, for the loader. */
export function checkProvenance(scenario: Scenario, at: IssueAt): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const [path, entry] of Object.entries(scenario.parameters ?? {})) {
    const segments = splitParamPath(path)!;
    const matches = resolvePattern(scenario, segments);
    if (matches.length === 0) {
      issues.push(at(['parameters', path], `expected a path to a value of the scenario; ${describeMiss(scenario, segments)}`));
      continue;
    }
    if (entry.tiedTo !== undefined) {
      const to = scenario.parameters?.[entry.tiedTo];
      if (entry.prior !== undefined) issues.push(at(['parameters', path, 'tiedTo'], 'expected a prior or tiedTo, not both: a tied value takes the factor of the entry it is tied to'));
      else if (to?.prior === undefined) issues.push(at(['parameters', path, 'tiedTo'], `expected the path of another entry of parameters: with a prior, got "${entry.tiedTo}"`));
    }
    if (entry.prior === undefined && entry.tiedTo === undefined) continue;
    const leaves = matches.flatMap((m) => numericLeaves(m.value, m.path));
    if (leaves.length === 0) {
      issues.push(at(['parameters', path, entry.prior === undefined ? 'tiedTo' : 'prior'], `expected a prior only on numbers, durations or distributions; ${path} holds none`));
      continue;
    }
    const why = leaves.map((l) => whyNoPrior(l.path)).find((w) => w !== null);
    if (why !== undefined && why !== null) issues.push(at(['parameters', path, entry.prior === undefined ? 'tiedTo' : 'prior'], `expected no prior here: ${why}`));
  }
  const history = scenario.history;
  (scenario.calibration?.targets ?? []).forEach((target, i) => {
    const [kind, service, field] = target.split('.');
    const ok =
      kind === 'serverCurve' ? (history?.serverCurve.length ?? 0) > 0 : kind === 'allRestored' ? history?.allRestored !== undefined : history?.services[service!]?.[field as 'firstUsable' | 'normal'] !== undefined;
    if (!ok) issues.push(at(['calibration', 'targets', i], `expected a figure the scenario's history: reports, got "${target}"`));
  });
  return issues;
}

function describeMiss(scenario: Scenario, segments: Segment[]): string {
  for (let i = segments.length - 1; i >= 0; i--) {
    const parent = segments.slice(0, i);
    const parents = resolvePattern(scenario, parent);
    if (parents.length > 0) {
      const has = new Set<string>();
      for (const p of parents) {
        const v = p.value;
        if (Array.isArray(v)) v.forEach((item, k) => has.add(item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `[${k}]`));
        else if (v !== null && typeof v === 'object') Object.keys(v).forEach((k) => has.add(k));
      }
      const where = i === 0 ? 'the scenario' : joinParamPath(parent);
      const list = [...has];
      return list.length === 0 ? `${where} is a value, not a mapping or a list` : `${where} has no "${segments[i]}"; it has ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}`;
    }
  }
  return 'nothing matches';
}
