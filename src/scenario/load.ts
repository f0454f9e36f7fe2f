/**
 * Loading scenarios and designs: YAML with positions, `extends` overlays,
 * validation by the one schema, then cross-references. Returns a Scenario or
 * throws a ScenarioError listing every problem as `file:line:col: path:
 * expected …` — never another exception for bad input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ScenarioError, formatPath, quote, suggest, type ScenarioIssue } from './errors.js';
import { scenarioFingerprint } from './fingerprint.js';
import { FILE_BYTES, atMost, checkTotals } from './limits.js';
import { adopt, merge, originOf, type Origin, type Origins } from './overlay.js';
import { checkReferences } from './references.js';
import { Scenario } from './schema.js';
import { displayPath, listBuiltInDesigns, listBuiltInScenarios, resolveScenarioPath } from './builtIns.js';
import { readBuiltInEntry } from './precompiled.js';
import { parseSource, positionOf, type Source } from './source.js';
import { checkProvenance } from './uncertainty.js';
import { expandTemplates, writtenPath, type Expansions, type LocateWritten } from './templates.js';

/** Metadata a design file carries under `design:`. */
export interface DesignInfo {
  id: string;
  title: string;
  description?: string;
}

/** A loaded scenario with the design overlay that produced it, if any. */
export interface Loaded {
  scenario: Scenario;
  design: DesignInfo | null;
  /** Files read, base first. */
  files: string[];
  /** SHA-256 of what a run simulates (fingerprint.ts), worked out at load so that a run need not hash. */
  fingerprint: string;
}

/** What to do to a scenario's merged document before it is validated (a sweep's `--vary`). */
export interface LoadOptions {
  edit?: (document: Record<string, unknown>) => void;
}

/** Loads a built-in scenario or design by name (from its precompiled entry when current), or a file by path. */
export function loadScenario(nameOrPath: string, kind: 'scenario' | 'design' = 'scenario', options: LoadOptions = {}): Loaded {
  return readBuiltInEntry(nameOrPath, kind, options) ?? loadScenarioYaml(nameOrPath, kind, options);
}

/** `loadScenario` without looking for a precompiled entry: reads and validates the YAML. */
export function loadScenarioYaml(nameOrPath: string, kind: 'scenario' | 'design', options: LoadOptions): Loaded {
  const path = resolveScenarioPath(nameOrPath, kind);
  if (!existsSync(path) && !nameOrPath.includes('/') && !nameOrPath.endsWith('.yaml')) {
    const known = kind === 'design' ? listBuiltInDesigns() : listBuiltInScenarios();
    const hint = suggest(nameOrPath, known);
    throw new ScenarioError([{ file: nameOrPath, line: 1, column: 1, path: '', expected: `expected a built-in ${kind} (${known.join(', ')}) or a path to a .yaml file${hint ? `; did you mean "${hint}"?` : ''}` }]);
  }
  return loadFile(path, options);
}

/** Loads a scenario or design file, following `extends`. */
export function loadFile(path: string, options: LoadOptions = {}): Loaded {
  return loadChain(path, options).loaded;
}

