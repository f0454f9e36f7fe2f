import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/html/csp.js';
import { firedrill } from '../cliHelpers.js';

/** `firedrill export` checks every line of a recording as the viewer would, and embeds it inert. */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-export-'));
const recording = join(dir, 'run.ndjson');
let lines: string[] = [];
beforeAll(() => {
  const r = firedrill(['run', '--seed', '1', '--out', recording]);
  expect(r.status, r.stderr).toBe(0);
  lines = readFileSync(recording, 'utf8').trimEnd().split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Exports `text` written as `name`: the result and whether an HTML file was left behind. */
function exportText(name: string, text: string) {
  const file = join(dir, name);
  const html = join(dir, `${name}.html`);
  writeFileSync(file, text);
  const r = firedrill(['export', file, '--html', html]);
  return { ...r, file, wrote: existsSync(html) };
}
/** The recording's lines with line `n` (from 1) changed. */
function edit(n: number, change: (m: Record<string, unknown>) => void): string[] {
  return lines.map((line, i) => {
    if (i !== n - 1) return line;
    const message = JSON.parse(line) as Record<string, unknown>;
    change(message);
    return JSON.stringify(message);
  });
}

describe('firedrill export', () => {
  it('refuses a structurally broken run.start, naming line and path, and writes nothing', () => {
    const r = exportText('no-halls.ndjson', `${edit(1, (m) => delete m.halls).join('\n')}\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`firedrill: ${r.file}:1: run.start.halls: missing (expected array)\n`);
    expect(r.wrote).toBe(false);
  });

  it('checks every line, not only the first', () => {
    const at = lines.findIndex((l) => l.startsWith('{"type":"ledger"')) + 1;
    expect(at).toBeGreaterThan(100);
    const r = exportText('bad-ledger.ndjson', `${edit(at, (m) => (m.draws = '<img src=x onerror=alert(1)>')).join('\n')}\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`firedrill: ${r.file}:${at}: ledger.draws: expected number, got "<img src=x onerror=alert(1)>"\n`);
    expect(r.wrote).toBe(false);
    const cut = exportText('cut.ndjson', `${lines.slice(0, 300).join('\n')}\n`);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toBe(`firedrill: ${cut.file}:300: the recording ends here, without run.end: it was cut short (record the run again with firedrill run --out)\n`);
    expect(cut.wrote).toBe(false);
  });

  it('writes the recording inert under a policy that reaches no server, and it reads back line for line', () => {
    const hostile = edit(1, (m) => (m.title = '</script><!--<script>alert(1)</script>'));
    const r = exportText('hostile.ndjson', `${hostile.join('\n')}\n`);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(`${r.file}.html`, 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(policy).toBe(contentSecurityPolicy(html, { connect: false }));
    const block = /<script type="application\/x-ndjson" id="recording" data-name="hostile\.ndjson">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toContain('<');
    // The same lines, numbered as in the file: the viewer's line numbers are the file's.
    expect(block.split('\n').map((l) => (l === '' ? l : JSON.parse(l)))).toEqual([...hostile, ''].map((l) => (l === '' ? l : JSON.parse(l))));
  });
});
