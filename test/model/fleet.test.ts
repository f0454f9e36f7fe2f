import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { S, SERVER_EVENTS, SERVER_STATES } from '../../src/machines/serverLifecycle.js';
import { STATE_COUNT, applyServerEvent, createFleet } from '../../src/model/fleet.js';
import { cutDomain, energiseDomain } from '../../src/model/power.js';
import { createBus } from '../../src/model/bus.js';
import { createWorld } from '../../src/model/world.js';
import { loadScenario } from '../../src/scenario/load.js';

const { scenario } = loadScenario('pangyo-2022');

describe('fleet bookkeeping (property)', () => {
  it('counts by state always sum to the fleet and match a recount; pool counts match their servers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('event' as const), server: fc.nat(), event: fc.nat({ max: SERVER_EVENTS.length - 1 }) }),
            fc.record({ kind: fc.constant('cut' as const), domain: fc.nat() }),
            fc.record({ kind: fc.constant('energise' as const), domain: fc.nat() }),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const world = createWorld(scenario);
          const fleet = createFleet(world, createBus());
          for (const op of ops) {
            if (op.kind === 'event') applyServerEvent(fleet, op.server % world.serverCount, op.event);
            else if (op.kind === 'cut') cutDomain(fleet, world.domains[op.domain % world.domains.length]!);
            else energiseDomain(fleet, world.domains[op.domain % world.domains.length]!);
          }
          const recount = new Int32Array(world.sites.length * STATE_COUNT);
          for (let s = 0; s < world.serverCount; s++) recount[world.halls[world.serverHall[s]!]!.site * STATE_COUNT + world.serverState[s]!]++;
          expect(Array.from(fleet.counts)).toEqual(Array.from(recount));
          expect(fleet.counts.reduce((a, b) => a + b, 0)).toBe(world.serverCount);
          for (const pool of world.pools) {
            let running = 0;
            let coldBack = 0;
            for (const s of pool.serverList) {
              if (world.serverState[s] === S.running) {
                running++;
                if (world.serverCold[s] === 1) coldBack++;
              }
            }
            expect(pool.running).toBe(running);
            expect(pool.coldBack).toBe(coldBack);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a world starts with every server running and every pool full', () => {
    const world = createWorld(scenario);
    expect(world.serverState.every((s) => s === S.running)).toBe(true);
    expect(world.halls.filter((h) => world.sites[h.site]!.id === 'pangyo').reduce((n, h) => n + h.serverCount, 0)).toBe(32_000);
    for (const pool of world.pools) expect(pool.running).toBe(pool.servers);
    expect(SERVER_STATES[0]).toBe('running');
  });
});
