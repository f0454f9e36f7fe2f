/**
 * Servers running again do not serve until engineers restart what ran on
 * them: databases recover, applications start, traffic is let back in. A pool
 * that lost power is cold; once enough of its servers are back to matter, an
 * engineer team restarts it, slower without the operations tools. This is why
 * "two hours after power returns" was never going to hold.
 */
import { createSampler, type Request } from '../../sim/index.js';
import { Level, isRoleUp, type ServiceStatus } from '../model/availability.js';
import type { RunContext } from '../model/context.js';
import type { Pool } from '../model/world.js';
import { S } from '../machines/serverLifecycle.js';
import { takeTeam, vendorOf, workOn } from './vendors.js';

/** Watches for cold pools whose servers are back and queues their restart with the engineers. */
export function startColdStarts(ctx: RunContext, status: ServiceStatus): void {
  const { world } = ctx;
  const queued = new Uint8Array(world.pools.length);
  const inOrder = ctx.scenario.incident.restartInDependencyOrder;
  // Whether what a service needs is usable: restarting it before would only fail again.
  const needsMet = (service: number): boolean => {
    for (const d of world.services[service]!.dependsOn) if (status.level[d]! < Level.usable) return false;
    return true;
  };
  // The process is started outside the loop: a closure made in a loop's body puts that iteration's
  // variables in a heap context, allocated at every iteration whether or not the closure is made.
  const queue = (pool: Pool): void => {
    queued[pool.index] = 1;
    const c = world.components[pool.component]!;
    ctx.env.process(coldStart(ctx, status, pool, () => (queued[pool.index] = 0)), `cold start ${c.id}@${world.sites[pool.site]!.id}`);
  };
  ctx.bus.recomputed.on(() => {
    for (let i = 0; i < world.pools.length; i++) {
      const pool = world.pools[i]!;
      if (!pool.cold || queued[pool.index] || !pool.active) continue;
      const c = world.components[pool.component]!;
      const service = world.services[c.service]!;
      // Worth restarting once the servers back could carry the service's usable share.
      const enough = Math.min(pool.servers, Math.ceil(c.demand * service.usableAt));
      if (pool.coldBack < enough) continue;
      if (inOrder && !needsMet(c.service)) continue;
      queue(pool);
    }
  });
}

function* coldStart(ctx: RunContext, status: ServiceStatus, pool: Pool, done: () => void) {
  const { env, world } = ctx;
  const c = world.components[pool.component]!;
  const service = world.services[c.service]!;
  const steps = ctx.chains.components[c.index]!;
  const asked = env.now;
  const team: Request = yield* takeTeam(ctx, service.index, ctx.command.rank[service.index]!);
  const vendor = vendorOf(ctx, service.index);
  if (env.now > asked) steps.push({ what: vendor === null ? 'an engineer team (all busy)' : `a team of ${vendor} (its call-out, its hours, or all busy)`, from: asked, to: env.now });
  const opsToolsUp = isRoleUp(ctx, status, 'ops-tools');
  const rng = ctx.streams.get(`response.coldStart.${c.id}`);
  const base = createSampler(ctx.scenario.incident.coldStart)(rng);
  const from = env.now;
  yield* workOn(ctx, service.index, opsToolsUp ? base : base * ctx.scenario.incident.failover.opsToolsDownFactor);
  steps.push({ what: `restarting ${c.id} at ${world.sites[pool.site]!.id}${opsToolsUp ? '' : ' (operations tools down)'}`, from, to: env.now });
  team.release();
  // Every server of the pool back by now is restarted; later returns join the running cluster.
  const { serverCold, serverState } = world;
  for (const s of pool.serverList) {
    if (serverCold[s] === 0) continue;
    serverCold[s] = 0;
    if (serverState[s] === S.running) pool.coldBack--;
  }
  pool.cold = false;
  done();
  status.lastServer[c.index] = -1;
  status.touch(c.index);
}
