import { describe, expect, it } from 'vitest';
import { EmptyScheduleError, SimulationError, URGENT, createEnvironment } from '../../sim/index.js';
import { collect } from '../helpers.js';

describe('Environment', () => {
  it('schedule(delay, fn, arg) calls fn(arg) at now + delay', () => {
    const { env, lines, log } = collect();
    env.schedule(5, (x: string) => log(x), 'b');
    env.schedule(2, (x: string) => log(x), 'a');
    env.run();
    expect(lines).toEqual(['2 a', '5 b']);
    expect(env.now).toBe(5);
  });

  it('run({ until }) stops before events scheduled at until and sets now to until', () => {
    const { env, lines, log } = collect();
    env.schedule(10, () => log('at 10'));
    env.schedule(9.5, () => log('at 9.5'));
    env.run({ until: 10 });
    expect(lines).toEqual(['9.5 at 9.5']);
    expect(env.now).toBe(10);
    env.run();
    expect(lines).toEqual(['9.5 at 9.5', '10 at 10']);
  });

  it('run({ until }) rejects a time in the past', () => {
    const env = createEnvironment();
    env.run({ until: 100 });
    expect(() => env.run({ until: 50 })).toThrow(/until must be a time >= now \(100 ms\), got 50/);
  });

  it('run({ until: event }) returns the event value once processed', () => {
    const env = createEnvironment();
    const done = env.timeout(30, 'ready');
    env.schedule(50, () => {
      throw new Error('should not run');
    });
    expect(env.run({ until: done })).toBe('ready');
    expect(env.now).toBe(30);
  });

  it('run({ until: event }) throws EmptyScheduleError if the event never happens', () => {
    const env = createEnvironment();
    const never = env.event();
    env.schedule(5, () => undefined);
    expect(() => env.run({ until: never })).toThrow(EmptyScheduleError);
  });

  it('schedules with equal times leave by priority, then in scheduling order', () => {
    const { env, lines, log } = collect();
    env.schedule(1, () => log('normal 1'));
    env.schedule(1, () => log('urgent'), undefined, URGENT);
    env.schedule(1, () => log('normal 2'));
    env.schedule(1, () => log('late'), undefined, 5);
    env.run();
    expect(lines).toEqual(['1 urgent', '1 normal 1', '1 normal 2', '1 late']);
  });

  it('an event scheduled now from a handler runs after the events already due now', () => {
    const { env, lines, log } = collect();
    env.schedule(1, () => {
      log('first');
      env.schedule(0, () => log('scheduled now'));
    });
    env.schedule(1, () => log('second'));
    env.run();
    expect(lines).toEqual(['1 first', '1 second', '1 scheduled now']);
  });

  it('step() handles one event and peek() tells when the next one is due', () => {
    const { env, lines, log } = collect();
    expect(env.peek()).toBe(Infinity);
    env.schedule(3, () => log('a'));
    env.schedule(7, () => log('b'));
    expect(env.peek()).toBe(3);
    env.step();
    expect(lines).toEqual(['3 a']);
    expect(env.peek()).toBe(7);
    env.step();
    expect(() => env.step()).toThrow(EmptyScheduleError);
  });

  it('peek() from inside a handler sees the queue without the event being handled', () => {
    const env = createEnvironment();
    const seen: number[] = [];
    env.schedule(1, () => {
      seen.push(env.peek());
      env.schedule(1, () => seen.push(env.peek()));
    });
    env.schedule(4, () => undefined);
    env.run();
    expect(seen).toEqual([4, 4]);
  });

  it('cancel(id) stops a scheduled callback and returns false once it has run or been cancelled', () => {
    const { env, lines, log } = collect();
    const a = env.schedule(1, () => log('a'));
    const b = env.schedule(2, () => log('b'));
    expect(env.cancel(b)).toBe(true);
    expect(env.cancel(b)).toBe(false);
    env.run();
    expect(lines).toEqual(['1 a']);
    expect(env.cancel(a)).toBe(false);
  });

  it('a cancelled event does not move the clock', () => {
    const env = createEnvironment();
    const id = env.schedule(100, () => undefined);
    env.cancel(id);
    env.run();
    expect(env.now).toBe(0);
  });

  it('cancel() of a stale handle never cancels the event that reused its slot', () => {
    const { env, lines, log } = collect();
    const first = env.schedule(1, () => log('first'));
    env.run();
    env.schedule(1, () => log('second')); // reuses the freed slot
    expect(env.cancel(first)).toBe(false);
    env.run();
    expect(lines).toEqual(['1 first', '2 second']);
  });

  it('stop() makes run() return after the current event', () => {
    const { env, lines, log } = collect();
    env.schedule(1, () => {
      log('stop here');
      env.stop();
    });
    env.schedule(2, () => log('later'));
    env.run({ until: 10 });
    expect(lines).toEqual(['1 stop here']);
    expect(env.now).toBe(1);
    env.run();
    expect(lines).toEqual(['1 stop here', '2 later']);
  });

  it('schedule() rejects negative, NaN and infinite delays and bad priorities', () => {
    const env = createEnvironment();
    const noop = () => undefined;
    expect(() => env.schedule(-1, noop)).toThrow(/delay must be a finite number of ms >= 0, got -1/);
    expect(() => env.schedule(NaN, noop)).toThrow(RangeError);
    expect(() => env.schedule(Infinity, noop)).toThrow(RangeError);
    expect(() => env.schedule(1, noop, undefined, 1.5)).toThrow(/priority must be an integer from 0 to 255, got 1.5/);
    expect(() => env.schedule(1, noop, undefined, 256)).toThrow(RangeError);
    expect(() => env.scheduleAt(-1, noop)).toThrow(/before now/);
  });

  it('an exception inside an event stops the run with the simulated time and a description of the event', () => {
    const env = createEnvironment();
    const survivors: number[] = [];
    function bootServer(server: number): void {
      if (server === 17) throw new Error('rack 3 has no power domain');
      survivors.push(server);
    }
    env.schedule(2_000, bootServer, 16);
    env.schedule(90_061_001, bootServer, 17);
    env.schedule(90_061_002, bootServer, 18);
    let error: unknown;
    try {
      env.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    const e = error as SimulationError;
    expect(e.message).toBe(
      'simulation stopped at T+1d 01:01:01.001 (90061001 ms) while handling callback bootServer(17): rack 3 has no power domain',
    );
    expect(e.time).toBe(90_061_001);
    expect(e.event).toBe('callback bootServer(17)');
    expect((e.cause as Error).message).toBe('rack 3 has no power domain');
    expect(survivors).toEqual([16]);
    // The queue is intact: the run can be resumed by the caller if it chooses.
    env.run();
    expect(survivors).toEqual([16, 18]);
  });

  it('run() cannot be called from inside a handler', () => {
    const env = createEnvironment();
    env.schedule(1, () => env.run());
    expect(() => env.run()).toThrow(/run\(\) cannot be called from inside an event handler/);
  });

  it('trace receives every handled event with its time and description, in order', () => {
    const trace: string[] = [];
    const env = createEnvironment({ trace: (t, d) => trace.push(`${t} ${d}`) });
    function repair(server: number): void {
      if (server < 2) env.schedule(10, repair, server + 1);
    }
    env.schedule(1, repair, 0);
    env.timeout(5, 'x');
    env.run();
    expect(trace).toEqual(['1 callback repair(0)', '5 Timeout(5 ms)', '11 callback repair(1)', '21 callback repair(2)']);
  });

  it('starts at initialTime when given', () => {
    const env = createEnvironment({ initialTime: 1000 });
    env.schedule(5, () => undefined);
    env.run();
    expect(env.now).toBe(1005);
  });
});
