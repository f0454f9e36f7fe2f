/** A user mistake on the command line: one clear line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit code for bad input or usage (ECOSYSTEM.md). */
export const EXIT_USAGE = 2;
