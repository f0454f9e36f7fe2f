import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withPolicyMeta } from '../../src/html/csp.js';
import { embedData } from '../../src/html/embed.js';
import { ROOT } from '../cliHelpers.js';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const PAGE = '<!doctype html><html><head><meta charset="utf-8" /><style>p{color:red}</style><script type="module">run("<style>not a style</style>")</script></head><body><script type="application/json" id="d">{"a":1}</script></body></html>';

describe('contentSecurityPolicy', () => {
  it('allows the page’s own inline script and style by hash, a data block not at all, and nothing from anywhere', () => {
    const policy = contentSecurityPolicy(PAGE);
    expect(policy).toBe(
      `default-src 'none'; script-src ${sha('run("<style>not a style</style>")')}; style-src ${sha('p{color:red}')}; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'`,
    );
    expect(contentSecurityPolicy(PAGE, { connect: true })).toContain("connect-src 'self';");
    expect(contentSecurityPolicy('<html><head></head><body></body></html>')).toContain("script-src 'none'; style-src 'none'");
  });

  it('withPolicyMeta puts the policy first in the head, and replaces one that is there', () => {
    const once = withPolicyMeta(PAGE);
    expect(once.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(once.indexOf('<style>'));
    expect(once.indexOf('<meta charset="utf-8" />')).toBeLessThan(once.indexOf('http-equiv'));
    const twice = withPolicyMeta(once, { connect: true });
    expect(twice.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(twice).toContain(`content="${contentSecurityPolicy(PAGE, { connect: true })}"`);
  });

  it('the built viewer and report carry their policy, with hashes of what they hold', () => {
    for (const [page, connect] of [['web', "'self'"], ['report', "'none'"]] as const) {
      const html = readFileSync(join(ROOT, 'dist', page, 'index.html'), 'utf8');
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
      expect(meta?.[1]).toBe(contentSecurityPolicy(html, { connect: connect === "'self'" }));
      expect(meta![1]).toMatch(/script-src 'sha256-[\w+/=]+';/);
      expect(meta![1]).not.toMatch(/unsafe|https?:|\*/);
    }
  });
});

describe('embedData', () => {
  it('writes no `<` inside the data block, whatever the strings hold, and the JSON reads back the same', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('</script>', '<!--<script>', '</SCRIPT >', '<script>', '-->', '\u2028', '<\\/')), { maxLength: 8 }), (strings) => {
        const json = JSON.stringify({ strings });
        const html = embedData(PAGE, { id: 'x', type: 'application/json', json, name: '"><img src=x>' });
        const block = /<script type="application\/json" id="x" data-name="([^"]*)">([\s\S]*?)<\/script>\n<\/body>/.exec(html);
        expect(block).not.toBeNull();
        expect(block![2]).not.toContain('<');
        expect(block![1]).toBe('&#34;&#62;&#60;img src=x&#62;');
        expect(JSON.parse(block![2]!)).toEqual({ strings });
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
