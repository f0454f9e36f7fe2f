/**
 * `firedrill serve` and `firedrill drill`: start the server, say where it is,
 * and stop it cleanly on Ctrl-C. `drill` is the same server, announced as a
 * drill: the addresses to play alone and to run a group, and any drill file
 * given, loaded and checked before the server starts.
 */
import type { DrillBundle } from '../drill/protocol.js';
import { listBuiltInDrills } from '../drill/load.js';
import { exposureWarning } from '../server/hosts.js';
import type { RunningServer } from '../server/server.js';
import { drillBundle } from './exportDrill.js';
import { UsageError } from './errors.js';

export interface ServeOptions {
  port: number;
  host: string;
  allowedHost?: string[];
}

async function start(options: ServeOptions, version: string, drills: DrillBundle[]): Promise<RunningServer> {
  // Loaded only for the commands that need it, so `firedrill run` starts quickly.
  const { startServer } = await import('../server/server.js');
  let server: RunningServer;
  try {
    server = await startServer({ port: options.port, host: options.host, allowedHosts: options.allowedHost ?? [], version, drills });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'address in use; try --port 0' : code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : (error as Error).message}`);
  }
  if (!server.loopback) process.stderr.write(`${exposureWarning(server.host, server.port, server.allowedHosts)}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

/** `firedrill serve`: the viewer, which starts the Pangyo replay. */
export async function serveCommand(options: ServeOptions, version: string): Promise<void> {
  const server = await start(options, version, []);
  process.stdout.write(`Firedrill viewer: ${server.url}\n`);
  process.stdout.write(`Open it in a browser: the Pangyo replay starts by itself. Drills: ${server.url}drill/\n`);
  process.stdout.write('Ctrl-C stops the server.\n');
}

/** `firedrill drill --list`: the built-in drills, one per line, id and title. */
export function listDrillsCommand(): void {
  for (const id of listBuiltInDrills()) process.stdout.write(`${id.padEnd(22)}${drillBundle(id).script.title}\n`);
}

/** `firedrill drill [NAME|FILE]`: the server, with the drill's addresses. */
export async function drillCommand(drill: string, options: ServeOptions & { pace: 'stop' | 'pressure' }, version: string): Promise<void> {
  // A file is read and checked now, so a mistake in it is reported here, by line, not in a browser later.
  const isFile = drill.includes('/') || drill.endsWith('.yaml') || drill.endsWith('.yml');
  const bundle = drillBundle(drill);
  const server = await start(options, version, isFile ? [bundle] : []);
  const id = encodeURIComponent(bundle.script.id);
  const pace = options.pace === 'pressure' ? '&pace=pressure' : '';
  process.stdout.write(`Firedrill drill: ${bundle.script.title} (${bundle.script.id})\n`);
  process.stdout.write(`  Play it alone:       ${server.url}drill/?drill=${id}\n`);
  process.stdout.write(`  Run it for a group:  ${server.url}drill/?facilitate=${id}${pace}\n`);
  process.stdout.write('                       (the page shows a room code; learners open the address it gives, one per role)\n');
  if (!isFile) process.stdout.write(`  Send it as one file: firedrill export --drill ${bundle.script.id} --html drill.html\n`);
  process.stdout.write('Ctrl-C stops the server.\n');
}
