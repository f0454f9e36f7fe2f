import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, resolveOutput, writeOutput } from '../../src/files/output.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
/** Nothing but the named files is left in the folder (no temporary file). */
const leftovers = (folder: string) => readdirSync(folder).filter((n) => n.endsWith('.tmp'));

describe('writeOutput', () => {
  it('writes a new regular file whole, and replaces an existing one keeping its permissions', () => {
    writeOutput(at('a.txt'), 'first\n');
    expect(readFileSync(at('a.txt'), 'utf8')).toBe('first\n');
    chmodSync(at('a.txt'), 0o640);
    writeOutput(at('a.txt'), 'second\n');
    expect(readFileSync(at('a.txt'), 'utf8')).toBe('second\n');
    expect(statSync(at('a.txt')).mode & 0o777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
  });

  it('keeps a symlink a symlink and writes the file it points to, atomically in that file\'s folder', () => {
    const other = mkdtempSync(join(dir, 'elsewhere-'));
    writeFileSync(join(other, 'target.txt'), 'old');
    symlinkSync(join(other, 'target.txt'), at('link.txt'));
    writeOutput(at('link.txt'), 'new');
    expect(lstatSync(at('link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('link.txt'))).toBe(join(other, 'target.txt'));
    expect(readFileSync(join(other, 'target.txt'), 'utf8')).toBe('new');
    expect(leftovers(other)).toEqual([]);
    // A chain of links, and one that points where nothing is yet: the file appears at the end of the chain.
    symlinkSync('link.txt', at('link2.txt'));
    writeOutput(at('link2.txt'), 'newer');
    expect(readFileSync(join(other, 'target.txt'), 'utf8')).toBe('newer');
    symlinkSync('not-yet.txt', at('dangling.txt'));
    writeOutput(at('dangling.txt'), 'born');
    expect(lstatSync(at('dangling.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('not-yet.txt'), 'utf8')).toBe('born');
  });

  it('writes through a device and a FIFO instead of replacing them', async () => {
    symlinkSync('/dev/null', at('null-link'));
    writeOutput(at('null-link'), 'gone');
    expect(lstatSync(at('null-link')).isSymbolicLink()).toBe(true);
    expect(resolveOutput('/dev/null')).toMatchObject({ kind: 'through', what: 'a device' });

    execFileSync('mkfifo', [at('fifo')]);
    // The reader is another process: a write bigger than the pipe's buffer blocks this one until it reads.
    const reader = spawn('cat', [at('fifo')]);
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const received = new Promise<string>((resolve) => reader.on('close', () => resolve(Buffer.concat(chunks).toString())));
    const text = 'x'.repeat(300_000);
    writeOutput(at('fifo'), text);
    expect(await received).toBe(text);
    expect(statSync(at('fifo')).isFIFO()).toBe(true);
  });

  it('says why it refuses what cannot be an output, before writing anything', () => {
    const refused: Array<[string, RegExp]> = [
      [dir, /it is a folder; expected a file name/],
      ['/proc/version', /refusing to write \/proc\/version: it is a file of the kernel's proc file system/],
      ['/proc/firedrill-new', /it is in the kernel's proc file system/],
      [at('no/such/folder/x.ndjson'), /the folder .*no\/such\/folder does not exist/],
      ['', /expected a file name \(or - for stdout\)/],
    ];
    if (existsSync('/dev/loop0') && statSync('/dev/loop0').isBlockDevice()) refused.push(['/dev/loop0', /it is a block device/]);
    for (const [path, message] of refused) {
      expect(() => resolveOutput(path), path).toThrow(OutputError);
      expect(() => writeOutput(path, 'x'), path).toThrow(message);
    }
    symlinkSync(at('missing-folder/x'), at('link-to-nowhere'));
    expect(() => writeOutput(at('link-to-nowhere'), 'x')).toThrow(/missing-folder \(where its symlink points\) does not exist/);
  });

  it('takes - as stdout', () => {
    expect(resolveOutput('-')).toEqual({ kind: 'stream', path: '-', stream: 'stdout' });
  });

  it('reports a full device in one sentence and leaves no temporary file', () => {
    symlinkSync('/dev/full', at('full'));
    expect(() => writeOutput(at('full'), 'x'.repeat(10_000))).toThrow(/^cannot write .*full \(a device\): no space left on the device \(ENOSPC\)$/);
    expect(lstatSync(at('full')).isSymbolicLink()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });
});
