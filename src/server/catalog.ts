/** What a viewer may ask a server to run: built-in scenarios, designs and policies, by name only. */
import { loadScenario } from '../scenario/load.js';
import { DEFAULT_SCENARIO, listBuiltInDesigns, listBuiltInScenarios } from '../scenario/builtIns.js';

export interface Catalog {
  scenarios: string[];
  /** Each built-in design with its title and what it changes (its `design.description`, or null). */
  designs: Array<{ id: string; title: string; description: string | null }>;
  policies: string[];
  defaultSeed: number;
}

let cached: Catalog | null = null;

/** The catalog, read once from the built-in scenarios folder. */
export function catalog(): Catalog {
  cached ??= {
    // The default first: the viewer starts the first one it is offered.
    scenarios: [...listBuiltInScenarios()].sort((a, b) => Number(b === DEFAULT_SCENARIO) - Number(a === DEFAULT_SCENARIO)),
    designs: listBuiltInDesigns().map((id) => {
      const design = loadScenario(id, 'design').design;
      return { id, title: design?.title ?? id, description: design?.description ?? null };
    }),
    policies: Object.keys(loadScenario('pangyo-2022').scenario.policies),
    defaultSeed: 1,
  };
  return cached;
}
