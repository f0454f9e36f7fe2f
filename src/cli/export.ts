/**
 * `firedrill export RUN.ndjson --html OUT.html`: one self-contained HTML file,
 * the viewer with the recording inside, that opens from disk for people who
 * will not install anything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scenariosFolder } from '../scenario/builtIns.js';
import { PROTOCOL_VERSION } from '../stream/protocol.js';
import { UsageError } from './errors.js';
import { resolveOutput, writeOutput } from '../files/output.js';

/** The built viewer, dist/web/index.html beside the scenarios folder. */
export function viewerFile(): string {
  return join(dirname(scenariosFolder()), 'dist', 'web', 'index.html');
}

/** Checks that `text` is a recording this Firedrill's viewer reads; returns the number of messages. */
export function checkRecording(text: string, file: string): number {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let first: { type?: unknown; protocol?: unknown };
  try {
    first = JSON.parse(lines[0] ?? '') as typeof first;
  } catch {
    throw new UsageError(`${file}:1: expected a Firedrill recording (NDJSON from firedrill run --out), but line 1 is not JSON`);
  }
  if (first === null || first.type !== 'run.start') throw new UsageError(`${file}:1: expected a Firedrill recording beginning with run.start, got ${JSON.stringify(first?.type ?? null)}`);
  const major = String(first.protocol).split('.')[0];
  if (major !== PROTOCOL_VERSION.split('.')[0]) throw new UsageError(`${file}:1: expected protocol ${PROTOCOL_VERSION.split('.')[0]}.x, got ${String(first.protocol)}; export it with the Firedrill that recorded it`);
  return lines.length;
}

/** Builds the shared HTML: the viewer with the recording inline. */
export function exportHtml(recordingPath: string, htmlPath: string): { messages: number; bytes: number; toStdout: boolean } {
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
  const html = readFileSync(viewer, 'utf8');
  // `</` cannot end the script element early once escaped; inside JSON strings `<\/` still reads as `</`.
  const inline = text.replaceAll('</', '<\\/');
  const name = recordingPath.split(/[\\/]/).pop()!.replace(/[&<>"]/g, '');
  const block = `<script type="application/x-ndjson" id="recording" data-name="${name}">\n${inline}</script>\n`;
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new UsageError(`the built viewer ${viewer} has no </body>: rebuild it with npm run build:web`);
  const out = html.slice(0, at) + block + html.slice(at);
  writeOutput(target, out);
  return { messages, bytes: Buffer.byteLength(out), toStdout: target.kind === 'stream' && target.stream === 'stdout' };
}
