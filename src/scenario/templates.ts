/**
 * Templates: an item of any list of things with ids (sites, rooms, power
 * domains, halls, services, components) that carries `count: N` stands for N
 * items. In its text `{i}` is the instance number (1…N, or from `first:` on;
 * `{i:03}` pads it) and
 * `{name}` a variable of its `let:`, drawn for each instance from a stream of
 * its own (the template's id and the instance number), so instance 12 is the
 * same whatever the count, the run seed or the rest of the scenario:
 *
 *   let:
 *     size: { uniform: [4, 40] }                  # a whole number when both ends are
 *     grade: { choice: [1, 2, 3, 4], weights: [1, 2, 3, 4] }
 *     needs: { pick: [0, 2], from: [core-*] }     # ids of services (or `in:` another list)
 *
 * A string that is exactly `{name}` becomes the value itself (a number, a
 * list, a mapping); a field whose value is null is left out. Expansion
 * happens after designs are merged and before validation, and every expanded
 * value keeps the origin of the template text it came from, so an error in
 * instance 12 points at the template's line.
 */
import seedrandom from 'seedrandom';
import { formatPath, quote, type ScenarioIssue } from './errors.js';
import { TEMPLATE_COUNT, atMost } from './limits.js';
import { adopt, type Origin, type Origins } from './overlay.js';

type Json = unknown;
type Dict = Record<string, Json>;
const isRecord = (x: Json): x is Dict => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Where one item of an expanded list came from: the index of the item as written, and its instance (or null for a plain item). */
export interface Expanded {
  readonly from: number;
  readonly instance: number | null;
}

/** Expanded lists → where each of their items came from (for error paths). */
export type Expansions = WeakMap<object, Expanded[]>;

/** Makes an issue at `rest` below a value written at `origin`; `path` is how the author finds it. */
export type LocateWritten = (origin: Origin, rest: ReadonlyArray<PropertyKey>, path: string, expected: string) => ScenarioIssue;

/** The keys only a template has. */
const TEMPLATE_KEYS = ['count', 'first', 'let', 'seed'] as const;

/** Lists whose items may be templates: those of things with ids. */
const LISTS = new Set(['sites', 'rooms', 'powerDomains', 'halls', 'services', 'components']);

interface Pending {
  /** The expanded item, in which picks are still `{name}` strings. */
  item: Dict;
  picks: Map<string, { spec: Dict; rng: () => number }>;
  vars: Map<string, Json>;
  problem: (rest: ReadonlyArray<PropertyKey>, expected: string) => ScenarioIssue;
  origin: Origin;
}

/**
 * Expands every template of a merged document in place; returns the issues
 * found (located in the text as written) and where each expanded item came from.
 */
