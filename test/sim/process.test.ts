import { describe, expect, it } from 'vitest';
import { Interrupt, SimulationError, type SimEvent } from '../../sim/index.js';
import { collect, makeEnv } from '../helpers.js';

describe('Process', () => {
  it('yield env.timeout(ms) suspends the process for that long', () => {
    const { env, lines, log } = collect();
    env.process(
      (function* () {
        log('boot');
        yield env.timeout(500);
        log('up');
        yield env.timeout(1500);
        log('serving');
      })(),
      'server',
    );
    env.run();
    expect(lines).toEqual(['0 boot', '500 up', '2000 serving']);
  });

  it('a process resumes with the value of the event it waited for', () => {
    const env = makeEnv();
    const got: unknown[] = [];
    env.process(
      (function* () {
        got.push(yield env.timeout(1, 'power back'));
      })(),
    );
    env.run();
    expect(got).toEqual(['power back']);
  });

  it('a process is an event that succeeds with the generator return value', () => {
    const { env, lines, log } = collect();
    const inspect = env.process(
      (function* () {
        yield env.timeout(30);
        return 'cable damaged';
      })(),
      'inspection',
    );
    env.process(
      (function* () {
        const finding: string = yield inspect;
        log(finding);
      })(),
    );
    env.run();
    expect(lines).toEqual(['30 cable damaged']);
  });

  it('yielding an event already processed resumes at once with its value', () => {
    const env = makeEnv();
    const t = env.timeout(1, 'done');
    const got: unknown[] = [];
    env.run();
    env.process(
      (function* () {
        got.push(yield t);
        got.push(env.now);
      })(),
    );
    env.run();
    expect(got).toEqual(['done', 1]);
  });

  it('waiting on a shared event resumes every waiter in the order they started waiting', () => {
    const { env, lines, log } = collect();
    const powerBack = env.event<string>();
    for (const name of ['hall A', 'hall B', 'hall C']) {
      env.process(
        (function* () {
          yield powerBack;
          log(name);
        })(),
      );
    }
    env.schedule(40, () => powerBack.succeed('on'));
    env.run();
    expect(lines).toEqual(['40 hall A', '40 hall B', '40 hall C']);
  });

  it('a failed event is thrown into the waiting process, which may handle it', () => {
    const { env, lines, log } = collect();
    const failover = env.event();
    env.process(
      (function* () {
        try {
          yield failover;
        } catch (e) {
          log(`caught ${(e as Error).message}`);
        }
      })(),
    );
    env.schedule(5, () => failover.fail(new Error('failover system is down')));
    env.run();
    expect(lines).toEqual(['5 caught failover system is down']);
  });

  it('a failed event nobody handles stops the run', () => {
    const env = makeEnv();
    const e = env.event();
    env.schedule(5, () => e.fail(new Error('nobody listens')));
    expect(() => env.run()).toThrow(/T\+00:00:00\.005 \(5 ms\) while handling SimEvent: nobody listens/);
  });

  it('an exception thrown by a process stops the run, naming the process', () => {
    const env = makeEnv();
    env.process(
      (function* () {
        yield env.timeout(7);
        throw new Error('rack 12 is not in any hall');
      })(),
      'restore-hall',
    );
    let error: unknown;
    try {
      env.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).message).toBe(
      "simulation stopped at T+00:00:00.007 (7 ms) while handling Process 'restore-hall': rack 12 is not in any hall",
    );
  });

  it('a process failure is thrown into processes waiting for it', () => {
    const { env, lines, log } = collect();
    const child = env.process(
      (function* () {
        yield env.timeout(2);
        throw new Error('boot failed');
      })(),
    );
    env.process(
      (function* () {
        try {
          yield child;
        } catch (e) {
          log(`parent saw ${(e as Error).message}`);
        }
      })(),
    );
    env.run();
    expect(lines).toEqual(['2 parent saw boot failed']);
  });

  it('yielding something that is not an event throws a TypeError into the process', () => {
    const env = makeEnv();
    env.process(
      (function* () {
        yield 5 as unknown as SimEvent;
      })(),
      'bad',
    );
    expect(() => env.run()).toThrow(/Process 'bad' yielded the number 5; yield an event such as env\.timeout\(ms\)/);
  });

  it('env.process() rejects a generator function that was not called', () => {
    const env = makeEnv();
    const body = function* () {
      yield env.timeout(1);
    };
    expect(() => env.process(body as never)).toThrow(/expected a generator object \(call the generator function\)/);
  });

  it('processes started at the same time run in the order they were started, before ordinary events due then', () => {
    const { env, lines, log } = collect();
    env.schedule(0, () => log('ordinary'));
    env.process(
      (function* () {
        log('p1');
        yield env.timeout(0);
      })(),
    );
    env.process(
      (function* () {
        log('p2');
        yield env.timeout(0);
      })(),
    );
    env.run();
    expect(lines).toEqual(['0 p1', '0 p2', '0 ordinary']);
  });
});

describe('Process.interrupt', () => {
  it('throws an Interrupt with its cause at the yield, and the old target no longer resumes it', () => {
    const { env, lines, log } = collect();
    const repair = env.process(
      (function* () {
        try {
          yield env.timeout(100);
          log('repaired');
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log(`interrupted: ${String(e.cause)}`);
          yield env.timeout(10);
          log('resumed after interrupt');
        }
      })(),
      'repair',
    );
    env.schedule(30, () => repair.interrupt('power lost again'));
    env.run();
    expect(lines).toEqual(['30 interrupted: power lost again', '40 resumed after interrupt']);
    expect(repair.isAlive).toBe(false);
  });

  it('an unhandled Interrupt stops the run, like any exception', () => {
    const env = makeEnv();
    const p = env.process(
      (function* () {
        yield env.timeout(100);
      })(),
      'victim',
    );
    env.schedule(1, () => p.interrupt('why not'));
    expect(() => env.run()).toThrow(/Process 'victim': interrupted: why not/);
  });

  it('interrupting a finished process throws', () => {
    const env = makeEnv();
    const p = env.process(
      (function* () {
        yield env.timeout(1);
      })(),
      'short',
    );
    env.run();
    expect(() => p.interrupt()).toThrow(/Process 'short' has terminated and cannot be interrupted/);
  });

  it('a process cannot interrupt itself', () => {
    const env = makeEnv();
    const holder: { p?: { interrupt(c?: unknown): void } } = {};
    holder.p = env.process(
      (function* () {
        holder.p!.interrupt();
        yield env.timeout(1);
      })(),
      'self',
    );
    expect(() => env.run()).toThrow(/cannot interrupt itself/);
  });

  it('an interrupt runs before ordinary events due at the same time', () => {
    const { env, lines, log } = collect();
    const p = env.process(
      (function* () {
        try {
          yield env.timeout(10);
          log('timeout won');
        } catch {
          log('interrupt won');
        }
      })(),
    );
    env.schedule(10, () => log('ordinary at 10'));
    env.schedule(9.999, () => undefined);
    env.schedule(10, () => p.interrupt(), undefined, 0);
    env.run();
    expect(lines[0]).toBe('10 interrupt won');
  });
});