/** Loads a file and the files it extends; `paths` are theirs, absolute, base first; `document` is what they say merged, before validation. */
export function loadChain(path: string, options: LoadOptions = {}): { loaded: Loaded; paths: string[]; document: Record<string, unknown> } {
  const sources: Source[] = [];
  const paths: string[] = [];
  const issues: ScenarioIssue[] = [];

  // Read the chain, top file first.
  let current = path;
  const seen = new Set<string>();
  for (;;) {
    const file = displayPath(current);
    if (seen.has(current)) {
      throw new ScenarioError([{ file: sources.at(-1)!.file, ...positionOf(sources.at(-1)!, ['extends']), path: 'extends', expected: `expected a chain of extends that ends; ${file} is extended twice` }]);
    }
    seen.add(current);
    let text: string;
    try {
      // Size first: a file of gigabytes would be read whole before the parser could refuse it.
      const bytes = statSync(current).size;
      if (bytes > FILE_BYTES.max) throw new ScenarioError([{ file, line: 1, column: 1, path: '', expected: `expected ${atMost(FILE_BYTES)}, got ${(bytes / 1024 / 1024).toFixed(1)} MiB` }]);
      text = readFileSync(current, 'utf8');
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      const from = sources.at(-1);
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
      if (from) throw new ScenarioError([{ file: from.file, ...positionOf(from, ['extends']), path: 'extends', expected: `expected a scenario to extend, but ${file} cannot be read: ${reason}` }]);
      throw new ScenarioError([{ file, line: 1, column: 1, path: '', expected: `expected a readable scenario file, but ${reason}` }]);
    }
    const parsed = parseSource(text, file);
    if ('issues' in parsed) throw new ScenarioError(parsed.issues);
    sources.push(parsed.source);
    paths.unshift(current);
    const data = parsed.source.data as Record<string, unknown>;
    if (data.extends === undefined) break;
    if (typeof data.extends !== 'string' || data.extends === '') {
      throw new ScenarioError([{ file, ...positionOf(parsed.source, ['extends']), path: 'extends', expected: 'expected the name of a built-in scenario or a path to a .yaml file' }]);
    }
    const base = data.extends;
    const next = resolveScenarioPath(base, 'scenario', dirname(current));
    if (!existsSync(next) && !base.includes('/') && !base.endsWith('.yaml')) {
      const known = listBuiltInScenarios();
      const hint = suggest(base, known);
      throw new ScenarioError([{ file, ...positionOf(parsed.source, ['extends']), path: 'extends', expected: `expected a built-in scenario (${known.join(', ')}) or a path, got "${base}"${hint ? `; did you mean "${hint}"?` : ''}` }]);
    }
    current = next;
  }

  // Merge base first; strip the overlay-only keys.
  const origins: Origins = new WeakMap();
  const order = [...sources].reverse(); // base first
  let design: DesignInfo | null = null;
  let merged: unknown = null;
  const rootOrigin: Origin = { source: order.length - 1, path: [] };
  order.forEach((source, i) => {
    const data = { ...(source.data as Record<string, unknown>) };
    delete data.extends;
    if (data.design !== undefined) {
      const info = data.design as Record<string, unknown>;
      if (i === order.length - 1 && info && typeof info === 'object' && typeof info.id === 'string') {
        design = { id: info.id, title: String(info.title ?? info.id), ...(typeof info.description === 'string' ? { description: info.description } : {}) };
      }
      delete data.design;
    }
    merged = i === 0 ? adopt(data, { source: 0, path: [] }, origins) : merge(merged, data, { source: i, path: [] }, origins);
  });

  options.edit?.(merged as Record<string, unknown>);
  const expansions = expand(merged as Record<string, unknown>, origins, order);
  const locate = (path: ReadonlyArray<PropertyKey>, atKey?: string): Omit<ScenarioIssue, 'expected'> => {
    const full = atKey === undefined ? path : [...path, atKey];
    const { origin, rest } = originOf(merged, rootOrigin, full, origins);
    const source = order[origin.source]!;
    const pos = atKey !== undefined && rest.length === 0 ? positionOf(source, origin.path.slice(0, -1), atKey) : positionOf(source, [...origin.path, ...rest]);
    return { file: source.file, line: pos.line, column: pos.column, path: writtenPath(merged, path, expansions) };
  };

  const result = Scenario.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) issues.push(...describeIssue(issue, merged, locate));
    throw new ScenarioError(issues);
  }
  const at = (path: ReadonlyArray<PropertyKey>, expected: string) => ({ ...locate(path), expected });
  const refIssues = [...checkTotals(result.data, at), ...checkReferences(result.data, at), ...checkProvenance(result.data, at)];
  if (refIssues.length > 0) throw new ScenarioError(refIssues);
  return { loaded: { scenario: result.data, design, files: order.map((s) => s.file), fingerprint: scenarioFingerprint(result.data) }, paths, document: merged as Record<string, unknown> };
}