export function expandTemplates(doc: Dict, origins: Origins, locate: LocateWritten): { issues: ScenarioIssue[]; expansions: Expansions } {
  const issues: ScenarioIssue[] = [];
  const expansions: Expansions = new WeakMap();
  const pending: Pending[] = [];
  const seed = typeof doc.id === 'string' ? doc.id : '';

  const walk = (node: Json, path: ReadonlyArray<PropertyKey>, written: ReadonlyArray<PropertyKey>): void => {
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (!Array.isArray(value)) {
        if (isRecord(value)) walk(value, [...path, key], [...written, key]);
        continue;
      }
      if (!LISTS.has(key) || !value.some((item) => isRecord(item) && TEMPLATE_KEYS.some((k) => k in item))) {
        value.forEach((item, i) => walk(item, [...path, key, i], [...written, key, i]));
        continue;
      }
      node[key] = expandList(value, [...path, key], [...written, key]);
    }
  };

  const expandList = (list: Json[], path: ReadonlyArray<PropertyKey>, written: ReadonlyArray<PropertyKey>): Json[] => {
    const out: Json[] = [];
    const from: Expanded[] = [];
    const listOrigins = origins.get(list);
    const childOrigins = new Map<PropertyKey, Origin>();
    list.forEach((item, j) => {
      const origin = listOrigins?.get(j);
      if (!isRecord(item) || !TEMPLATE_KEYS.some((k) => k in item)) {
        if (origin) childOrigins.set(out.length, origin);
        from.push({ from: j, instance: null });
        out.push(item);
        walk(item, [...path, out.length - 1], [...written, j]);
        return;
      }
      const at = [...written, j];
      const itemOrigin = origin ?? { source: 0, path: at };
      const problem = (rest: ReadonlyArray<PropertyKey>, expected: string): ScenarioIssue => locate(itemOrigin, rest, formatPath([...at, ...rest]), expected);
      const count = item.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > TEMPLATE_COUNT.max) {
        issues.push(problem(['count'], `expected a whole number of instances, ${atMost(TEMPLATE_COUNT)}, got ${typeof count === 'string' ? quote(count) : String(count)}`));
        return;
      }
      const first = item.first ?? 1;
      if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > TEMPLATE_COUNT.max) {
        issues.push(problem(['first'], `expected the first instance's number, a whole number from 0 to ${TEMPLATE_COUNT.max.toLocaleString('en-US')}, got ${typeof first === 'string' ? quote(first) : String(first)}`));
        return;
      }
      const lets = item.let ?? {};
      if (!isRecord(lets)) {
        issues.push(problem(['let'], 'expected a mapping of variables, each a value or { uniform | choice | pick: … }'));
        return;
      }
      const body: Dict = {};
      for (const [k, v] of Object.entries(item)) if (!(TEMPLATE_KEYS as readonly string[]).includes(k)) body[k] = v;
      const key = `${seed}/${typeof item.id === 'string' ? item.id : formatPath(at)}/${item.seed ?? ''}`;
      for (let i = first; i < first + count; i++) {
        const rng = seedrandom.alea(`${key}#${i}`);
        const vars = new Map<string, Json>([['i', i]]);
        const picks: Pending['picks'] = new Map();
        let failed = false;
        for (const [name, spec] of Object.entries(lets)) {
          const drawn = draw(spec, rng, (rest, expected) => problem(['let', name, ...rest], expected));
          if (drawn.issue) {
            issues.push(drawn.issue);
            failed = true;
          } else if (drawn.pick) picks.set(name, { spec: spec as Dict, rng });
          else vars.set(name, drawn.value);
        }
        if (failed) return;
        const copy = substitute(structuredClone(body), vars, picks, [], (rest, expected) => issues.push(problem(rest, expected))) as Dict;
        adopt(copy, itemOrigin, origins);
        childOrigins.set(out.length, itemOrigin);
        from.push({ from: j, instance: i });
        out.push(copy);
        if (picks.size > 0) pending.push({ item: copy, picks, vars, problem, origin: itemOrigin });
        walk(copy, [...path, out.length - 1], at);
      }
    });
    origins.set(out, childOrigins);
    expansions.set(out, from);
    return out;
  };

  walk(doc, [], []);

  // Picks choose among ids, which exist only once every list is expanded.
  if (pending.length > 0) {
    const ids = collectIds(doc);
    for (const p of pending) {
      const chosen = new Map(p.vars);
      for (const [name, { spec, rng }] of p.picks) {
        const picked = pick(spec, rng, ids, (rest, expected) => p.problem(['let', name, ...rest], expected));
        if ('issue' in picked) {
          issues.push(picked.issue);
          continue;
        }
        chosen.set(name, picked.value.filter((id) => id !== p.item.id));
      }
      // Unknown names were reported when the item was first expanded.
      const replaced = substitute(p.item, chosen, new Map(), [], () => undefined) as Dict;
      for (const k of Object.keys(p.item)) if (!(k in replaced)) delete p.item[k];
      Object.assign(p.item, replaced);
      adopt(p.item, p.origin, origins);
    }
  }
  // One message per template, not one per instance.
  const seen = new Set<string>();
  return { issues: issues.filter((x) => (seen.has(`${x.line}:${x.column}:${x.expected}`) ? false : (seen.add(`${x.line}:${x.column}:${x.expected}`), true))), expansions };
}

const VAR = /\{([A-Za-z_][A-Za-z0-9_]*)(?::0(\d))?\}/g;

/** Replaces `{name}` in every string of `value`; a null result drops its key or list item. `report` is told of unknown names, by path below the item. */
function substitute(value: Json, vars: Map<string, Json>, later: Map<string, unknown>, at: ReadonlyArray<PropertyKey>, report: (rest: ReadonlyArray<PropertyKey>, expected: string) => void): Json {
  if (typeof value === 'string') {
    const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
    if (whole !== null && vars.has(whole[1]!)) return vars.get(whole[1]!);
    return value.replace(VAR, (text, name: string, pad: string | undefined) => {
      if (later.has(name)) return text; // a pick, filled in once ids are known
      if (!vars.has(name)) {
        report(at, `expected a variable of the template (${['i', ...[...vars.keys(), ...later.keys()].filter((k) => k !== 'i')].join(', ')}), got {${name}}`);
        return text;
      }
      const v = vars.get(name);
      return pad === undefined ? String(v) : String(v).padStart(Number(pad), '0');
    });
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    value.forEach((item, i) => {
      const v = substitute(item, vars, later, [...at, i], report);
      if (v !== null) out.push(v);
    });
    return out;
  }
  if (isRecord(value)) {
    const out: Dict = {};
    for (const [k, v] of Object.entries(value)) {
      const sub = substitute(v, vars, later, [...at, k], report);
      if (sub !== null) out[k] = sub;
    }
    return out;
  }
  return value;
}

type Drawn = { value: Json; pick?: false; issue?: undefined } | { pick: true; value?: undefined; issue?: undefined } | { issue: ScenarioIssue; pick?: false; value?: undefined };

