import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRng, createStreams } from '../../sim/index.js';

const draws = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

describe('createStreams', () => {
  it('gives the same sequence for the same seed and name', () => {
    expect(draws(createStreams(42).get('fire.spread'), 1000)).toEqual(draws(createStreams(42).get('fire.spread'), 1000));
  });

  it('get(name) returns the same stream object every time', () => {
    const streams = createStreams(1);
    expect(streams.get('servers.boot')).toBe(streams.get('servers.boot'));
  });

  it('gives different stream names independent sequences', () => {
    const streams = createStreams(7);
    const a = draws(streams.get('servers.boot'), 10_000);
    const b = draws(streams.get('crews.repair'), 10_000);
    expect(a).not.toEqual(b);
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.05);
  });

  it('adding draws to one stream leaves every other stream’s sequence unchanged', () => {
    const quiet = createStreams(3);
    const reference = draws(quiet.get('b'), 500);
    const busy = createStreams(3);
    const a = busy.get('a');
    const b = busy.get('b');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (let k = 0; k < i % 7; k++) a(); // a varying number of extra draws elsewhere
      interleaved.push(b());
    }
    expect(interleaved).toEqual(reference);
  });

  it('does not depend on the order in which streams are created', () => {
    const first = createStreams(9);
    first.get('x');
    const y1 = draws(first.get('y'), 100);
    const second = createStreams(9);
    const y2 = draws(second.get('y'), 100);
    second.get('x');
    expect(y2).toEqual(y1);
  });

  it('differs between master seeds', () => {
    expect(draws(createStreams(1).get('s'), 50)).not.toEqual(draws(createStreams(2).get('s'), 50));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12 for both algorithms', () => {
    for (const algorithm of ['alea', 'xor4096'] as const) {
      const xs = draws(createStreams(5, algorithm).get('u'), 100_000);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThan(1);
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / xs.length));
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    }
  });

  it('rejects a non-finite seed and an empty stream name', () => {
    expect(() => createStreams(NaN)).toThrow(/seed must be finite/);
    expect(() => createStreams(1).get('')).toThrow(/non-empty name/);
  });

  it('names() lists the streams created, sorted', () => {
    const streams = createStreams(1);
    streams.get('zeta');
    streams.get('alpha');
    expect(streams.names()).toEqual(['alpha', 'zeta']);
  });

  it('createRng(seed, algorithm) is seedrandom’s generator of that algorithm for that seed', () => {
    expect(draws(createRng('pinned', 'alea'), 5)).toEqual(draws(seedrandom.alea('pinned'), 5));
    expect(draws(createRng('pinned', 'xor4096'), 5)).toEqual(draws(seedrandom.xor4096('pinned'), 5));
  });
});
