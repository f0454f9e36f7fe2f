import { describe, expect, it } from 'vitest';
import { createChannel } from '../../sim/index.js';

describe('Channel', () => {
  it('emit calls every listener in subscription order with the arguments, and nothing once they are off', () => {
    const c = createChannel<number, string>();
    const got: string[] = [];
    c.emit(0, 'nobody listens');
    const a = c.on((n, s) => got.push(`a ${n} ${s}`));
    c.emit(1, 'x');
    const b = c.on((n, s) => got.push(`b ${n} ${s}`));
    c.emit(2, 'y');
    expect(c.off(a)).toBe(true);
    expect(c.off(a)).toBe(false);
    c.emit(3, 'z');
    c.off(b);
    c.emit(4, 'w');
    expect(got).toEqual(['a 1 x', 'a 2 y', 'b 2 y', 'b 3 z']);
    expect(c.size).toBe(0);
  });

  it('a listener subscribed during an emit hears from the next emit on', () => {
    const c = createChannel();
    const got: string[] = [];
    c.on(() => {
      got.push('first');
      if (c.size === 2) c.on(() => got.push('late'));
    });
    c.on(() => got.push('second'));
    c.emit();
    c.emit();
    expect(got).toEqual(['first', 'second', 'first', 'second', 'late']);
  });
});
