/**
 * Opening a scenario for a run: a built-in one from its precompiled entry
 * when that is current, importing neither the YAML parser nor the schema
 * (together a quarter of a cold `firedrill run`), and anything else through
 * the loader, which is imported only then.
 */
import type { Loaded, LoadOptions } from './load.js';
import { readBuiltInEntry } from './precompiled.js';

/** `loadScenario`, asynchronous so that the loader is imported only when a YAML file must be read. */
export async function openScenario(nameOrPath: string, kind: 'scenario' | 'design' = 'scenario', options: LoadOptions = {}): Promise<Loaded> {
  const entry = readBuiltInEntry(nameOrPath, kind, options);
  if (entry !== null) return entry;
  // No current entry: the YAML it is, without looking for the entry a second time.
  const { loadScenarioYaml } = await import('./load.js');
  return loadScenarioYaml(nameOrPath, kind, options);
}
