import { describe, expect, it } from 'vitest';
import { collect, makeEnv } from '../helpers.js';

describe('SimEvent', () => {
  it('succeed() schedules processing now, and callbacks run in the order added', () => {
    const { env, lines, log } = collect();
    const e = env.event<string>();
    e.addCallback((ev) => log(`first ${ev.value}`));
    e.addCallback((ev) => log(`second ${ev.value}`));
    env.schedule(3, () => e.succeed('ok'));
    env.run();
    expect(lines).toEqual(['3 first ok', '3 second ok']);
    expect(e.processed).toBe(true);
  });

  it('an event cannot be triggered twice', () => {
    const env = makeEnv();
    const e = env.event();
    e.succeed(1);
    expect(() => e.succeed(2)).toThrow(/cannot succeed SimEvent: it has already been triggered/);
    expect(() => e.fail(new Error('x'))).toThrow(/already been triggered/);
  });

  it('value throws before the event is triggered', () => {
    const env = makeEnv();
    expect(() => env.event().value).toThrow(/has no value yet/);
  });

  it('cancel() of a timeout means it is never processed, and returns false afterwards', () => {
    const { env, lines, log } = collect();
    const t = env.timeout(50);
    t.addCallback(() => log('failover timer fired'));
    env.schedule(20, () => {
      log('power returned');
      expect(t.cancel()).toBe(true);
    });
    env.run();
    expect(lines).toEqual(['20 power returned']);
    expect(t.cancel()).toBe(false);
    expect(env.now).toBe(20);
  });

  it('addCallback() on a processed event throws instead of silently never calling back', () => {
    const env = makeEnv();
    const t = env.timeout(1);
    env.run();
    expect(() => t.addCallback(() => undefined)).toThrow(/Timeout\(1 ms\) has already been processed/);
  });

  it('trigger(other) copies the outcome of another event', () => {
    const env = makeEnv();
    const a = env.event<number>();
    const b = env.event<number>();
    a.succeed(42);
    b.trigger(a);
    env.run();
    expect(b.value).toBe(42);
  });
});

describe('allOf / anyOf', () => {
  it('allOf succeeds when every event has, with a map of their values', () => {
    const { env, lines, log } = collect();
    const a = env.timeout(5, 'power');
    const b = env.timeout(8, 'cooling');
    env.process(
      (function* () {
        const values: Map<unknown, unknown> = yield env.allOf([a, b]);
        log([...values.values()].join('+'));
      })(),
    );
    env.run();
    expect(lines).toEqual(['8 power+cooling']);
  });

  it('anyOf succeeds at the first event, with only the events that had happened', () => {
    const { env, lines, log } = collect();
    const slow = env.timeout(50, 'restart');
    const fast = env.timeout(20, 'failover');
    env.process(
      (function* () {
        const values: Map<unknown, unknown> = yield env.anyOf([slow, fast]);
        log([...values.values()].join(','));
      })(),
    );
    env.run();
    expect(lines).toEqual(['20 failover']);
  });

  it('allOf([]) and anyOf([]) succeed at once', () => {
    const env = makeEnv();
    const a = env.allOf([]);
    const b = env.anyOf([]);
    env.run();
    expect(a.processed && b.processed).toBe(true);
    expect(env.now).toBe(0);
  });

  it('a condition fails with the first failure among its events, and the waiter can handle it', () => {
    const { env, lines, log } = collect();
    const bad = env.event();
    const good = env.timeout(10);
    env.process(
      (function* () {
        try {
          yield env.allOf([good, bad]);
        } catch (e) {
          log(`allOf failed: ${(e as Error).message}`);
        }
      })(),
    );
    env.schedule(3, () => bad.fail(new Error('cable burnt')));
    env.run();
    expect(lines).toEqual(['3 allOf failed: cable burnt']);
  });

  it('allOf counts events already processed when it is created', () => {
    const env = makeEnv();
    const done = env.timeout(1, 'early');
    env.run();
    const later = env.timeout(4, 'late');
    const all = env.allOf([done, later]);
    env.run();
    expect([...all.value.values()]).toEqual(['early', 'late']);
    expect(env.now).toBe(5);
  });
});
