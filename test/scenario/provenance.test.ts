import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listBuiltInDesigns, listBuiltInScenarios, resolveScenarioPath } from '../../src/scenario/builtIns.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { scenarioFingerprint } from '../../src/scenario/fingerprint.js';
import { loadChain, loadText } from '../../src/scenario/load.js';
import { joinParamPath, mostSpecific, parameterLeaves, resolvePattern, splitParamPath } from '../../src/scenario/paramPaths.js';
import { tagOf } from '../../src/scenario/provenanceSchema.js';
import { numericLeaves, uncertainParameters, whyNoPrior } from '../../src/scenario/uncertainty.js';
import { TINY } from '../recovery/tiny.js';

const doc = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const patternsOf = (parameters: Record<string, unknown> | undefined) => Object.keys(parameters ?? {}).map((p) => splitParamPath(p)!);

describe('provenance of the built-in scenario and designs', () => {
  for (const name of listBuiltInScenarios()) {
    it(`every value of ${name}.yaml that drives timing or damage carries a tag (sourced, assumed or calibrated)`, () => {
      const base = doc(resolveScenarioPath(name, 'scenario'));
      const patterns = patternsOf(base.parameters as Record<string, unknown>);
      const untagged = parameterLeaves(base).filter((leaf) => mostSpecific(patterns, leaf.path) === null).map((leaf) => joinParamPath(leaf.path));
      expect(untagged).toEqual([]);
      // The walk sees the sections that matter, not an empty document.
      expect(parameterLeaves(base).length).toBeGreaterThan(100);
    });
  }

  for (const design of listBuiltInDesigns()) {
    it(`every value design ${design} writes is spoken for by an entry of its own, not by the base's`, () => {
      const file = resolveScenarioPath(design, 'design');
      const own = doc(file);
      const ownKeys = new Set(Object.keys((own.parameters as Record<string, unknown>) ?? {}));
      const { loaded } = loadChain(file);
      const merged = Object.keys(loaded.scenario.parameters ?? {});
      const patterns = merged.map((p) => splitParamPath(p)!);
      const wrong = parameterLeaves(own).flatMap((leaf) => {
        const i = mostSpecific(patterns, leaf.path);
        return i !== null && ownKeys.has(merged[i]!) ? [] : [`${joinParamPath(leaf.path)} ← ${i === null ? 'untagged' : merged[i]}`];
      });
      expect(wrong).toEqual([]);
    });
  }

  it.each(listBuiltInScenarios())('every assumed or calibrated number a prior can scale in %s has a prior, or takes another entry\'s draw', (name) => {
    const { loaded } = loadChain(resolveScenarioPath(name, 'scenario'));
    const { scenario } = loaded;
    const entries = Object.entries(scenario.parameters!);
    const patterns = entries.map(([p]) => splitParamPath(p)!);
    const fixed = entries.flatMap(([path, entry], i) => {
      if (tagOf(entry).tag === 'sourced' || entry.prior !== undefined || entry.tiedTo !== undefined) return [];
      // Money (what rushing materials costs) is not timing or damage; the layout cannot be drawn per run.
      const leaves = resolvePattern(scenario, patterns[i]!).flatMap((m) => numericLeaves(m.value, m.path));
      return leaves.filter((l) => mostSpecific(patterns, l.path) === i && whyNoPrior(l.path) === null && !/^cost/.test(l.path.at(-1)!)).map((l) => `${path}: ${joinParamPath(l.path)}`);
    });
    expect(fixed).toEqual([]);
  });

  it('fits only what it says it fits: the calibrated parameters with a prior, against the restart curve alone', () => {
    const { loaded } = loadChain(resolveScenarioPath('pangyo-2022', 'scenario'));
    const calibrated = uncertainParameters(loaded.scenario).filter((p) => p.tag === 'calibrated').map((p) => p.path);
    expect(calibrated).toEqual([
      'fire.gasSuppressionSuccess',
      'people.hardwareCrews',
      'people.restartCrews',
      'sites.pangyo.restoration.bypass.leadTime',
      'sites.pangyo.restoration.electricians',
    ]);
    expect(loaded.scenario.calibration).toEqual({ targets: ['serverCurve'] });
  });

  it('a design\'s entry replaces the base\'s whole: its tag and prior, not a mixture', () => {
    const { loaded } = loadChain(resolveScenarioPath('naver-like', 'design'));
    expect(Object.keys(loaded.scenario.parameters!['services.kakao-auth.components.auth-core.redundancy']!)).toEqual(['assumed']);
  });

  it('the parameters: and calibration: sections change no fingerprint: they change no run as written', () => {
    const { loaded } = loadChain(resolveScenarioPath('pangyo-2022', 'scenario'));
    const { parameters: _p, calibration: _c, ...bare } = loaded.scenario;
    expect(scenarioFingerprint({ ...bare } as typeof loaded.scenario)).toBe(loaded.fingerprint);
  });
});

