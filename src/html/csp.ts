/**
 * The Content-Security-Policy of every page Firedrill builds, serves or
 * writes: the page's own inline script and style, allowed by their SHA-256,
 * and nothing else. No inline handlers, no eval, no remote origins, no
 * plugins, and (where the browser enforces Trusted Types) no string ever
 * assigned as HTML. The pages are single files (vite-plugin-singlefile), so
 * hashes rather than 'unsafe-inline' are what let their own code run.
 */
import { createHash } from 'node:crypto';

export interface PolicyOptions {
  /** Whether the page talks to the server it came from (fetch and WebSocket to 'self'). [default: false] */
  connect?: boolean;
  /**
   * Whether the page starts a worker from a blob of its own code (the drill):
   * `worker-src blob:`, and one Trusted Types policy, `firedrill-worker`, to
   * hand the worker its URL. [default: false]
   */
  worker?: boolean;
}

/**
 * Script and style elements as the HTML tokenizer reads them: the content up
 * to the first matching end tag. One pattern for both, matched in order, so
 * that `<style` inside a script's text is never taken for an element.
 */
const ELEMENT = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;
const TYPE = /\btype\s*=\s*["']?([^"'\s>]+)/i;
const EXECUTED_TYPES = new Set(['module', 'text/javascript', 'application/javascript']);
const META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Whether a script element with these attributes runs: inline, of a JavaScript type (data blocks never run). */
function runs(attributes: string): boolean {
  if (/\bsrc\s*=/i.test(attributes)) return false;
  const type = TYPE.exec(attributes)?.[1]?.toLowerCase();
  return type === undefined || EXECUTED_TYPES.has(type);
}

/** The policy for `html`: its inline scripts and styles by hash, nothing from anywhere else. */
export function contentSecurityPolicy(html: string, options: PolicyOptions = {}): string {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [, tag, attributes, content] of html.replace(META, '').matchAll(ELEMENT)) {
    if (tag!.toLowerCase() === 'style') styles.push(hash(content!));
    else if (runs(attributes!)) scripts.push(hash(content!));
  }
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ') || "'none'"}`,
    `style-src ${styles.join(' ') || "'none'"}`,
    // The favicon is `data:,` (no request for /favicon.ico).
    'img-src data:',
    `connect-src ${options.connect ? "'self'" : "'none'"}`,
    ...(options.worker ? ['worker-src blob:'] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    options.worker ? 'trusted-types firedrill-worker' : "trusted-types 'none'",
  ].join('; ');
}

/**
 * `html` with its policy as a `<meta http-equiv>` first thing in the head
 * (a policy only covers elements after it), replacing any policy it had.
 * For pages opened from disk, where no server can send the header.
 */
export function withPolicyMeta(html: string, options: PolicyOptions = {}): string {
  const bare = html.replace(META, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(bare, options)}" />`;
  const charset = /<meta\s+charset\s*=[^>]*>/i.exec(bare);
  const head = charset ?? /<head\b[^>]*>/i.exec(bare);
  if (head === null) throw new Error('the page has no <head> to put its Content-Security-Policy in');
  const at = head.index + head[0].length;
  return `${bare.slice(0, at)}\n    ${meta}${bare.slice(at)}`;
}
