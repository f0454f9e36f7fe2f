/**
 * Paths to a scenario's parameters, as the `parameters:` section and
 * `firedrill params` write them: keys and list items by id (or `[index]` for
 * items without one) joined by dots, `*` for any one key or item —
 * `sites.pangyo.restoration.cableReplacement.leadTime`,
 * `services.*.components.*.placements`. A path names a value or the whole
 * subtree under it. Pure functions over plain data (a YAML document or a
 * validated scenario, whose keys are the same).
 */

/** One step of a path: a key, an item's id, `[index]`, or `*`. */
export type Segment = string;

/** Keys that name or describe things rather than set the model: never parameters. */
const NOT_PARAMETERS = new Set(['id', 'name', 'title', 'description']);

/** The top-level sections that hold no timing or damage parameter (history and the ledger have their own sources). */
export const UNTAGGED_SECTIONS = new Set(['id', 'title', 'description', 'currency', 'currencyUnit', 'timeZone', 'locale', 'horizon', 'history', 'impact', 'promise', 'parameters', 'calibration', 'extends', 'design']);

const DISTRIBUTION_KEYS = new Set(['uniform', 'triangular', 'exponential', 'lognormal', 'weibull', 'normal', 'empirical']);

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Whether a document value is a distribution as written (`{ triangular: [...] }`): one parameter, not a section. */
export function isWrittenDistribution(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && DISTRIBUTION_KEYS.has(keys[0]!);
}

/** Splits a path into its segments; null when it is not one (empty segments, stray brackets). */
export function splitParamPath(path: string): Segment[] | null {
  if (path.trim() !== path || path === '') return null;
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null || (m[1] === '' && m[2] === '')) return null;
    if (m[1] !== '') out.push(m[1]!);
    for (const index of m[2]!.matchAll(/\[\d+\]/g)) out.push(index[0]);
  }
  return out;
}

/** Joins segments back into a path (`a.b[0].c`). */
export function joinParamPath(segments: readonly Segment[]): string {
  return segments.map((s, i) => (s.startsWith('[') || i === 0 ? s : `.${s}`)).join('');
}

/** The segment a list item is named by: its id, or its index. */
function itemSegment(item: unknown, index: number): Segment {
  return isRecord(item) && typeof item.id === 'string' ? item.id : `[${index}]`;
}

/** The children of a mapping or list, each with its segment. */
function children(node: unknown): Array<[Segment, unknown]> {
  if (Array.isArray(node)) return node.map((item, i) => [itemSegment(item, i), item]);
  if (isRecord(node)) return Object.entries(node);
  return [];
}

/** A leaf of a document: a value a tag applies to as a whole. */
export interface Leaf {
  path: Segment[];
  value: unknown;
}

/**
 * Every parameter a document writes, outside the untagged sections: scalars,
 * lists of scalars and distributions, each one leaf; mappings and lists of
 * mappings are walked into. Names and ids are not parameters.
 */
export function parameterLeaves(document: Record<string, unknown>): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, path: Segment[]): void => {
    const listOfScalars = Array.isArray(node) && node.every((x) => !isRecord(x) && !Array.isArray(x));
    if (isWrittenDistribution(node) || listOfScalars || (!isRecord(node) && !Array.isArray(node))) {
      out.push({ path, value: node });
      return;
    }
    for (const [segment, child] of children(node)) {
      if (NOT_PARAMETERS.has(segment) && isRecord(node)) continue;
      walk(child, [...path, segment]);
    }
  };
  for (const [key, value] of Object.entries(document)) if (!UNTAGGED_SECTIONS.has(key)) walk(value, [key]);
  return out;
}

/** Whether `pattern` names `path` or a subtree holding it. */
export function patternCovers(pattern: readonly Segment[], path: readonly Segment[]): boolean {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

/**
 * The pattern that speaks for `path`: the most specific one covering it
 * (the longest; among equally long, the one with fewer `*`); null if none.
 */
export function mostSpecific(patterns: ReadonlyArray<readonly Segment[]>, path: readonly Segment[]): number | null {
  let best: number | null = null;
  const wild = (p: readonly Segment[]) => p.filter((s) => s === '*').length;
  patterns.forEach((pattern, i) => {
    if (!patternCovers(pattern, path)) return;
    if (best === null) return void (best = i);
    const b = patterns[best]!;
    if (pattern.length > b.length || (pattern.length === b.length && wild(pattern) < wild(b))) best = i;
  });
  return best;
}

/**
 * Every concrete path in `root` that `pattern` matches, with its value: `*`
 * stands for each key or item in turn. A path that goes nowhere gives none.
 */
export function resolvePattern(root: unknown, pattern: readonly Segment[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, i: number, path: Segment[]): void => {
    if (i === pattern.length) return void out.push({ path, value: node });
    const want = pattern[i]!;
    for (const [segment, child] of children(node)) {
      if (want === '*' || want === segment) walk(child, i + 1, [...path, segment]);
    }
  };
  walk(root, 0, []);
  return out;
}

/** Replaces the value at a concrete path, copying every container on the way (the original is untouched). */
export function setAtPath<T>(root: T, path: readonly Segment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const index = root.findIndex((item, i) => itemSegment(item, i) === head);
    if (index < 0) throw new RangeError(`no item ${head}`);
    const copy = root.slice();
    copy[index] = setAtPath(root[index], rest, value);
    return copy as T;
  }
  if (isRecord(root)) {
    if (!(head! in root)) throw new RangeError(`no key ${head}`);
    return { ...root, [head!]: setAtPath(root[head!], rest, value) } as T;
  }
  throw new RangeError(`cannot go into a ${typeof root} at ${head}`);
}
