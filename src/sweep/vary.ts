/**
 * `--vary PATH=v1,v2,…`: change one value of a scenario by its path in the
 * document (`people.engineers=2,4,8`, `fire.gasSuppressionSuccess=0,0.5`,
 * `services.kakao-auth.components.auth-core.placements[1].servers=0,600`).
 * A list of items with ids is entered by id or by `[index]`. A value is YAML,
 * so a distribution is written as in a scenario (`fire.extinguish={ triangular:
 * [4h, 6h, 9h] },12h`: commas inside brackets do not split values), and `x0.5`
 * scales what is there — a number, a duration, or every duration of a
 * distribution. The changed scenario is validated like any other.
 */
import { parse } from 'yaml';
import { UsageError } from '../cli/errors.js';
import { formatDuration, parseDuration } from '../scenario/units.js';

/** One value to set at one path. */
export interface Assignment {
  path: string;
  /** As written, for labels and commands. */
  text: string;
  value: unknown;
  /** Set: multiply what is at the path by this, instead of replacing it with `value`. */
  scale?: number;
}

/** A `--vary` option: a path and the values to try, one at a time. */
export interface Vary {
  path: string;
  values: Assignment[];
}

/** Parses `PATH=v1,v2,…`. */
export function parseVary(text: string): Vary {
  const m = /^([A-Za-z0-9_.\-[\]]+)=(.+)$/.exec(text.trim());
  if (m === null) throw new UsageError(`--vary: expected PATH=v1,v2,… such as people.engineers=2,4,8, got "${text}"`);
  const path = m[1]!;
  const values = splitValues(m[2]!, path);
  if (values.some((v) => v === '')) throw new UsageError(`--vary ${path}: expected values separated by commas, got "${m[2]}"`);
  if (new Set(values).size !== values.length) throw new UsageError(`--vary ${path}: expected each value once, got "${m[2]}"`);
  splitPath(path);
  return { path, values: values.map((v) => valueOf(path, v)) };
}

/** Splits at the commas that are not inside brackets, braces or quotes. */
function splitValues(text: string, path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
    if (depth < 0) throw new UsageError(`--vary ${path}: expected brackets that match, got "${text}"`);
  }
  if (depth !== 0 || quote !== null) throw new UsageError(`--vary ${path}: expected brackets and quotes that close, got "${text}"`);
  out.push(text.slice(from).trim());
  return out;
}

function valueOf(path: string, text: string): Assignment {
  const scale = /^[x×*]\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)$/i.exec(text);
  if (scale !== null) {
    const factor = Number(scale[1]);
    if (!(factor > 0) || !Number.isFinite(factor)) throw new UsageError(`--vary ${path}: expected a factor above zero, got "${text}"`);
    return { path, text, value: null, scale: factor };
  }
  try {
    return { path, text, value: parse(text) as unknown };
  } catch (error) {
    throw new UsageError(`--vary ${path}: expected a YAML value (a number, a duration, or a mapping such as { triangular: [1h, 2h, 4h] }), got "${text}": ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The value at a path scaled by `factor`: numbers multiplied, durations lengthened, a distribution's every duration. */
function scaled(value: unknown, factor: number, where: string): unknown {
  if (typeof value === 'number') return value * factor;
  if (typeof value === 'string') {
    const d = parseDuration(value);
    if (!d.ok) throw new UsageError(`--vary ${where}: x${factor} scales numbers and durations, got "${value}"`);
    return formatDuration(d.value * factor);
  }
  if (Array.isArray(value)) {
    // An empirical point [duration, p]: its probability stays.
    if (value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'number') return [scaled(value[0], factor, where), value[1]];
    return value.map((v) => scaled(v, factor, where));
  }
  if (value !== null && typeof value === 'object') {
    // Only the durations of a distribution: a Weibull's shape or an empirical point's probability are not lengths.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'shape' ? v : scaled(v, factor, where)]));
  }
  throw new UsageError(`--vary ${where}: x${factor} scales numbers and durations, and there is nothing there`);
}

type Segment = string | number;

function splitPath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null || (m[1] === '' && m[2] === '')) throw new UsageError(`--vary: expected a path of keys, ids and [index]es such as people.engineers, got "${path}"`);
    if (m[1] !== '') segments.push(m[1]!);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

const keysOf = (node: unknown): string[] =>
  Array.isArray(node) ? node.map((item, i) => (item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `[${i}]`)) : node !== null && typeof node === 'object' ? Object.keys(node) : [];

/** Sets `assignment` in a scenario document (before validation); throws a UsageError naming what exists where the path goes wrong. */
export function applyAssignment(document: Record<string, unknown>, assignment: Assignment): void {
  const segments = splitPath(assignment.path);
  let node: unknown = document;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    const where = segments.slice(0, i).map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.') || 'the scenario';
    if (Array.isArray(node)) {
      const index = typeof segment === 'number' ? segment : node.findIndex((item) => item !== null && typeof item === 'object' && (item as { id?: unknown }).id === segment);
      if (index < 0 || index >= node.length) throw new UsageError(`--vary ${assignment.path}: ${where} has no item ${typeof segment === 'number' ? `[${segment}]` : `"${segment}"`}; it has ${keysOf(node).join(', ')}`);
      if (last) node[index] = assignment.scale === undefined ? assignment.value : scaled(node[index], assignment.scale, assignment.path);
      else node = node[index];
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof segment === 'number') throw new UsageError(`--vary ${assignment.path}: ${where} is a mapping, not a list; it has ${keysOf(record).join(', ')}`);
      if (last) {
        if (assignment.scale !== undefined && !(segment in record)) throw new UsageError(`--vary ${assignment.path}: ${where} has no "${segment}" to scale; it has ${keysOf(record).join(', ')}`);
        record[segment] = assignment.scale === undefined ? assignment.value : scaled(record[segment], assignment.scale, assignment.path);
      } else {
        if (!(segment in record)) throw new UsageError(`--vary ${assignment.path}: ${where} has no "${segment}"; it has ${keysOf(record).join(', ')}`);
        node = record[segment];
      }
    } else {
      throw new UsageError(`--vary ${assignment.path}: ${where} is a value, not a mapping or a list`);
    }
  }
}
