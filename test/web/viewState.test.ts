import { describe, expect, it } from 'vitest';
import { lightness, STATE_CLASSES, stateClassOf } from '../../web/src/palette.js';
import { formatViewState, parseViewState, sameRuns } from '../../web/src/urlState.js';

describe('the address of a view (web/src/urlState.ts)', () => {
  it('parseViewState(formatViewState(s)) gives s back: time, design or two compared, seed, policy, speed, spoiler-free', () => {
    const views = [
      { t: 24, design: null, compare: ['as-built-2022', 'naver-like'] as [string, string], seed: 2, policy: null, speed: 8.4, spoilerFree: true },
      { t: 10.5, design: 'zoned-power-cutoff', compare: null, seed: 3, policy: 'runbook', speed: null, spoilerFree: false },
      { t: null, design: '', compare: null, seed: null, policy: null, speed: null, spoilerFree: false },
    ];
    for (const v of views) expect(parseViewState(formatViewState(v))).toEqual(v);
    expect(formatViewState(views[0]!)).toBe('?compare=as-built-2022,naver-like&seed=2&t=24&speed=8.4&spoilers=hide');
    expect(formatViewState({ ...views[2]!, design: null })).toBe('');
  });

  it('leaves out what makes no sense instead of failing: negative or fractional seeds, odd ids, a compare of one', () => {
    const v = parseViewState('?seed=-1&t=abc&design=../../etc&compare=naver-like&speed=0');
    expect(v).toEqual({ t: null, design: null, compare: null, seed: null, policy: null, speed: null, spoilerFree: false });
    expect(parseViewState('?seed=1.5').seed).toBeNull();
    expect(parseViewState('?compare=,naver-like').compare).toEqual(['', 'naver-like']);
  });

  it('sameRuns tells a change of hour from a change of runs', () => {
    const a = parseViewState('?design=naver-like&seed=2&t=3');
    expect(sameRuns(a, parseViewState('?design=naver-like&seed=2&t=40&speed=4'))).toBe(true);
    expect(sameRuns(a, parseViewState('?design=naver-like&seed=3&t=3'))).toBe(false);
    expect(sameRuns(a, parseViewState('?compare=naver-like,as-built-2022&seed=2'))).toBe(false);
  });
});

describe('the floor map’s classes of state (web/src/palette.ts)', () => {
  it('puts the seven server states into at most five classes, failed apart by pattern too', () => {
    const states = ['running', 'unpowered', 'off', 'booting', 'failed', 'repairing', 'destroyed'];
    expect(STATE_CLASSES.length).toBeLessThanOrEqual(5);
    expect(new Set(states.map(stateClassOf)).size).toBe(5);
    expect(STATE_CLASSES[stateClassOf('failed')]!.pattern).not.toBeNull();
    expect(stateClassOf('something new')).toBe(stateClassOf('off'));
  });

  it('keeps every pair of classes at least 10 L* apart, so they differ in grey (achromatopsia) whatever the hue', () => {
    const l = STATE_CLASSES.map((c) => lightness(c.colour));
    for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) expect(Math.abs(l[i]! - l[j]!), `${STATE_CLASSES[i]!.id} / ${STATE_CLASSES[j]!.id}`).toBeGreaterThanOrEqual(10);
    expect(lightness('#ffffff')).toBeCloseTo(100, 5);
    expect(lightness('#000000')).toBe(0);
  });
});
