import { describe, expect, it } from 'vitest';
import { createResource, type Request } from '../../sim/index.js';
import { collect, makeEnv } from '../helpers.js';

describe('Resource', () => {
  it('acquire() grants at once while units are free, then queues', () => {
    const { env, lines, log } = collect();
    const crews = createResource(env, { capacity: 2, name: 'crews' });
    for (const s of ['s1', 's2', 's3']) crews.acquire((x: string) => log(`${x} granted`), s);
    expect(lines).toEqual(['0 s1 granted', '0 s2 granted']);
    expect(crews.count).toBe(2);
    expect(crews.queued).toBe(1);
    env.schedule(7, () => crews.release());
    env.run();
    expect(lines).toEqual(['0 s1 granted', '0 s2 granted', '7 s3 granted']);
    expect(crews.count).toBe(2);
    expect(crews.queued).toBe(0);
  });

  it('serves lower priority numbers first and equal priorities in arrival order', () => {
    const { env, lines, log } = collect();
    const crew = createResource(env, { capacity: 1 });
    crew.acquire(() => log('holder'));
    crew.acquire(() => log('low 1'), undefined, 5);
    crew.acquire(() => log('high'), undefined, 1);
    crew.acquire(() => log('low 2'), undefined, 5);
    crew.acquire(() => log('mid'), undefined, 3);
    for (let i = 1; i <= 4; i++) env.schedule(i, () => crew.release());
    env.run();
    expect(lines).toEqual(['0 holder', '1 high', '2 mid', '3 low 1', '4 low 2']);
  });

  it('withdraw(ticket) takes a queued acquire out, and returns false once granted', () => {
    const { env, lines, log } = collect();
    const crew = createResource(env, { capacity: 1 });
    expect(crew.acquire(() => log('holder'))).toBe(-1);
    const t1 = crew.acquire(() => log('withdrawn'));
    const t2 = crew.acquire(() => log('next'));
    expect(crew.withdraw(t1)).toBe(true);
    expect(crew.withdraw(t1)).toBe(false);
    expect(crew.queued).toBe(1);
    env.schedule(2, () => crew.release());
    env.run();
    expect(lines).toEqual(['0 holder', '2 next']);
    expect(crew.withdraw(t2)).toBe(false);
  });

  it('release() with no unit in use throws', () => {
    const env = makeEnv();
    const crew = createResource(env, { capacity: 1, name: 'electricians' });
    expect(() => crew.release()).toThrow(/electricians\.release\(\): no unit is in use/);
  });

  it('rejects a capacity that is not a positive integer', () => {
    const env = makeEnv();
    expect(() => createResource(env, { capacity: 0, name: 'crews' })).toThrow(/capacity must be a positive integer, got 0/);
    expect(() => createResource(env, { capacity: 1.5 })).toThrow(RangeError);
  });

  it('keeps utilisation, waits and the time-averaged queue length', () => {
    const env = makeEnv();
    const crew = createResource(env, { capacity: 1 });
    // 0-10: A holds; 2-10: B waits; 10-16: B holds; idle until 20.
    crew.acquire(() => undefined);
    env.schedule(2, () => crew.acquire(() => undefined));
    env.schedule(10, () => crew.release());
    env.schedule(16, () => crew.release());
    env.run({ until: 20 });
    expect(crew.utilisation()).toBeCloseTo(16 / 20, 12);
    expect(crew.meanQueueLength()).toBeCloseTo(8 / 20, 12);
    expect(crew.waits.count).toBe(2);
    expect(crew.waits.mean).toBe(4); // (0 + 8) / 2
    expect(crew.waits.max).toBe(8);
  });
});

describe('Resource.request (events)', () => {
  it('processes wait for a unit by yielding request() and give it back with release()', () => {
    const { env, lines, log } = collect();
    const electricians = createResource(env, { capacity: 1, name: 'electricians' });
    const job = (name: string, hours: number) =>
      (function* () {
        const req: Request = yield electricians.request();
        log(`${name} starts`);
        yield env.timeout(hours);
        req.release();
        log(`${name} done`);
      })();
    env.process(job('inspect hall 1', 3));
    env.process(job('replace cable', 5));
    env.run();
    expect(lines).toEqual(['0 inspect hall 1 starts', '3 inspect hall 1 done', '3 replace cable starts', '8 replace cable done']);
  });

  it('an interrupted process can release a request still waiting, which leaves the queue', () => {
    const { env, lines, log } = collect();
    const crew = createResource(env, { capacity: 1 });
    crew.acquire(() => undefined);
    const waiter = env.process(
      (function* () {
        const req = crew.request();
        try {
          yield req;
          log('granted');
        } catch {
          req.release();
          log('gave up');
        }
      })(),
    );
    env.schedule(5, () => waiter.interrupt('stand down'));
    env.schedule(6, () => crew.release());
    env.run();
    expect(lines).toEqual(['5 gave up']);
    expect(crew.queued).toBe(0);
    expect(crew.count).toBe(0);
  });

  it('request(priority) is served by priority', () => {
    const { env, lines, log } = collect();
    const ic = createResource(env, { capacity: 1, name: 'incident commander' });
    crewHold(env, ic, 1);
    for (const [name, priority] of [['mail', 3], ['messaging', 0], ['pay', 1]] as const) {
      env.process(
        (function* () {
          const req: Request = yield ic.request(priority);
          log(name);
          yield env.timeout(1);
          req.release();
        })(),
      );
    }
    env.run();
    expect(lines).toEqual(['1 messaging', '2 pay', '3 mail']);
  });
});

function crewHold(env: ReturnType<typeof makeEnv>, resource: ReturnType<typeof createResource>, until: number): void {
  resource.acquire(() => undefined);
  env.schedule(until, () => resource.release());
}

describe('Resource.setCapacity', () => {
  it('more units serve waiters at once in priority order; fewer take effect as units are released', () => {
    const env = makeEnv();
    const r = createResource(env, { capacity: 1, name: 'crews' });
    const got: string[] = [];
    r.acquire((x: string) => got.push(x), 'a');
    r.acquire((x: string) => got.push(x), 'low', 5);
    r.acquire((x: string) => got.push(x), 'high', 1);
    r.acquire((x: string) => got.push(x), 'next', 5);
    expect(got).toEqual(['a']);
    r.setCapacity(3);
    expect(got).toEqual(['a', 'high', 'low']);
    expect(r.count).toBe(3);
    expect(r.queued).toBe(1);
    r.setCapacity(1);
    r.release(); // 3 held, capacity 1: the unit goes, the waiter waits
    expect(r.count).toBe(2);
    expect(got).toEqual(['a', 'high', 'low']);
    r.release();
    expect(r.count).toBe(1);
    r.release(); // back within capacity: the waiter gets it
    expect(got).toEqual(['a', 'high', 'low', 'next']);
    expect(r.count).toBe(1);
    expect(() => r.setCapacity(0)).toThrow(/positive integer/);
  });

  it('counts a unit as held before the waiter’s callback, which may release it at once', () => {
    const env = makeEnv();
    const r = createResource(env, { capacity: 1 });
    r.acquire(() => undefined);
    r.acquire(() => r.release());
    r.setCapacity(2);
    expect(r.count).toBe(1);
    expect(r.queued).toBe(0);
  });
});
