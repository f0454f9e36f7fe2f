/**
 * `firedrill export RUN.ndjson --html OUT.html`: one self-contained HTML file,
 * the viewer with the recording inside, that opens from disk for people who
 * will not install anything. Every line is checked first, as the viewer
 * checks it: a file meant to be sent to other people carries nothing the
 * viewer would refuse.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withPolicyMeta } from '../html/csp.js';
import { embedData } from '../html/embed.js';
import { scenariosFolder } from '../scenario/builtIns.js';
import { readRecording } from '../stream/read.js';
import { UsageError } from './errors.js';
import { resolveOutput, writeOutput } from '../files/output.js';

/** The built viewer, dist/web/index.html beside the scenarios folder. */
export function viewerFile(): string {
  return join(dirname(scenariosFolder()), 'dist', 'web', 'index.html');
}

/** Checks that `text` is a whole recording this Firedrill's viewer reads; returns the number of messages. */
export function checkRecording(text: string, file: string): number {
  const read = readRecording(text);
  if (read.problem !== null) throw new UsageError(`${file}:${read.problem.line}: ${read.problem.message}`);
  if (!read.complete) {
    const last = text.trimEnd().split('\n').length;
    throw new UsageError(`${file}:${last}: the recording ends here, without run.end: it was cut short (record the run again with firedrill run --out)`);
  }
  return read.messages.length;
}

/** Builds the shared HTML: the viewer with the recording inline, inert, under a policy that lets it reach no server. */
export function exportHtml(recordingPath: string, htmlPath: string): { messages: number; bytes: number; toStdout: boolean } {
  // Where it goes is settled first, so a path that cannot be written fails before any work.
  const target = resolveOutput(htmlPath);
  let text: string;
  try {
    text = readFileSync(recordingPath, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${recordingPath}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`);
  }
  const messages = checkRecording(text, recordingPath);
  const viewer = viewerFile();
  if (!existsSync(viewer)) throw new UsageError(`the viewer is not built (${viewer} is missing): run npm run build:web`);
  const built = readFileSync(viewer, 'utf8');
  if (!built.includes('</body>') || !/<head\b/i.test(built)) throw new UsageError(`the built viewer ${viewer} is incomplete: rebuild it with npm run build:web`);
  const name = recordingPath.split(/[\\/]/).pop()!;
  // The text goes in as it is (lines and all), so the viewer's line numbers are the file's.
  const out = embedData(withPolicyMeta(built, { connect: false }), { id: 'recording', type: 'application/x-ndjson', json: text, name });
  writeOutput(target, out);
  return { messages, bytes: Buffer.byteLength(out), toStdout: target.kind === 'stream' && target.stream === 'stdout' };
}
