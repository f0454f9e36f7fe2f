/**
 * Hostile data for the browser tests: a real recording or sweep summary with
 * its strings (or numbers) replaced by script payloads. Every payload calls
 * `__pwned(i)` if it ever runs, and the page checks say whether anything did,
 * whether anything became an element, and whether the payloads show as text.
 */
import type { Page } from 'playwright-core';

/** Routes into a page: markup in text, attribute breakouts, comment and script-end tricks, handlers. */
const PAYLOADS: Array<(i: number) => string> = [
  (i) => `"'><img src=x onerror=__pwned(${i})>`,
  (i) => `<!--<script>__pwned(${i})</script>`,
  (i) => `</script><script>__pwned(${i})</script>`,
  (i) => `<svg onload=__pwned(${i})></svg>`,
  (i) => `" onmouseover="__pwned(${i})" x="`,
  (i) => `<iframe srcdoc="<script>parent.__pwned(${i})</script>"></iframe>`,
  (i) => `<details open ontoggle=__pwned(${i})><b id=recording>`,
  (i) => `</textarea></style></title><script>__pwned(${i})</script>`,
];

/** Hands out payloads: the same string always gets the same payload, so ids that refer to each other still do. */
export class Payloads {
  private readonly given = new Map<string, string>();

  for(original: string): string {
    let payload = this.given.get(original);
    if (payload === undefined) {
      payload = PAYLOADS[this.given.size % PAYLOADS.length]!(this.given.size);
      this.given.set(original, payload);
    }
    return payload;
  }

  /** The next payload, for a value that was not a string. */
  fresh(): string {
    return this.for(`\u0000fresh ${this.given.size}`);
  }

  get count(): number {
    return this.given.size;
  }
}

/** `value` with every string replaced by a payload, except under the keys in `keep` (which the schemas pin down). */
export function replaceStrings(value: unknown, payloads: Payloads, keep: ReadonlySet<string>, key = ''): unknown {
  if (typeof value === 'string') return keep.has(key) ? value : payloads.for(value);
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, payloads, keep, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, payloads, keep, k)]));
  return value;
}

/** Strings a recording must keep to be read at all: the message types, the version, the fingerprint, the clock's instant, what a stated promise counts from. */
export const RECORDING_KEEPS = new Set(['type', 'protocol', 'scenarioSha256', 'start', 'after']);

/** In the decision messages, the closed sets the schemas pin down too: action and question kinds, what is known and from whom. */
const DECISION_KEEPS = new Set([...RECORDING_KEEPS, 'kind', 'how', 'cut', 'team', 'after', 'known', 'source', 'approval', 'from']);
const DECISION_TYPES = new Set(['decision.requested', 'decision.made', 'action']);

/** A recording with every other string a payload. */
export function hostileRecording(ndjson: string, payloads: Payloads): string {
  return `${ndjson
    .trimEnd()
    .split('\n')
    .map((line) => {
      const message = JSON.parse(line) as { type: string };
      return JSON.stringify(replaceStrings(message, payloads, DECISION_TYPES.has(message.type) ? DECISION_KEEPS : RECORDING_KEEPS));
    })
    .join('\n')}\n`;
}

/** Replaces the numbers `at` names in line `n` (from 1) of a recording by payloads. */
export function numbersToPayloads(ndjson: string, n: number, payloads: Payloads, at: (message: Record<string, any>, payload: () => string) => void): string {
  const lines = ndjson.trimEnd().split('\n');
  const message = JSON.parse(lines[n - 1]!) as Record<string, any>;
  at(message, () => payloads.fresh());
  lines[n - 1] = JSON.stringify(message);
  return `${lines.join('\n')}\n`;
}

/** Before the page's own scripts: what a payload calls if it ever runs. */
export async function watchForPayloads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __ran: number[]; __pwned: (i: number) => void };
    w.__ran = [];
    w.__pwned = (i: number) => w.__ran.push(i);
  });
}

/** What a page holds that a payload could have put there. */
export interface PageAudit {
  /** Payloads that ran. */
  ran: number[];
  /** Elements with an on* attribute. */
  handlers: string[];
  /** Elements no view makes: img, iframe, object, embed, details, an svg that is not a chart. */
  foreign: string[];
  scripts: number;
  styles: number;
  ids: string[];
  /** The payloads whose text the page shows, by number. */
  shown: number[];
  /** The page's Content-Security-Policy meta element, if any. */
  policy: string | null;
}

export async function auditPage(page: Page): Promise<PageAudit> {
  return page.evaluate(() => {
    // Runs in the page; the tests' lib has no DOM types.
    const w = globalThis as any;
    const doc = w.document;
    const all: any[] = Array.from(doc.querySelectorAll('*'));
    const text: string = doc.body.innerText;
    return {
      ran: [...w.__ran],
      handlers: all.filter((e) => Array.from(e.attributes as ArrayLike<{ name: string }>).some((a) => /^on/i.test(a.name))).map((e) => String(e.outerHTML).slice(0, 80)),
      foreign: Array.from(doc.querySelectorAll('img, iframe, object, embed, details, svg:not([data-testid]):not(.ecdf), body style') as ArrayLike<any>).map((e) => String(e.outerHTML).slice(0, 80)),
      scripts: doc.scripts.length,
      styles: doc.querySelectorAll('style').length,
      ids: all.filter((e) => e.id !== '').map((e) => String(e.id)),
      shown: [...new Set(Array.from(text.matchAll(/__pwned\((\d+)\)/g), (m) => Number(m[1])))].sort((a, b) => a - b),
      policy: doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
    };
  });
}
