import { ScenarioError } from '../../src/scenario/errors.js';
import { loadText } from '../../src/scenario/load.js';

/** Loads a scenario's text as `mine.yaml` and returns the loader's messages, `file:line:column: path: expected`, or [] when it loads. */
export function problems(text: string): string[] {
  try {
    loadText(text, 'mine.yaml');
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.path}: ${i.expected}`);
    throw error;
  }
}
