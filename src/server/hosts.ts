/**
 * Which names the server answers to. A page on another site can rebind its own
 * name to this machine's address (DNS rebinding), but the browser still sends
 * that name as Host, so every request naming anything but an allowed host is
 * refused, whatever address the server is bound to.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** `host` as it appears in a Host header (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The names a request may carry in Host, with the port: the loopback names when
 * the server is reachable on loopback, the address it is bound to, this
 * machine's own addresses when it is bound to all of them (an address typed in
 * a browser cannot be rebound), and the names the user allowed.
 */
export function allowedHosts(host: string, port: number, extra: readonly string[]): Set<string> {
  const everywhere = host === '0.0.0.0' || host === '::';
  const names = new Set<string>([hostForUrl(host)]);
  if (isLoopback(host) || everywhere) for (const n of LOOPBACK_NAMES) names.add(n);
  if (everywhere) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' || host === '::') names.add(hostForUrl(a.address.replace(/%.*$/, '')));
  }
  const allowed = new Set<string>();
  const add = (name: string) => {
    const n = name.toLowerCase();
    // A name given with its port (behind a proxy on another port) is taken as it is.
    if (/:\d+$/.test(n) && !n.endsWith(']')) allowed.add(n);
    else {
      allowed.add(`${n}:${port}`);
      if (port === 80) allowed.add(n); // browsers leave the default port out of Host
    }
  };
  for (const n of names) add(n);
  for (const n of extra) add(n);
  return allowed;
}

/** Checks a name given to `--allowed-host`; returns what is wrong with it, or null. */
export function checkHostName(name: string): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:(\d{1,5}))?$/i.exec(name);
  if (m === null) return `expected a host name or address as it appears in the browser's address bar (such as lab.example.org or 10.0.0.5, optionally with :PORT), got ${JSON.stringify(name.slice(0, 100))}`;
  if (m[6] !== undefined && Number(m[6]) > 65535) return `the port must be at most 65535, got ${m[6]}`;
  return null;
}

/** What `serve` says on stderr when it is reachable from other machines. */
export function exposureWarning(host: string, port: number, allowed: ReadonlySet<string>): string {
  return [
    `warning: serving on ${hostForUrl(host)}:${port}, not on loopback: anyone who can reach this machine on port ${port} can run simulations on it.`,
    `It answers only to requests for ${[...allowed].sort().join(', ')}; add --allowed-host NAME for a name people use to reach it.`,
  ].join('\n');
}
