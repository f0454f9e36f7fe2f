/**
 * `firedrill export --drill NAME --html OUT.html`: one HTML file that is a
 * whole drill — the drill page, its engine (the simulation, run in a Web
 * Worker from the page's own code), the drill script and the validated
 * scenario inside — for a teacher to send to a class: it opens from disk and
 * makes no network request (its policy allows none).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDrill } from '../drill/load.js';
import type { DrillBundle } from '../drill/protocol.js';
import { resolveOutput, writeOutput } from '../files/output.js';
import { withPolicyMeta } from '../html/csp.js';
import { embedData } from '../html/embed.js';
import { scenariosFolder } from '../scenario/builtIns.js';
import { loadScenario } from '../scenario/load.js';
import { UsageError } from './errors.js';

/** The built drill page, dist/drill/index.html beside the scenarios folder. */
export function drillPageFile(): string {
  return join(dirname(scenariosFolder()), 'dist', 'drill', 'index.html');
}

/** The drill `name` (or file) with its scenario, ready for a page. */
export function drillBundle(name: string): DrillBundle {
  const script = loadDrill(name);
  const loaded = script.design === undefined ? loadScenario(script.scenario, 'scenario') : loadScenario(script.design, 'design');
  if (loaded.scenario.id !== script.scenario) throw new UsageError(`drill ${script.id}: design ${script.design} extends ${loaded.scenario.id}, not ${script.scenario}`);
  for (const policy of [...script.compareWith, script.judgeWith, script.thenBy]) {
    if (loaded.scenario.policies[policy] === undefined) throw new UsageError(`drill ${script.id}: policy "${policy}" is not one of the scenario's (${Object.keys(loaded.scenario.policies).join(', ')})`);
  }
  return { script, scenario: loaded.scenario, design: loaded.design?.id ?? null, fingerprint: loaded.fingerprint };
}

/** Writes the drill page with the drill inside; returns its size. */
export function exportDrill(name: string, htmlPath: string): { bytes: number; toStdout: boolean; title: string } {
  const target = resolveOutput(htmlPath);
  const bundle = drillBundle(name);
  const page = drillPageFile();
  if (!existsSync(page)) throw new UsageError(`the drill page is not built (${page} is missing): run npm run build:web`);
  const out = embedData(withPolicyMeta(readFileSync(page, 'utf8'), { connect: false, worker: true }), { id: 'drill', type: 'application/json', json: JSON.stringify(bundle) });
  writeOutput(target, out);
  return { bytes: Buffer.byteLength(out), toStdout: target.kind === 'stream' && target.stream === 'stdout', title: bundle.script.title };
}
