import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firedrillInProcess } from '../inProcess.js';

/**
 * The README quotes what `npx firedrill run` prints; model changes move those figures, and a quote
 * that has drifted tells a new reader something the tool does not say.
 */
describe('the README', () => {
  it('quotes the replay\'s "why it took that long" line as firedrill run prints it', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const quoted = /```\n(Kakao Mail normal at [\s\S]*?), …\n```/.exec(readme);
    expect(quoted, 'the README quotes the Kakao Mail line in a code block ending ", …"').not.toBeNull();
    const { status, stdout } = await firedrillInProcess(['run']);
    expect(status).toBe(0);
    const line = stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('Kakao Mail normal at'));
    expect(line?.startsWith(quoted![1]!.replace(/\n/g, ' '))).toBe(true);
  });
});
