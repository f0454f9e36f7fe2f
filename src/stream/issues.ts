/**
 * A zod issue as one line a person can act on: where (`run.start.halls[2].racks`),
 * what was expected and what was there, the value cut to a few dozen
 * characters so a hostile or huge value is never echoed whole.
 */
import type { z } from 'zod';

/** At most this many characters of a value are quoted back. */
export const QUOTE_CHARS = 60;

/** A value as a short JSON excerpt: `"'><img src=x …"`, `-1`, `{"x":1,…`. */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested deeper than the stack (JSON.parse read it, stringify cannot write it back).
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : typeof value;
  }
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1)}…` : text;
}

/** `halls[2].racks` for the path `['halls', 2, 'racks']`. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${quote(String(key))}]`)).join('');
}

/** What an issue says was wrong, without where. */
export function issueText(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${quote(input)}`;
    case 'custom':
      return issue.message;
    case 'invalid_union': {
      // Each branch's own complaint, when each is about the type: "expected string, number, boolean or null".
      const expected = issue.errors.map((branch) => (branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0 ? branch[0]!.expected : null));
      if (expected.some((e) => e === null)) break;
      return `expected ${expected.slice(0, -1).join(', ')}${expected.length > 1 ? ' or ' : ''}${expected.at(-1)}, got ${quote(input)}`;
    }
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => quote(k)).join(', ')}`;
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return input === undefined ? message : `${message}, got ${quote(input)}`;
}

/** `prefix.path: what` for the first issue (zod lists them in the order of the shape). */
export function firstIssue(issues: readonly z.core.$ZodIssue[], prefix: string): string {
  const issue = issues[0]!;
  const path = pathText(issue.path);
  const where = prefix === '' ? path || 'the document' : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${issues.length === 2 ? 'problem' : 'problems'})` : '';
  return `${where}: ${issueText(issue)}${more}`;
}
