/**
 * Drill scripts on disk (`scenarios/drills/*.yaml`): read, validated, and
 * each problem named by file, line and column, as scenarios are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ScenarioError, formatPath } from '../scenario/errors.js';
import { scenariosFolder } from '../scenario/builtIns.js';
import { parseSource, positionOf } from '../scenario/source.js';
import { DrillScript } from './script.js';

/** Names of the built-in drills. */
export function listBuiltInDrills(): string[] {
  try {
    return readdirSync(join(scenariosFolder(), 'drills')).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml')).sort();
  } catch {
    return [];
  }
}

/** Loads a built-in drill by name or a drill file by path. */
export function loadDrill(nameOrPath: string): DrillScript {
  const path = nameOrPath.includes('/') || nameOrPath.endsWith('.yaml') ? nameOrPath : join(scenariosFolder(), 'drills', `${nameOrPath}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const known = listBuiltInDrills();
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `it does not exist${nameOrPath.includes('/') ? '' : ` (built-in drills: ${known.join(', ')})`}` : (error as Error).message;
    throw new ScenarioError([{ file: path, line: 1, column: 1, path: '', expected: `expected a readable drill script, but ${why}` }]);
  }
  const parsed = parseSource(text, path);
  if ('issues' in parsed) throw new ScenarioError(parsed.issues);
  const result = DrillScript.safeParse(parsed.source.data);
  if (!result.success) {
    throw new ScenarioError(
      result.error.issues.slice(0, 20).map((issue) => {
        const where = positionOf(parsed.source, issue.path as PropertyKey[]);
        return { file: path, line: where.line, column: where.column, path: formatPath(issue.path as PropertyKey[]), expected: `expected ${issue.message.replace(/^Invalid input: expected /, '')}` };
      }),
    );
  }
  return result.data;
}
