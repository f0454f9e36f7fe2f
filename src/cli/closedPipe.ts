/**
 * A closed pipe is the reader saying "enough" (`firedrill run --json | head -1`),
 * not a failure: Node reports it as an EPIPE 'error' event on the stream, which
 * unhandled would crash with a stack trace. Here it ends the process quietly
 * and successfully, as SIGPIPE ends a C tool, keeping an exit code already
 * decided. Other write errors on stdout get one line on stderr and exit code 1.
 */

/** Installs the handlers on process.stdout and process.stderr (once, for the command-line process only). */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`firedrill: cannot write to stdout: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  // Nothing can be said about a closed stderr; the work goes on, and its results still reach stdout and files.
  process.stderr.on('error', () => undefined);
}