/** Loads scenario text (for tests and tools), resolving `extends` against the built-in folder. */
export function loadText(text: string, file: string): Loaded {
  const parsed = parseSource(text, file);
  if ('issues' in parsed) throw new ScenarioError(parsed.issues);
  if ((parsed.source.data as Record<string, unknown>).extends !== undefined) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: 'extends', expected: 'expected a file on disk to extend from (use loadFile)' }]);
  }
  const origins: Origins = new WeakMap();
  const data = adopt({ ...(parsed.source.data as Record<string, unknown>) }, { source: 0, path: [] }, origins) as Record<string, unknown>;
  delete data.design;
  const expansions = expand(data, origins, [parsed.source]);
  const locate = (path: ReadonlyArray<PropertyKey>, atKey?: string) => {
    const { origin, rest } = originOf(data, { source: 0, path: [] }, atKey === undefined ? path : [...path, atKey], origins);
    const pos = atKey !== undefined && rest.length === 0 ? positionOf(parsed.source, origin.path.slice(0, -1), atKey) : positionOf(parsed.source, [...origin.path, ...rest]);
    return { file, line: pos.line, column: pos.column, path: writtenPath(data, path, expansions) };
  };
  const result = Scenario.safeParse(data);
  if (!result.success) throw new ScenarioError(result.error.issues.flatMap((issue) => describeIssue(issue, data, locate)));
  const at = (path: ReadonlyArray<PropertyKey>, expected: string) => ({ ...locate(path), expected });
  const refIssues = [...checkTotals(result.data, at), ...checkReferences(result.data, at), ...checkProvenance(result.data, at)];
  if (refIssues.length > 0) throw new ScenarioError(refIssues);
  return { scenario: result.data, design: null, files: [file], fingerprint: scenarioFingerprint(result.data) };
}

/** Expands the templates of a merged document in place (templates.ts); their mistakes are thrown, located in the files. */
function expand(doc: Record<string, unknown>, origins: Origins, sources: readonly Source[]): Expansions {
  const locate: LocateWritten = (origin, rest, path, expected) => {
    const source = sources[origin.source]!;
    const pos = positionOf(source, [...origin.path, ...rest]);
    return { file: source.file, line: pos.line, column: pos.column, path, expected };
  };
  const { issues, expansions } = expandTemplates(doc, origins, locate);
  if (issues.length > 0) throw new ScenarioError(issues);
  return expansions;
}

type Locate = (path: ReadonlyArray<PropertyKey>, atKey?: string) => Omit<ScenarioIssue, 'expected'>;

const DISTRIBUTION_FORMS =
  'a duration (2h) or one of { uniform: [min, max] }, { triangular: [min, mode, max] }, { exponential: mean }, { lognormal: { median, p90 } }, { weibull: { shape, scale } }, { normal: { mean, sd } }, { empirical: [[duration, p], …] }';

