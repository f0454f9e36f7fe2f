/**
 * Moving a component's traffic to its standby site, and building out the
 * standby capacity it lacks. Both are engineers' work. Failover is automatic
 * only while the failover system is up; by hand it is slower, and slower
 * still without the operations tools. Build-out is fast with the deployment
 * tool and crawls without it.
 */
import { HOUR, MINUTE, createSampler, type Request } from '../../sim/index.js';
import { isRoleUp, type ServiceStatus } from '../model/availability.js';
import type { RunContext } from '../model/context.js';
import type { Component } from '../model/world.js';

/** Granularity of build-out: servers are added every this many ms of work. */
const BUILD_OUT_STEP = 15 * MINUTE;

/** Whether failing the component over would help: it has a standby pool at a site other than the ones it is losing. */
export function canFailOver(ctx: RunContext, component: number): boolean {
  const c = ctx.world.components[component]!;
  if (c.redundancy.kind !== 'active-standby' || c.failedOver) return false;
  for (let i = 0; i < c.pools.length; i++) if (ctx.world.pools[c.pools[i]!]!.role === 'standby') return true;
  return false;
}

/** Whether engineers could add capacity to a component by building out (after any failover). */
export function canBuildOut(ctx: RunContext, status: ServiceStatus, component: number): boolean {
  return buildOutLimit(ctx, component) > 0 && status.capacity[component]! < 1;
}

/**
 * The failover system at work: while it is up, an active–standby component
 * with automatic failover whose active pools lose their servers is switched
 * to its standby site within minutes, with no engineer and no decision.
 */
export function watchAutomaticFailover(ctx: RunContext, status: ServiceStatus): void {
  const { world, env } = ctx;
  const pending = new Uint8Array(world.components.length);
  const rng = ctx.streams.get('response.automaticFailover');
  const delay = createSampler(ctx.scenario.incident.failover.automatic);
  // Scheduled outside the watcher's loop: a closure made in a loop's body puts that iteration's
  // variables in a heap context, allocated at every iteration whether or not the closure is made.
  const failOver = (c: Component): void => {
    const service = world.services[c.service]!;
    pending[c.index] = 1;
    const from = env.now;
    env.schedule(delay(rng), () => {
      if (!isRoleUp(ctx, status, 'failover-system')) {
        pending[c.index] = 0; // the failover system went down first: engineers will have to do it
        return;
      }
      for (const p of c.pools) world.pools[p]!.active = true;
      c.failedOver = true;
      ctx.chains.components[c.index]!.push({ what: 'automatic failover', from, to: env.now });
      ctx.narrate({ type: 'failover.done', text: `${service.name}: the failover system switched ${c.id} to its standby site`, data: { service: service.id, component: c.id, automatic: true } });
      status.lastServer[c.index] = -1;
      status.touch();
    });
  };
  ctx.bus.recomputed.on(() => {
    // Indexed loops in the watchers: they run at every recompute, and an iterator's garbage adds up.
    for (let i = 0; i < world.components.length; i++) {
      const c = world.components[i]!;
      if (pending[c.index] || c.failedOver || c.redundancy.kind !== 'active-standby' || c.redundancy.failover !== 'automatic') continue;
      const service = world.services[c.service]!;
      if (status.capacity[c.index]! >= service.usableAt || !isRoleUp(ctx, status, 'failover-system')) continue;
      failOver(c);
    }
  });
}

/**
 * Autoscaling of active–active components: while the deployment tool works,
 * a component that lost part of its sites grows at the surviving ones by
 * itself, up to its build-out limit, with no engineer and no decision. Without
 * the tool it waits for engineers like everything else.
 */
export function watchAutoScaling(ctx: RunContext, status: ServiceStatus): void {
  const { world, env } = ctx;
  const scaling = new Uint8Array(world.components.length);
  const perStep = (ctx.scenario.incident.buildOutPerHour.withDeployment * BUILD_OUT_STEP) / HOUR;
  const grow = (component: number): void => {
    const c = world.components[component]!;
    const service = world.services[c.service]!;
    const pool = c.pools.map((p) => world.pools[p]!).find((p) => p.running > 0 && !p.cold) ?? world.pools[c.pools[0]!]!;
    const limit = buildOutLimit(ctx, component);
    const built = c.pools.reduce((n, p) => n + world.pools[p]!.builtOut, 0);
    if (built >= limit || status.capacity[component]! >= Math.min(1, service.normalAt + 0.05) || !isRoleUp(ctx, status, 'deployment')) {
      scaling[component] = 0;
      return;
    }
    pool.builtOut += Math.min(limit - built, Math.max(1, Math.round(perStep)));
    status.lastServer[component] = -1;
    status.touch();
    env.schedule(BUILD_OUT_STEP, grow, component);
  };
  ctx.bus.recomputed.on(() => {
    for (let i = 0; i < world.components.length; i++) {
      const c = world.components[i]!;
      if (scaling[c.index] || c.redundancy.kind !== 'active-active' || buildOutLimit(ctx, c.index) === 0) continue;
      const service = world.services[c.service]!;
      if (status.capacity[c.index]! >= service.normalAt || !isRoleUp(ctx, status, 'deployment')) continue;
      scaling[c.index] = 1;
      ctx.chains.components[c.index]!.push({ what: 'autoscaling at the surviving sites', from: env.now, to: env.now });
      env.schedule(BUILD_OUT_STEP, grow, c.index);
    }
  });
}

