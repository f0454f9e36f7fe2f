/**
 * The `firedrill` command line. Data goes to stdout, progress and errors to
 * stderr; bad input exits with code 2 and one clear line, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';

/** Exit code for bad input or usage, as ECOSYSTEM.md asks. */
export const EXIT_USAGE = 2;

/** A user mistake worth one clear line and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the program; commands register themselves here as they arrive. */
export function createProgram(): Command {
  const program = new Command('firedrill')
    .description('Burn a data centre and watch the platform recover: replays the 2022 Pangyo fire and tests other redundancy designs against it.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run firedrill --help for usage)')
    .exitOverride();
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version).
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`firedrill: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`firedrill: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.FIREDRILL_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
