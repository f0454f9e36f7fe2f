import { describe, expect, it } from 'vitest';
import { createEnvironment, createResource, createStreams, exponential, lognormal, type Request } from '../sim/index.js';

/**
 * A small fleet on the kernel alone: servers fail, wait for a crew (a process
 * per repair), and reboot after a callback delay. Returns the kernel's trace and
 * the model's own log, both with times to the millisecond.
 */
function runFleet(seed: number, options: { noise?: boolean } = {}): { trace: string[]; log: string[] } {
  const trace: string[] = [];
  const log: string[] = [];
  const env = createEnvironment({ trace: (t, d) => trace.push(`${t.toFixed(3)} ${d}`) });
  const streams = createStreams(seed);
  const failures = streams.get('servers.failure');
  const repairs = streams.get('crews.repair');
  const boots = streams.get('servers.boot');
  const crews = createResource(env, { capacity: 2, name: 'crews' });

  function reboot(server: number): void {
    log.push(`${env.now.toFixed(3)} server ${server} up`);
    env.schedule(exponential(failures, 50_000), fail, server);
  }
  function fail(server: number): void {
    log.push(`${env.now.toFixed(3)} server ${server} failed`);
    env.process(
      (function* () {
        const crew: Request = yield crews.request();
        yield env.timeout(lognormal(repairs, Math.log(3_000), 0.5));
        crew.release();
        env.schedule(exponential(boots, 400), reboot, server);
      })(),
      `repair ${server}`,
    );
  }
  for (let s = 0; s < 20; s++) env.schedule(exponential(failures, 50_000), fail, s);
  if (options.noise) {
    // Another subsystem drawing from its own stream, interleaved in time with the fleet.
    const noise = streams.get('weather');
    const tick = (): void => {
      noise();
      noise();
      env.schedule(777, tick, undefined, 7); // lowest priority: never reorders the fleet's ties
    };
    env.schedule(0, tick, undefined, 7);
  }
  env.run({ until: 300_000 });
  return { trace, log };
}

describe('determinism', () => {
  it('the same seed gives an identical event trace, byte for byte', () => {
    const a = runFleet(7);
    const b = runFleet(7);
    expect(a.trace.length).toBeGreaterThan(200);
    expect(a.trace.join('\n')).toBe(b.trace.join('\n'));
    expect(a.log.join('\n')).toBe(b.log.join('\n'));
  });

  it('another seed gives another trace', () => {
    expect(runFleet(8).log).not.toEqual(runFleet(7).log);
  });

  it('draws added on another stream leave the model’s events unchanged', () => {
    const quiet = runFleet(7);
    const noisy = runFleet(7, { noise: true });
    expect(noisy.trace.some((line) => line.includes('tick'))).toBe(true);
    expect(noisy.log).toEqual(quiet.log);
    expect(noisy.trace.filter((line) => !line.includes('tick'))).toEqual(quiet.trace);
  });
});