/** How many servers build-out may add to a component. */
function buildOutLimit(ctx: RunContext, component: number): number {
  const c = ctx.world.components[component]!;
  const r = c.redundancy;
  if (r.kind === 'active-standby') {
    const standby = c.pools.reduce((sum, p) => sum + (ctx.world.pools[p]!.role === 'standby' ? ctx.world.pools[p]!.servers : 0), 0);
    return r.maxBuildOut ?? Math.max(0, c.demand - standby);
  }
  return r.kind === 'active-active' ? r.maxBuildOut : 0;
}

/**
 * A process: an engineer team fails the component over (if it is
 * active–standby) and then builds out capacity until the component carries
 * its demand or reaches its build-out limit. Records each wait on the
 * component's chain.
 */
export function* failOverComponent(ctx: RunContext, status: ServiceStatus, component: number, priority: number) {
  const { env, world } = ctx;
  const c = world.components[component]!;
  const service = world.services[c.service]!;
  const steps = ctx.chains.components[component]!;
  const incident = ctx.scenario.incident;
  const rng = ctx.streams.get(`response.failover.${c.id}`);
  const asked = env.now;
  const team: Request = yield ctx.people.engineers.request(priority);
  if (env.now > asked) steps.push({ what: 'an engineer team (all busy)', from: asked, to: env.now });

  if (c.redundancy.kind === 'active-standby' && !c.failedOver) {
    const automatic = c.redundancy.failover === 'automatic' && isRoleUp(ctx, status, 'failover-system');
    if (!automatic) {
      // A manual failover moves production traffic: the incident commander approves each one.
      const askedIc = env.now;
      const ic: Request = yield ctx.people.incidentCommanders.request(priority);
      const chat = isRoleUp(ctx, status, 'internal-chat');
      const approval = createSampler(incident.approve)(rng) * (chat ? 1 : 2);
      yield env.timeout(approval);
      ic.release();
      steps.push({ what: `the incident commander's approval${chat ? '' : ' (internal chat down)'}`, from: askedIc, to: env.now });
    }
    const opsToolsUp = isRoleUp(ctx, status, 'ops-tools');
    const base = createSampler(automatic ? incident.failover.automatic : incident.failover.manual)(rng);
    const duration = automatic || opsToolsUp ? base : base * incident.failover.opsToolsDownFactor;
    const how = automatic
      ? 'automatic failover'
      : `manual failover (${c.redundancy.failover === 'automatic' ? 'failover system down' : 'no automatic failover'}${opsToolsUp ? '' : ', operations tools down'})`;
    ctx.narrate({ type: 'failover.started', text: `${service.name}: ${how} of ${c.id} begins`, data: { service: service.id, component: c.id, automatic } });
    const from = env.now;
    yield env.timeout(duration);
    steps.push({ what: how, from, to: env.now });
    if (c.replicationLagMs > 0) {
      // Writes not yet replicated when the site was lost are reconciled before traffic moves.
      const reconcileFrom = env.now;
      yield env.timeout(c.replicationLagMs);
      steps.push({ what: 'reconciling data not yet replicated (replication lag)', from: reconcileFrom, to: env.now });
    }
    for (const p of c.pools) world.pools[p]!.active = true;
    c.failedOver = true;
    status.lastServer[component] = -1;
    status.touch();
    ctx.narrate({ type: 'failover.done', text: `${service.name}: ${c.id} now serves from its standby site`, data: { service: service.id, component: c.id } });
  }

  team.release();

  // Build-out is done a step at a time, the team going back to the queue
  // between steps, so that more urgent work (a cold start of a priority
  // service) is not stuck behind hours of building by hand.
  const limit = buildOutLimit(ctx, component);
  let builtOut = 0;
  const standby = c.pools.map((p) => world.pools[p]!).find((p) => p.role === 'standby') ?? world.pools[c.pools[0]!]!;
  const buildFrom = env.now;
  let slowest = false;
  while (builtOut < limit && status.capacity[component]! < 1 && status.capacity[component]! < service.normalAt + 0.05) {
    const builder: Request = yield ctx.people.engineers.request(priority);
    const deployment = isRoleUp(ctx, status, 'deployment');
    if (!deployment) slowest = true;
    const perHour = deployment ? incident.buildOutPerHour.withDeployment : incident.buildOutPerHour.withoutDeployment;
    yield env.timeout(BUILD_OUT_STEP);
    builder.release();
    const add = Math.min(limit - builtOut, Math.max(1, Math.round((perHour * BUILD_OUT_STEP) / HOUR)));
    builtOut += add;
    standby.builtOut += add;
    status.lastServer[component] = -1;
    status.touch();
    yield env.timeout(0); // let the status settle before testing capacity again
  }
  if (builtOut > 0) {
    steps.push({ what: `build-out of ${builtOut} servers${slowest ? ' (deployment tool down: by hand)' : ''}`, from: buildFrom, to: env.now });
  }
}
