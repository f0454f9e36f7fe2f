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
import type { PolicyDef } from '../scenario/schema.js';
import { canFailOver, failOverComponent } from './failover.js';

const PHASE_TEXT: Record<IncidentPhase, string> = {
  detect: 'Services are failing; nobody has noticed yet',
  declare: 'The outage is detected; an incident is being declared',
  assess: 'Incident declared; the damage is being assessed',
  decide: 'Assessment done; deciding what to do',
  execute: 'Executing the plan',
  verify: 'Every planned action is done; waiting for the rest to come back',
  standDown: 'Every service is back to normal; standing down',
};

/** The order in which a policy fails components over, with the queue priority each gets. */
export function planFailovers(ctx: RunContext, policy: PolicyDef): Array<{ component: number; priority: number }> {
  const { world } = ctx;
  const wanted = (priority: number) => policy.failOver === 'all' || priority <= policy.failOver.priorityUpTo;
  const plan: Array<{ component: number; priority: number }> = [];
  for (const c of world.components) {
    const service = world.services[c.service]!;
    const controlPlane = service.role !== null && service.role !== 'monitoring';
    if (!canFailOver(ctx, c.index)) continue;
    if (controlPlane && policy.rebuildControlPlaneFirst) plan.push({ component: c.index, priority: 0 });
    else if (wanted(service.priority)) plan.push({ component: c.index, priority: service.priority });
  }
  return plan.sort((a, b) => a.priority - b.priority || a.component - b.component);
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
              const plan = planFailovers(ctx, policy);
              ctx.narrate({ type: 'incident.decided', text: `Policy ${policyName}: fail over ${plan.length} components; the rest wait for power`, data: { policy: policyName, failovers: plan.length } });
              let remaining = plan.length;
              if (remaining === 0) env.schedule(0, () => actor.send({ type: 'EXECUTED' }));
              for (const { component, priority } of plan) {
                ctx.chains.components[component]!.push({ what: 'the incident to be detected, declared and assessed', from: impact, to: env.now });
                const done = env.process(failOverComponent(ctx, status, component, priority), `failover ${ctx.world.components[component]!.id}`);
                done.addCallback(() => {
                  if (--remaining === 0) actor.send({ type: 'EXECUTED' });
                });
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
      status.listeners.push(() => {
        if (status.level.every((l) => l === Level.normal) && actor.getSnapshot().status === 'active') actor.send({ type: 'ALL_NORMAL' });
      });
    })(),
    'incident response',
  );
  return stoodDown;
}
