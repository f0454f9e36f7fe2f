import { describe, expect, it } from 'vitest';
import { ScenarioError, formatPath } from '../../src/scenario/errors.js';
import { loadText } from '../../src/scenario/load.js';
import { parseSource } from '../../src/scenario/source.js';

describe('parseSource', () => {
  it('refuses an alias inside the node it names (found by the fuzzer: a stack overflow, reported as an internal error)', () => {
    const text = 'id: x\npeople: &p\n  restartCrews: 3\n  more: *p\n';
    expect(parseSource(text, 'loop.yaml')).toEqual({
      issues: [{ file: 'loop.yaml', line: 4, column: 9, path: '', expected: 'expected an alias to a node outside itself; *p is inside the node it names, which would repeat forever' }],
    });
    // An alias to a node that does not contain it is fine.
    expect('source' in parseSource('a: &x [1, 2]\nb: *x\n', 'ok.yaml')).toBe(true);
  });

  it('gives every caller its own copy of the data, even from the files it keeps', () => {
    const text = 'people:\n  engineers: 4\n';
    const first = parseSource(text, 'same.yaml') as { source: { data: { people: { engineers: number } } } };
    first.source.data.people.engineers = 99; // as a sweep's --vary edits the merged document
    const second = parseSource(text, 'same.yaml') as { source: { data: { people: { engineers: number } } } };
    expect(second.source.data.people.engineers).toBe(4);
  });
});

describe('error paths', () => {
  it('quote a key that is not a plain name, so an error stays on one line (found by the fuzzer)', () => {
    expect(formatPath(['services', 3, 'a\nb', 'site'])).toBe('services[3]["a\\nb"].site');
    expect(formatPath(['history', 'services', 'kakao-auth', 'normal'])).toBe('history.services.kakao-auth.normal');
    try {
      loadText('id: x\n? { a: 1 }\n: 2\n', 'complex.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      for (const line of (error as Error).message.split('\n')) expect(line).toMatch(/^complex\.yaml:\d+:\d+: /);
    }
  });
});
