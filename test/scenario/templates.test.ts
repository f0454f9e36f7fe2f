import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/scenario/load.js';
import { TINY } from '../recovery/tiny.js';
import { problems } from './problems.js';

/** TINY with more services appended (at the end of its services: list) and more halls in the far site. */
function withTemplates(services: string, farHalls = ''): string {
  const text = TINY.replace('    rebuild: { sites: [far], from: far, teams: 1, duration: 2h }\n', `    rebuild: { sites: [far], from: far, teams: 1, duration: 2h }\n${services}`);
  return farHalls === '' ? text : text.replace('    halls: [{ id: f, powerDomain: f1, racks: 5, serversPerRack: 10 }]\n', `    halls:\n      - { id: f, powerDomain: f1, racks: 5, serversPerRack: 10 }\n${farHalls}`);
}

const SYSTEMS = `  - id: sys-{i:02}
    count: 4
    let:
      size: { uniform: [1, 3] }
      grade: { choice: [2, 3] }
      needs: { pick: 1, from: [app, ops] }
    name: System {i} of grade {grade}
    priority: '{grade}'
    dependsOn: '{needs}'
    components:
      - id: core
        demand: '{size}'
        placements: [{ site: far, servers: '{size}', role: active }]
        redundancy: { kind: single-site }
`;

describe('templates: count, {i} and per-instance variation', () => {
  it('a service with count: 4 is four services, ids numbered and padded, each with its own draws', () => {
    const scenario = loadText(withTemplates(SYSTEMS), 'mine.yaml').scenario;
    const systems = scenario.services.filter((s) => s.id.startsWith('sys-'));
    expect(systems.map((s) => s.id)).toEqual(['sys-01', 'sys-02', 'sys-03', 'sys-04']);
    for (const s of systems) {
      expect([2, 3]).toContain(s.priority);
      expect(s.name).toBe(`System ${Number(s.id.slice(4))} of grade ${s.priority}`);
      expect(s.dependsOn).toHaveLength(1);
      expect(['app', 'ops']).toContain(s.dependsOn[0]);
      const demand = s.components[0]!.demand;
      expect(demand).toBeGreaterThanOrEqual(1);
      expect(demand).toBeLessThanOrEqual(3);
      expect(s.components[0]!.placements[0]!.servers).toBe(demand); // one draw, used twice
    }
    // Not all alike: four draws of three sizes and two grades.
    expect(new Set(systems.map((s) => `${s.priority}/${s.components[0]!.demand}/${s.dependsOn[0]}`)).size).toBeGreaterThan(1);
  });

  it('instance k draws the same whatever the count, and the same on every load', () => {
    const four = loadText(withTemplates(SYSTEMS), 'mine.yaml').scenario.services.filter((s) => s.id.startsWith('sys-'));
    const six = loadText(withTemplates(SYSTEMS.replace('count: 4', 'count: 6')), 'mine.yaml').scenario.services.filter((s) => s.id.startsWith('sys-'));
    expect(six.slice(0, 4)).toEqual(four);
    expect(six).toHaveLength(6);
  });

  it('a variable that comes out null leaves its field out (a system with no backup, say)', () => {
    const text = withTemplates(SYSTEMS.replace("      needs: { pick: 1, from: [app, ops] }\n", "      needs: { choice: [null] }\n"));
    expect(loadText(text, 'mine.yaml').scenario.services.filter((s) => s.id.startsWith('sys-')).every((s) => s.dependsOn.length === 0)).toBe(true);
  });

  it('halls are templates too: ten rooms of racks in two lines', () => {
    const text = withTemplates('', "      - { id: 'room-{i}', count: 10, powerDomain: f1, racks: 4, serversPerRack: 20 }\n");
    const far = loadText(text, 'mine.yaml').scenario.sites[1]!;
    expect(far.halls.map((h) => h.id)).toEqual(['f', ...Array.from({ length: 10 }, (_, i) => `room-${i + 1}`)]);
  });

  it('a mistake in an instance is placed at the template\'s line, the path naming item and instance', () => {
    const text = withTemplates(SYSTEMS.replace("grade: { choice: [2, 3] }", 'grade: { choice: [2, 0] }'));
    const line = text.split('\n').findIndex((l) => l.includes("priority: '{grade}'")) + 1;
    const found = problems(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(new RegExp(`^mine\\.yaml:${line}:15: services\\[2\\]#\\d\\.priority: expected a number >= 1, got 0$`));
  });

  it('an unknown variable, a pick from nothing, and a bad count are located at the template', () => {
    const unknown = withTemplates(SYSTEMS.replace('name: System {i} of grade {grade}', 'name: System {i} of {tier}'));
    expect(problems(unknown)).toEqual([`mine.yaml:${unknown.split('\n').findIndex((l) => l.includes('{tier}')) + 1}:11: services[2].name: expected a variable of the template (i, size, grade, needs), got {tier}`]);
    const nothing = withTemplates(SYSTEMS.replace('from: [app, ops]', 'from: [db-*]'));
    expect(problems(nothing)).toEqual([`mine.yaml:${nothing.split('\n').findIndex((l) => l.includes('db-*')) + 1}:31: services[2].let.needs.from: expected at least 1 services matching db-* to pick from, got 0`]);
    const count = withTemplates(SYSTEMS.replace('count: 4', 'count: many'));
    expect(problems(count)).toEqual([`mine.yaml:${count.split('\n').findIndex((l) => l.includes('count: many')) + 1}:12: services[2].count: expected a whole number of instances, at most 100,000 instances of one template (each instance is an item the loader validates and the world builds; a hundred thousand systems or racks is past any estate one scenario describes), got "many"`]);
  });
});

describe('the 700-system estate example (scenarios/examples/estate-700.yaml)', () => {
  const file = new URL('../../scenarios/examples/estate-700.yaml', import.meta.url);

  it('is under 100 lines, and 700 systems in four grades once expanded', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadFile } = await import('../../src/scenario/load.js');
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').length).toBeLessThan(100);
    const { scenario } = loadFile(file.pathname);
    expect(scenario.services).toHaveLength(700);
    expect(new Set(scenario.services.map((s) => s.priority))).toEqual(new Set([1, 2, 3, 4]));
    expect(scenario.horizon).toBe(45 * 24 * 3_600_000);
    expect(scenario.sites[0]!.halls).toHaveLength(8);
  });

  it('runs through its 45 days', async () => {
    const { loadFile } = await import('../../src/scenario/load.js');
    const { runScenario } = await import('../../src/run/runScenario.js');
    const result = runScenario({ scenario: loadFile(file.pathname).scenario, seed: 1 });
    expect(result.services).toHaveLength(700);
    expect(result.allRestoredHours).toBeGreaterThan(24);
  });
});