/** One instance's value of a variable. */
function draw(spec: Json, rng: () => number, problem: (rest: ReadonlyArray<PropertyKey>, expected: string) => ScenarioIssue): Drawn {
  if (!isRecord(spec)) return { value: spec };
  const keys = Object.keys(spec);
  if ('pick' in spec) return { pick: true };
  if (keys.length === 1 && Array.isArray(spec.uniform)) {
    const [a, b] = spec.uniform as Json[];
    if (spec.uniform.length !== 2 || typeof a !== 'number' || typeof b !== 'number' || !(a <= b)) return { issue: problem(['uniform'], 'expected [low, high], two numbers with low <= high') };
    // Whole numbers when both ends are: sizes and counts.
    if (Number.isInteger(a) && Number.isInteger(b)) return { value: a + Math.floor(rng() * (b - a + 1)) };
    return { value: a + rng() * (b - a) };
  }
  if (Array.isArray(spec.choice) && keys.every((k) => k === 'choice' || k === 'weights')) {
    const choices = spec.choice;
    const weights = spec.weights ?? choices.map(() => 1);
    if (choices.length === 0) return { issue: problem(['choice'], 'expected at least one value to choose from') };
    if (!Array.isArray(weights) || weights.length !== choices.length || !weights.every((w) => typeof w === 'number' && w >= 0) || !weights.some((w) => (w as number) > 0)) {
      return { issue: problem(['weights'], `expected ${choices.length} weights, numbers >= 0 and not all 0, one per choice`) };
    }
    const total = (weights as number[]).reduce((x, y) => x + y, 0);
    let u = rng() * total;
    for (let k = 0; k < choices.length; k++) {
      u -= weights[k] as number;
      if (u < 0) return { value: choices[k] };
    }
    return { value: choices[choices.length - 1] };
  }
  // Any other mapping is a value (a backup plan, a distribution) given to every instance alike.
  return { value: spec };
}

/** Ids of every list of the document, by list name. */
function collectIds(doc: Dict): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const walk = (node: Json, key: string | null): void => {
    if (Array.isArray(node)) {
      for (const item of node) {
        if (key !== null && isRecord(item) && typeof item.id === 'string') {
          if (!ids.has(key)) ids.set(key, []);
          ids.get(key)!.push(item.id);
        }
        walk(item, null);
      }
    } else if (isRecord(node)) for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(doc, null);
  return ids;
}

const globs = new Map<string, RegExp>();
/** A pattern with `*` as a regular expression, made once per pattern (hundreds of instances pick from the same). */
function globRegex(pattern: string): RegExp {
  let r = globs.get(pattern);
  if (r === undefined) {
    r = new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globs.set(pattern, r);
  }
  return r;
}

/** `{ pick: n | [min, max], from: [patterns], in: list }`: distinct ids, drawn. */
function pick(spec: Dict, rng: () => number, ids: Map<string, string[]>, problem: (rest: ReadonlyArray<PropertyKey>, expected: string) => ScenarioIssue): { value: string[] } | { issue: ScenarioIssue } {
  const unknown = Object.keys(spec).filter((k) => !['pick', 'from', 'in'].includes(k));
  if (unknown.length > 0) return { issue: problem([unknown[0]!], `unknown key ${quote(unknown[0]!)}; expected pick, from and in`) };
  const n = spec.pick;
  const range = typeof n === 'number' ? [n, n] : n;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0) || (range[0] as number) > (range[1] as number)) {
    return { issue: problem(['pick'], 'expected how many to pick: a whole number, or [min, max]') };
  }
  const patterns = typeof spec.from === 'string' ? [spec.from] : spec.from;
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) return { issue: problem(['from'], 'expected ids or patterns with * to pick from, such as [core-*]') };
  const list = spec.in ?? 'services';
  if (typeof list !== 'string' || !LISTS.has(list)) return { issue: problem(['in'], `expected one of ${[...LISTS].join(', ')}, got ${quote(String(list))}`) };
  const regexes = (patterns as string[]).map((p) => globRegex(p));
  const candidates = (ids.get(list) ?? []).filter((id) => regexes.some((r) => r.test(id)));
  const k = (range[0] as number) + Math.floor(rng() * ((range[1] as number) - (range[0] as number) + 1));
  if (k > candidates.length) return { issue: problem(['from'], `expected at least ${k} ${list} matching ${(patterns as string[]).join(', ')} to pick from, got ${candidates.length}`) };
  // A partial Fisher–Yates shuffle: k distinct ids, in the order drawn.
  const pool = [...candidates];
  for (let m = 0; m < k; m++) {
    const r = m + Math.floor(rng() * (pool.length - m));
    [pool[m], pool[r]] = [pool[r]!, pool[m]!];
  }
  return { value: pool.slice(0, k) };
}

/** A path of the expanded document as its author can find it: `services[3]#12.priority` is instance 12 of the item written at services[3]. */
export function writtenPath(doc: Json, path: ReadonlyArray<PropertyKey>, expansions: Expansions): string {
  let node: Json = doc;
  let out = '';
  for (const key of path) {
    const record = typeof key === 'number' && Array.isArray(node) ? expansions.get(node)?.[key] : undefined;
    if (record !== undefined) out += `[${record.from}]${record.instance === null ? '' : `#${record.instance}`}`;
    else {
      const part = formatPath([key]);
      out += out === '' || part.startsWith('[') ? part : `.${part}`;
    }
    node = node !== null && typeof node === 'object' ? (node as Dict)[key as string] : undefined;
  }
  return out;
}