/** Turns one zod issue into located issues phrased for a scenario author. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, locate: Locate): ScenarioIssue[] {
  const path = issue.path as PropertyKey[];
  const value = valueAt(data, path);
  const got = describeValue(value);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = suggest(key, knownKeys(path, data));
        return { ...locate(path, key), path: formatPath([...path, key]), expected: `unknown key ${quote(key, 60)}${hint ? `; did you mean "${hint}"?` : `; expected one of ${knownKeys(path, data).join(', ')}`}` };
      });
    case 'invalid_type': {
      if (value === undefined) {
        // Point at the key of the mapping the field is missing from (`people:`), not at its first child.
        const parent = path.slice(0, -1);
        const at = parent.length > 0 && typeof parent.at(-1) === 'string' ? locate(parent.slice(0, -1), parent.at(-1) as string) : locate(parent);
        return [{ ...at, path: formatPath(path), expected: `expected ${typeWord(issue.expected)}, but it is missing` }];
      }
      return [{ ...locate(path), expected: `expected ${typeWord(issue.expected)}, got ${got}` }];
    }
    case 'too_small':
    case 'too_big':
      if (/^at (most|least) /.test(issue.message)) return [{ ...locate(path), expected: `expected ${issue.message}, got ${got}` }];
      if (issue.code === 'too_big') return [{ ...locate(path), expected: issue.origin === 'array' ? `expected at most ${issue.maximum} items` : `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}, got ${got}` }];
      return [{ ...locate(path), expected: issue.origin === 'array' ? `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}, got ${Array.isArray(value) ? value.length : 0}` : `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}, got ${got}` }];
    case 'invalid_value':
      return [{ ...locate(path), expected: `expected one of ${issue.values.map(String).join(', ')}, got ${got}` }];
    case 'invalid_format':
      return [{ ...locate(path), expected: `expected ${issue.message}, got ${got}` }];
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return [{ ...locate(path), expected: `expected one of ${options.map(String).join(', ')}, got ${got}` }];
      }
      // A mapping naming one known form ({ triangular: … }) is judged by that form alone.
      const branch = issue.errors.find((issues) => issues.length > 0 && !issues.some((i) => i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type')));
      if (branch !== undefined) return branch.flatMap((inner) => describeIssue({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, data, locate));
      // A union that says what it accepts (a figure or a range) says so; the others are distributions.
      const accepts = issue.message !== undefined && issue.message !== 'Invalid input' ? issue.message : DISTRIBUTION_FORMS;
      return [{ ...locate(path), expected: `expected ${accepts}, got ${got}` }];
    }
    case 'custom':
      return [{ ...locate(path), expected: issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}` }];
    default:
      return [{ ...locate(path), expected: `expected ${issue.message}` }];
  }
}

function typeWord(expected: string): string {
  const words: Record<string, string> = { number: 'a number', int: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a mapping', tuple: 'a list', record: 'a mapping' };
  return words[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}

/** The keys the schema allows in the mapping at `path`, read from the generated JSON Schema. */
function knownKeys(path: ReadonlyArray<PropertyKey>, data: unknown): string[] {
  let node: JsonSchemaNode | undefined = inputSchema();
  for (let i = 0; i < path.length && node; i++) node = step(node, path[i]!, valueAt(data, path.slice(0, i)));
  const keys = new Set<string>();
  const collect = (ref: JsonSchemaNode | undefined) => {
    const n = deref(ref);
    if (!n) return;
    Object.keys(n.properties ?? {}).forEach((k) => keys.add(k));
    (n.anyOf ?? n.oneOf ?? []).forEach(collect);
  };
  collect(node);
  return [...keys];
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  prefixItems?: JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  $ref?: string;
  $defs?: Record<string, JsonSchemaNode>;
}

/** Follows a `#/$defs/Name` reference of the generated schema. */
function deref(node: JsonSchemaNode | undefined): JsonSchemaNode | undefined {
  if (node?.$ref === undefined) return node;
  return inputSchema().$defs?.[node.$ref.replace('#/$defs/', '')];
}

function step(original: JsonSchemaNode, key: PropertyKey, _container: unknown): JsonSchemaNode | undefined {
  const node = deref(original)!;
  const branches = node.anyOf ?? node.oneOf;
  if (branches) {
    const found = branches.map((b) => step(b, key, _container)).filter((x): x is JsonSchemaNode => x !== undefined);
    return found.length <= 1 ? found[0] : { anyOf: found };
  }
  if (typeof key === 'number') return node.prefixItems?.[key] ?? node.items;
  return node.properties?.[key as string] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
}

let cachedSchema: JsonSchemaNode | null = null;
function inputSchema(): JsonSchemaNode {
  cachedSchema ??= z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  return cachedSchema;
}
