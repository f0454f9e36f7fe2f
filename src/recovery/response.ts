/**
 * The incident response of a run: the incident-response chart on the
 * simulated clock, its phase durations drawn according to whether monitoring
 * and internal chat work, and the policy's plan carried out by engineer teams.
 */
import { createActor } from 'xstate';
import { createSampler, createSimulatedClock, type SimEvent } from '../../sim/index.js';
import { incidentResponse, type IncidentPhase } from '../machines/incidentResponse.js';
import { Level, isRoleUp, type ServiceStatus } from '../model/availability.js';
import type { RunContext } from '../model/context.js';
import type { Component } from '../model/world.js';
import type { PolicyDef } from '../scenario/schema.js';
import { canBuildOut, canFailOver, failOverComponent } from './failover.js';

const PHASE_TEXT: Record<IncidentPhase, string> = {
  detect: 'Services are failing; nobody has noticed yet',
  declare: 'The outage is detected; an incident is being declared',
  assess: 'Incident declared; the damage is being assessed',
  decide: 'Assessment done; deciding what to do',
  execute: 'Executing the plan',
  verify: 'Every planned action is done; waiting for the rest to come back',
  standDown: 'Every service is back to normal; standing down',
};

/**
 * Whether the policy wants engineers on a component now: a failover when it
 * has fallen below usable and has a standby to go to, a build-out when it is
 * below normal and may grow. Returns the queue priority, or -1 for no work.
 */
export function wantedWork(ctx: RunContext, status: ServiceStatus, policy: PolicyDef, component: number): number {
  const { world } = ctx;
  const c = world.components[component]!;
  const service = world.services[c.service]!;
  const controlPlane = service.role !== null && service.role !== 'monitoring';
  const priority = controlPlane && policy.rebuildControlPlaneFirst ? 0 : service.priority;
  const wanted = priority === 0 || policy.failOver === 'all' || service.priority <= policy.failOver.priorityUpTo;
  if (!wanted) return -1;
  const capacity = status.capacity[component]!;
  if (canFailOver(ctx, component) && capacity < service.usableAt) return priority;
  // Active–active components scale by themselves while the deployment tool works (watchAutoScaling).
  const autoscaled = c.redundancy.kind === 'active-active' && isRoleUp(ctx, status, 'deployment');
  if (canBuildOut(ctx, status, component) && (c.failedOver || c.redundancy.kind === 'active-active') && !autoscaled && capacity < service.normalAt) return priority;
  return -1;
}

/** Starts the response when the first power loss happens. Returns the event of standing down. */
export function startResponse(ctx: RunContext, status: ServiceStatus, policyName: string): SimEvent<number> {
  const { env, scenario } = ctx;
  const policy = scenario.policies[policyName];
  if (policy === undefined) throw new RangeError(`unknown policy "${policyName}"`);
  const incident = scenario.incident;
  const rng = ctx.streams.get('response.phases');
  const draw = (spec: Parameters<typeof createSampler>[0]) => createSampler(spec)(rng);
  const stoodDown = env.event<number>();

  env.process(
    (function* () {
      const impact: number = yield ctx.milestones.firstImpact;
      const actor = createActor(incidentResponse, {
        clock: createSimulatedClock(env),
        input: {
          hooks: {
            detectDelay: () => draw(isRoleUp(ctx, status, 'monitoring') ? incident.detect.withMonitoring : incident.detect.withoutMonitoring),
            declareDelay: () => draw(isRoleUp(ctx, status, 'internal-chat') ? incident.declare.withChat : incident.declare.withoutChat),
            assessDelay: () => draw(incident.assess),
            decide: () => {
              // From the decision on, engineers take up every component the policy wants
              // worked on, as soon as it needs it (later losses included).
              let inProgress = 0;
              let executed = false;
              const working = new Uint8Array(ctx.world.components.length);
              // Started outside assign's loop: a closure made in a loop's body puts that iteration's
              // variables in a heap context, allocated at every iteration (assign runs at every recompute).
              const work = (c: Component, priority: number): void => {
                working[c.index] = 1;
                inProgress++;
                ctx.chains.components[c.index]!.push({ what: 'the incident to be detected, declared and assessed', from: impact, to: env.now });
                const done = env.process(failOverComponent(ctx, status, c.index, priority), `failover ${c.id}`);
                done.addCallback(() => {
                  working[c.index] = 0;
                  if (--inProgress === 0 && !executed) {
                    executed = true;
                    actor.send({ type: 'EXECUTED' });
                  }
                });
              };
              const assign = (): void => {
                const components = ctx.world.components;
                for (let i = 0; i < components.length; i++) {
                  const c = components[i]!;
                  if (working[c.index]) continue;
                  const priority = wantedWork(ctx, status, policy, c.index);
                  if (priority < 0) continue;
                  work(c, priority);
                }
              };
              assign();
              ctx.narrate({ type: 'incident.decided', text: `Policy ${policyName}: ${inProgress} components to fail over or build out; the rest wait for power`, data: { policy: policyName, actions: inProgress } });
              ctx.bus.recomputed.on(assign);
              if (inProgress === 0) {
                executed = true;
                env.schedule(0, () => actor.send({ type: 'EXECUTED' }));
              }
            },
            entered: (phase) => {
              ctx.narrate({ type: `incident.${phase}`, text: PHASE_TEXT[phase], data: { phase } });
              if (phase === 'standDown') stoodDown.succeed(env.now);
            },
          },
        },
      });
      actor.start();
      ctx.bus.levelChanged.on(() => {
        if (status.level.every((l) => l === Level.normal) && actor.getSnapshot().status === 'active') actor.send({ type: 'ALL_NORMAL' });
      });
    })(),
    'incident response',
  );
  return stoodDown;
}
