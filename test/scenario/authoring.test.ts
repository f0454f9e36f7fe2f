import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/scenario/load.js';
import { runScenario } from '../../src/run/runScenario.js';
import { TINY } from '../recovery/tiny.js';
import { problems } from './problems.js';

describe('fields that do not apply are not required', () => {
  it('a fire with no cable through its room needs no cableBurn', () => {
    const text = TINY.replace('  cableBurn: 6m\n', '');
    expect(problems(text)).toEqual([]);
    expect(runScenario({ scenario: loadText(text, 'mine.yaml').scenario, seed: 1 }).allRestoredHours).not.toBeNull();
  });

  it('a fire whose gas always works needs no waterPowerCut', () => {
    expect(problems(TINY.replace('  waterPowerCut: 30m\n', '').replace('gasSuppressionSuccess: 0', 'gasSuppressionSuccess: 1'))).toEqual([]);
  });

  it('but a UPS fed from the burning room needs upsFailure, and the message says why', () => {
    const text = TINY.replace('  upsFailure: 6m\n', '');
    const line = text.split('\n').findIndex((l) => l.startsWith('fire:')) + 2;
    expect(problems(text)).toEqual([`mine.yaml:${line}:3: fire: expected upsFailure (when the UPS in batt fails), because power domain d1 is fed from it`]);
  });

  it('and a cable through the burning room needs cableBurn', () => {
    const text = TINY.replace('  cableBurn: 6m\n', '').replace('{ id: d2, feed: ups2, restorePriority: 2 }', '{ id: d2, feed: ups2, cablePath: [batt], restorePriority: 2 }');
    expect(problems(text)).toEqual([expect.stringMatching(/^mine\.yaml:\d+:3: fire: expected cableBurn \(when cables through batt burn\), because power domain d2's cable runs through it$/)]);
  });
});

describe('YAML merge keys share fields between items', () => {
  const shared = TINY.replace('services:\n', 'x-tool: &tool { priority: 1, users: 0 }\nservices:\n');

  it('<<: *anchor fills in the fields an item does not set itself', () => {
    const text = shared.replace('    name: The ops tool\n    priority: 1\n', '    name: The ops tool\n    <<: *tool\n').replace(/^x-tool:.*\n/m, '');
    // The anchor must be defined before use, inside a field the schema knows: put it on the first service.
    const anchored = text.replace('    name: The app\n    users: 1000000\n    priority: 1\n', '    name: The app\n    <<: &tool { priority: 1 }\n    users: 1000000\n');
    expect(problems(anchored)).toEqual([]);
    const scenario = loadText(anchored, 'mine.yaml').scenario;
    expect(scenario.services.map((s) => [s.id, s.priority])).toEqual([['app', 1], ['ops', 1]]);
  });

  it('an error inside a merged item is placed at the item that uses it', () => {
    const text = TINY.replace('    name: The app\n    users: 1000000\n    priority: 1\n', '    name: The app\n    <<: &grade { priority: 0 }\n    users: 1000000\n');
    const line = text.split('\n').findIndex((l) => l.includes('<<: &grade')) + 1;
    expect(problems(text)).toEqual([`mine.yaml:${line}:5: services[0].priority: expected a number >= 1, got 0`]);
  });
});