describe('the parameters: section as the loader checks it', () => {
  const withParameters = (section: string) => `${TINY}\nhistory:\n  serverCurve: [[1, 0.5]]\n${section}`;
  const issues = (text: string): string[] => {
    try {
      loadText(text, 'tiny.yaml');
    } catch (error) {
      if (error instanceof ScenarioError) return error.message.split('\n');
      throw error;
    }
    return [];
  };
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('accepts tags, priors on timings and crews, subtrees and wildcards, and a tie to another entry', () => {
    const text = withParameters(`parameters:
  people.engineers: { assumed: "a guess", prior: { logUniform: [0.5, 2] } }
  people.restartCrews: { calibrated: "the curve", prior: { uniform: [0.5, 1.5] } }
  people.hardwareCrews: { assumed: "as many", tiedTo: people.restartCrews }
  services.*.rebuild.duration: { assumed: "hours", prior: { triangular: [0.5, 1, 2] } }
  sites.dc.halls: { calibrated: "by hand" }
calibration: { targets: [serverCurve] }
`);
    expect(issues(text)).toEqual([]);
    const uncertain = uncertainParameters(loadText(text, 'tiny.yaml').scenario);
    expect(uncertain.map((p) => [p.path, p.leaves.map((l) => joinParamPath(l.path))])).toEqual([
      ['people.engineers', ['people.engineers']],
      ['people.restartCrews', ['people.restartCrews', 'people.hardwareCrews']],
      ['services.*.rebuild.duration', ['services.ops.rebuild.duration']],
    ]);
    expect(uncertain[0]!.leaves[0]).toMatchObject({ kind: 'number', integer: true, min: 1 });
  });

  it('names a path that goes nowhere, with what is there', () => {
    const text = withParameters('parameters:\n  people.enginers: { assumed: "a guess" }\n');
    expect(issues(text)).toEqual([`tiny.yaml:${lineOf(text, 'enginers')}:20: parameters.people.enginers: expected a path to a value of the scenario; people has no "enginers"; it has restartCrews, hardwareCrews, engineers, incidentCommanders, relief, vendors, callIn`]);
  });

  it('refuses two tags, a misspelt tag and a prior that leaves out the value as written', () => {
    const text = withParameters(`parameters:
  people.restartCrews: { sourced: "a report", assumed: "a guess" }
  people.hardwareCrews: { asumed: "a guess" }
  incident.assess: { assumed: "a guess", prior: { logUniform: [1.5, 3] } }
`);
    const line = (needle: string) => lineOf(text, needle);
    expect(issues(text)).toEqual([
      `tiny.yaml:${line('people.restartCrews')}:24: parameters.people.restartCrews: expected exactly one of sourced (with its source), assumed (with the reason) or calibrated (with the target), got sourced and assumed`,
      `tiny.yaml:${line('people.hardwareCrews')}:25: parameters.people.hardwareCrews: expected exactly one of sourced (with its source), assumed (with the reason) or calibrated (with the target)`,
      `tiny.yaml:${line('people.hardwareCrews')}:27: parameters.people.hardwareCrews.asumed: unknown key "asumed"; did you mean "assumed"?`,
      `tiny.yaml:${line('incident.assess')}:49: parameters.incident.assess.prior: expected a range that holds 1 (the value as written)`,
    ]);
  });

  it('refuses a prior on the layout and a tie to an entry without a prior', () => {
    const text = withParameters(`parameters:
  sites.dc.halls: { calibrated: "by hand", prior: { logUniform: [0.5, 2] } }
  people.engineers: { assumed: "as many", tiedTo: people.restartCrews }
`);
    const line = (needle: string) => lineOf(text, needle);
    expect(issues(text)).toEqual([
      `tiny.yaml:${line('sites.dc.halls')}:51: parameters.sites.dc.halls.prior: expected no prior here: a prior can scale timings, crews and chances (fire, servers, people, incident, observation, a site's restoration, a service's rebuild), not the layout or the policies`,
      `tiny.yaml:${line('people.engineers')}:51: parameters.people.engineers.tiedTo: expected the path of another entry of parameters: with a prior, got "people.restartCrews"`,
    ]);
  });

  it('refuses a calibration target the history does not report', () => {
    const text = withParameters('calibration: { targets: [serverCurve, allRestored, services.app.normal] }\n');
    expect(issues(text)).toEqual([
      `tiny.yaml:${lineOf(text, 'calibration')}:39: calibration.targets[1]: expected a figure the scenario's history: reports, got "allRestored"`,
      `tiny.yaml:${lineOf(text, 'calibration')}:52: calibration.targets[2]: expected a figure the scenario's history: reports, got "services.app.normal"`,
    ]);
  });
});
