/**
 * `--vary PATH=v1,v2,…`: change one value of a scenario by its path in the
 * document (`people.engineers=2,4,8`, `fire.gasSuppressionSuccess=0,0.5`,
 * `services.kakao-auth.components.auth-core.placements[1].servers=0,600`).
 * A list of items with ids is entered by id or by `[index]`. The changed
 * scenario is validated like any other.
 */
import { parse } from 'yaml';
import { UsageError } from '../cli/errors.js';

/** One value to set at one path. */
export interface Assignment {
  path: string;
  /** As written, for labels and commands. */
  text: string;
  value: unknown;
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
  const values = m[2]!.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new UsageError(`--vary ${path}: expected values separated by commas, got "${m[2]}"`);
  if (new Set(values).size !== values.length) throw new UsageError(`--vary ${path}: expected each value once, got "${m[2]}"`);
  splitPath(path);
  return { path, values: values.map((v) => ({ path, text: v, value: parse(v) as unknown })) };
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
      if (last) node[index] = assignment.value;
      else node = node[index];
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof segment === 'number') throw new UsageError(`--vary ${assignment.path}: ${where} is a mapping, not a list; it has ${keysOf(record).join(', ')}`);
      if (last) record[segment] = assignment.value;
      else {
        if (!(segment in record)) throw new UsageError(`--vary ${assignment.path}: ${where} has no "${segment}"; it has ${keysOf(record).join(', ')}`);
        node = record[segment];
      }
    } else {
      throw new UsageError(`--vary ${assignment.path}: ${where} is a value, not a mapping or a list`);
    }
  }
}
