import { describe, expect, it } from 'vitest';
import { createSampler, createStreams, HOUR } from '../../sim/index.js';
import { drawFactors, drawScenario, factorOf, scaleDistribution, streamOf, typicalValue } from '../../src/scenario/draws.js';
import { loadScenario } from '../../src/scenario/load.js';
import { uncertainParameters } from '../../src/scenario/uncertainty.js';
import { tiny } from '../recovery/tiny.js';

const pangyo = loadScenario('pangyo-2022').scenario;
const naver = loadScenario('naver-like', 'design').scenario;

describe('factorOf', () => {
  it('maps a uniform draw onto the prior by its inverse CDF, ends included', () => {
    expect(factorOf({ uniform: [0.5, 1.5] }, 0)).toBe(0.5);
    expect(factorOf({ uniform: [0.5, 1.5] }, 0.25)).toBe(0.75);
    expect(factorOf({ logUniform: [0.5, 2] }, 0.5)).toBeCloseTo(1, 12);
    expect(factorOf({ logUniform: [0.5, 2] }, 1)).toBeCloseTo(2, 12);
    expect(factorOf({ triangular: [0.5, 1, 2] }, 1 / 3)).toBeCloseTo(1, 12);
    expect(factorOf({ triangular: [0.5, 1, 2] }, 0)).toBe(0.5);
  });
});

describe('scaleDistribution', () => {
  it('multiplies every duration of a distribution, so its draws scale too', () => {
    const spec = { kind: 'triangular' as const, min: 1, mode: 2, max: 4 };
    expect(scaleDistribution(spec, 1.5)).toEqual({ kind: 'triangular', min: 1.5, mode: 3, max: 6 });
    const a = createSampler(spec)(createStreams(1).get('x'));
    const b = createSampler(scaleDistribution(spec, 1.5))(createStreams(1).get('x'));
    expect(b).toBeCloseTo(a * 1.5, 12);
    expect(scaleDistribution({ kind: 'empirical', points: [[1, 0], [3, 1]] }, 2)).toEqual({ kind: 'empirical', points: [[2, 0], [6, 1]] });
    expect(typicalValue({ kind: 'empirical', points: [[0, 0], [10, 0.4], [20, 0.8], [40, 1]] })).toBe(12.5);
    expect(scaleDistribution({ kind: 'lognormal', mu: 1, sigma: 0.5 }, Math.E)).toEqual({ kind: 'lognormal', mu: 2, sigma: 0.5 });
  });
});

describe('drawScenario', () => {
  const parameters = uncertainParameters(pangyo);

  it('draws each factor on a stream of its own, seeded by the run seed alone', () => {
    const { factors } = drawFactors(parameters, 7, null);
    const i = parameters.findIndex((p) => p.path === 'sites.pangyo.restoration.bypass.leadTime');
    expect(factors[i]).toBe(factorOf(parameters[i]!.prior, createStreams(7).get(streamOf(parameters[i]!.path))()));
    expect(drawFactors(parameters, 7, null).factors).toEqual(factors);
    expect(drawFactors(parameters, 8, null).factors).not.toEqual(factors);
  });

  it('gives every design the same factors on the same seed (common random numbers)', () => {
    const shared = uncertainParameters(naver).map((p) => p.path);
    expect(shared).toEqual(parameters.map((p) => p.path));
    for (const seed of [1, 2, 3]) expect(drawFactors(uncertainParameters(naver), seed, null).factors).toEqual(drawFactors(parameters, seed, null).factors);
  });

  it('scales the values in a copy, rounds counts, keeps chances in [0, 1], and leaves the scenario as written untouched', () => {
    const before = JSON.stringify(pangyo);
    const { scenario, drawn } = drawScenario(pangyo, parameters, 3, null);
    expect(JSON.stringify(pangyo)).toBe(before);
    const f = (path: string) => drawn.values.find((v) => v.path === path)!.factor;
    expect(scenario.people.restartCrews).toBe(Math.round(24 * f('people.restartCrews')));
    expect(scenario.people.relief.restartCrews).toBe(scenario.people.restartCrews); // tied to the first shift's draw
    expect(scenario.fire.gasSuppressionSuccess).toBeCloseTo(0.05 * f('fire.gasSuppressionSuccess'), 12);
    const lead = scenario.sites[0]!.restoration!.bypass!.leadTime;
    expect(lead).toEqual(scaleDistribution(pangyo.sites[0]!.restoration!.bypass!.leadTime, f('sites.pangyo.restoration.bypass.leadTime')));
    expect(drawn.values.find((v) => v.path === 'sites.pangyo.restoration.bypass.leadTime')).toMatchObject({ tag: 'calibrated', from: 'prior', unit: 'h', value: typicalValue(lead) / HOUR });
    // A sourced value without a prior is not drawn: the cable's lead time, derived from when it went into service.
    expect(scenario.sites[0]!.restoration!.cableReplacement!.leadTime).toEqual(pangyo.sites[0]!.restoration!.cableReplacement!.leadTime);
    // What no factor reaches is shared, not copied: the services' layout.
    expect(scenario.fire.site).toBe(pangyo.fire.site);
    expect(scenario.history).toBe(pangyo.history);
    // Every value stays inside its field's bounds, whatever the draw.
    for (let seed = 1; seed <= 200; seed++) {
      const s = drawScenario(pangyo, parameters, seed, null).scenario;
      expect(s.fire.gasSuppressionSuccess).toBeLessThanOrEqual(1);
      expect(s.people.incidentCommanders).toBeGreaterThanOrEqual(1);
      expect(s.incident.failover.opsToolsDownFactor).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(s.people.hardwareCrews)).toBe(true);
    }
  });

  it('takes the calibrated factors from one particle of a posterior and draws the rest from their priors, on the same streams', () => {
    const posterior = { paths: ['people.restartCrews', 'fire.gasSuppressionSuccess'], particles: [[0.5, 0.2], [2, 6]] };
    const withPosterior = drawFactors(parameters, 11, posterior);
    const withPriors = drawFactors(parameters, 11, null);
    const particle = posterior.particles[withPosterior.particle!]!;
    parameters.forEach((p, i) => {
      const k = posterior.paths.indexOf(p.path);
      expect(withPosterior.factors[i]).toBe(k >= 0 ? particle[k] : withPriors.factors[i]);
      expect(withPosterior.from[i]).toBe(k >= 0 ? 'posterior' : 'prior');
    });
    expect(withPosterior.particle).toBe(Math.floor(createStreams(11).get('params.posterior')() * 2));
  });

  it('draws nothing where the scenario gives no prior', () => {
    const plain = tiny();
    expect(uncertainParameters(plain)).toEqual([]);
    expect(drawScenario(plain, [], 1, null).scenario).toBe(plain);
  });
});
