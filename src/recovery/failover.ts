/**
 * Moving a component's traffic to its standby site, and building out the
 * standby capacity it lacks. Both are engineers' work, and both wait for the
 * commander's approval of the service (`failover.approve`). Failover is
 * automatic only while the failover system is up; by hand it is slower, and
 * slower still without the operations tools. Build-out is fast with the
 * deployment tool and crawls without it.
 */
import { HOUR, MINUTE, createSampler, type Request } from '../../sim/index.js';
import { isRoleUp, type ServiceStatus } from '../model/availability.js';
import { Approval } from '../model/command.js';
import type { RunContext } from '../model/context.js';
import type { Component } from '../model/world.js';
import { needsRework, work } from './work.js';

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
      for (const p of c.pools) if (world.pools[p]!.role === 'standby') world.pools[p]!.active = true;
      c.failedOver = true;
      ctx.chains.components[c.index]!.push({ what: 'automatic failover', from, to: env.now });
      ctx.narrate({ type: 'failover.done', text: `${service.name}: the failover system switched ${c.id} to its standby site`, data: { service: service.id, component: c.id, automatic: true } });
      status.lastServer[c.index] = -1;
      status.touch(c.index);
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
    status.touch(component);
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

/**
 * Whether engineers could help a component now: a failover when it has fallen
 * below usable and has a standby to go to, a build-out when it is below normal
 * and may grow (active–active components grow by themselves while the
 * deployment tool works, see watchAutoScaling).
 */
export function componentNeedsWork(ctx: RunContext, status: ServiceStatus, component: number): boolean {
  const c = ctx.world.components[component]!;
  const service = ctx.world.services[c.service]!;
  const capacity = status.capacity[component]!;
  if (canFailOver(ctx, component) && capacity < service.usableAt) return true;
  const autoscaled = c.redundancy.kind === 'active-active' && isRoleUp(ctx, status, 'deployment');
  return canBuildOut(ctx, status, component) && (c.failedOver || c.redundancy.kind === 'active-active') && !autoscaled && capacity < service.normalAt;
}

/** Whether a failover or build-out of any of the service's components would help now. */
export function needsFailover(ctx: RunContext, status: ServiceStatus, service: number): boolean {
  for (const c of ctx.world.services[service]!.components) if (componentNeedsWork(ctx, status, c)) return true;
  return false;
}

/** Whether the service has anything to fail over or build out at all, whatever its state now. */
function hasStandby(ctx: RunContext, service: number): boolean {
  return ctx.world.services[service]!.components.some((c) => canFailOver(ctx, c) || buildOutLimit(ctx, c) > 0);
}

/** Puts the failover of a service to the commander. */
function askFailover(ctx: RunContext, status: ServiceStatus, service: number): void {
  const s = ctx.world.services[service]!;
  const { command } = ctx;
  ctx.desk.raise({
    kind: 'failover',
    subject: s.id,
    text: `${s.name} is down and can be moved to its standby sites. Fail it over (and build out the standby capacity)?`,
    options: [
      { action: { kind: 'failover.approve', service: s.id }, label: `Fail ${s.name} over` },
      { action: { kind: 'failover.deny', service: s.id }, label: `Wait for its site to come back` },
    ],
    defaultOption: null,
    deadlineIn: null,
    deferrable: { stillOpen: () => command.approval[service] === Approval.undecided && needsFailover(ctx, status, service) },
  });
}

/** Failover approvals, as the response uses them. */
export interface Failovers {
  /** Puts the failover of a service to the commander if it is undecided and a failover or build-out would help now. */
  ask(service: number): void;
}

/**
 * The engineers' side of failover approvals: the `failover.approve` and
 * `failover.deny` actions, and, once a service is approved, engineers taking
 * up each of its components whenever it needs a failover or build-out (later
 * losses included).
 */
export function startFailoverWork(ctx: RunContext, status: ServiceStatus): Failovers {
  const { world, env, command } = ctx;
  const serviceOf = (id: string) => world.services.find((s) => s.id === id);
  const working = new Uint8Array(world.components.length);
  // Started outside assign's loop: a closure made in a loop's body puts that iteration's
  // variables in a heap context, allocated at every iteration (assign runs at every recompute).
  const takeUp = (c: Component): void => {
    working[c.index] = 1;
    ctx.chains.components[c.index]!.push({ what: 'the incident to be detected, declared and assessed', from: ctx.milestones.firstImpact.value as number, to: env.now });
    const done = env.process(failOverComponent(ctx, status, c.index, command.rank[c.service]!), `failover ${c.id}`);
    done.addCallback(() => (working[c.index] = 0));
  };
  const assign = (): void => {
    const components = world.components;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      if (working[c.index] || command.approval[c.service] !== Approval.approved) continue;
      if (componentNeedsWork(ctx, status, c.index)) takeUp(c);
    }
  };
  ctx.bus.recomputed.on(assign);

  const decided = (id: string): string | null => {
    const s = serviceOf(id);
    if (s === undefined) return `there is no service "${id}"`;
    if (!command.declared) return 'the incident is not declared yet';
    if (command.approval[s.index] === Approval.approved) return `${s.name} is already approved for failover`;
    if (!hasStandby(ctx, s.index)) return `${s.name} has no standby site or spare capacity to fail over to`;
    return null;
  };
  ctx.actions.on('failover.approve', {
    check: (a) => decided(a.service),
    carryOut: (a) => {
      command.approval[serviceOf(a.service)!.index] = Approval.approved;
      assign();
    },
  });
  ctx.actions.on('failover.deny', {
    check: (a) => decided(a.service),
    carryOut: (a) => void (command.approval[serviceOf(a.service)!.index] = Approval.denied),
  });
  return {
    ask(service) {
      if (command.approval[service] === Approval.undecided && needsFailover(ctx, status, service)) askFailover(ctx, status, service);
    },
  };
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
    if (automatic) yield env.timeout(duration);
    else {
      yield* work(ctx, 'engineers', duration);
      // A switch done by hand under pressure does not always work the first time.
      if (needsRework(ctx, 'engineers', incident.manualRework, `response.rework.${c.id}`)) {
        yield* work(ctx, 'engineers', duration / 2);
        ctx.narrate({ type: 'failover.redone', text: `${service.name}: the manual switch of ${c.id} failed its checks and is partly redone`, data: { service: service.id, component: c.id } });
      }
    }
    steps.push({ what: how, from, to: env.now });
    if (c.replicationLagMs > 0) {
      // Writes not yet replicated when the site was lost are reconciled before traffic moves.
      const reconcileFrom = env.now;
      yield env.timeout(c.replicationLagMs);
      steps.push({ what: 'reconciling data not yet replicated (replication lag)', from: reconcileFrom, to: env.now });
    }
    for (const p of c.pools) if (world.pools[p]!.role === 'standby') world.pools[p]!.active = true;
    c.failedOver = true;
    status.lastServer[component] = -1;
    status.touch(component);
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
    yield* work(ctx, 'engineers', BUILD_OUT_STEP);
    builder.release();
    const add = Math.min(limit - builtOut, Math.max(1, Math.round((perHour * BUILD_OUT_STEP) / HOUR)));
    builtOut += add;
    standby.builtOut += add;
    status.lastServer[component] = -1;
    status.touch(component);
    yield env.timeout(0); // let the status settle before testing capacity again
  }
  if (builtOut > 0) {
    steps.push({ what: `build-out of ${builtOut} servers${slowest ? ' (deployment tool down: by hand)' : ''}`, from: buildFrom, to: env.now });
  }
}
