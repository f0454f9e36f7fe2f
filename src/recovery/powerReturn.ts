/**
 * Power coming back, as work: once the fire is out and the building is
 * cleared, the operator's electricians take dark domains in priority order,
 * inspect them, bypass a burnt UPS and lay a new cable where needed (each
 * waiting for its materials), then energise. Power returning floor by floor
 * is the result, not an input.
 */
import { createSampler, type Request } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { domainServerCount, energiseDomain } from '../model/power.js';
import type { PowerDomain } from '../model/world.js';
import { restartRacks } from './crew.js';

/** Starts the restoration work of every site that has a restoration plan. */
export function startPowerReturn(ctx: RunContext): void {
  ctx.scenario.sites.forEach((siteDef, siteIndex) => {
    const plan = siteDef.restoration;
    const electricians = ctx.people.electricians[siteIndex];
    if (plan === undefined || electricians == null) return;
    const { env } = ctx;
    const rng = ctx.streams.get(`power.${siteDef.id}`);
    const clearance = createSampler(plan.clearance);
    const inspect = createSampler(plan.inspect);
    const bypassLead = createSampler(plan.bypass.leadTime);
    const bypassWork = createSampler(plan.bypass.work);
    const cableLead = createSampler(plan.cableReplacement.leadTime);
    const cableWork = createSampler(plan.cableReplacement.work);

    env.process(
      (function* () {
        const fireOut: number = yield ctx.milestones.fireOut;
        const clearanceMs = clearance(rng);
        yield env.timeout(clearanceMs);
        ctx.narrate({ type: 'power.clearance', text: `${siteDef.name} is declared safe; electricians start restoring power`, data: { site: siteDef.id } });
        const dark = ctx.world.domains
          .filter((d) => d.site === siteIndex && !d.powered)
          .sort((a, b) => a.restorePriority - b.restorePriority || a.index - b.index);
        for (const domain of dark) {
          ctx.chains.domains[domain.index]!.push({ what: 'the fire to be out and the building cleared', from: 0, to: env.now });
          // Each domain draws its durations in a fixed order from its own stream, so
          // a design that changes the order of work does not change the luck.
          const own = ctx.streams.get(`power.${siteDef.id}.${domain.id}`);
          const times = {
            inspect: inspect(own),
            bypassReady: fireOut + bypassLead(own),
            bypass: bypassWork(own),
            cableReady: fireOut + cableLead(own),
            cable: cableWork(own),
          };
          env.process(restoreDomain(ctx, domain, times, electricians), `restore ${domain.id}`);
        }
      })(),
      `power return ${siteDef.id}`,
    );
  });
}

interface DomainTimes {
  inspect: number;
  bypassReady: number;
  bypass: number;
  cableReady: number;
  cable: number;
}

function* restoreDomain(ctx: RunContext, domain: PowerDomain, t: DomainTimes, electricians: import('../../sim/index.js').Resource) {
  const { env } = ctx;
  const steps = ctx.chains.domains[domain.index]!;
  const work = function* (what: string, duration: number) {
    const asked = env.now;
    const team: Request = yield electricians.request(domain.restorePriority);
    if (env.now > asked) steps.push({ what: 'electricians busy elsewhere', from: asked, to: env.now });
    const started = env.now;
    yield env.timeout(duration);
    team.release();
    steps.push({ what, from: started, to: env.now });
  };
  const waitFor = function* (what: string, until: number) {
    if (until > env.now) {
      const from = env.now;
      yield env.timeout(until - env.now);
      steps.push({ what, from, to: env.now });
    }
  };
  yield* work('inspection', t.inspect);
  if (domain.feedDestroyed) {
    yield* waitFor('materials to bypass the burnt UPS', t.bypassReady);
    yield* work('UPS bypass', t.bypass);
  }
  if (domain.cableDestroyed) {
    yield* waitFor('a replacement cable to arrive', t.cableReady);
    yield* work('cable replacement', t.cable);
  }
  energiseDomain(ctx.fleet, domain);
  ctx.chains.domainEnergisedAt[domain.index] = env.now;
  ctx.narrate({ type: 'power.restored', text: `Power domain ${domain.id} is energised again`, data: { domain: domain.id, servers: domainServerCount(ctx.fleet, domain) } });
  restartRacks(ctx, domain);
}
