import { clip } from '../scenario/errors.js';

/** A user mistake on the command line: one clear line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit code for bad input or usage (ECOSYSTEM.md). */
export const EXIT_USAGE = 2;

/** Each line of a message cut to `max` characters: the backstop that keeps a huge argument from being echoed whole. */
export function clipLines(text: string, max = 1000): string {
  return text.split('\n').map((line) => clip(line, max)).join('\n');
}

/** Every run of more than 200 non-blank characters cut short: for messages that quote an argument whole (commander's). */
export function clipWords(text: string): string {
  return text.replace(/\S{201,}/g, (word) => clip(word));
}
