/**
 * A client's request for a run, checked before anything runs: names from the
 * catalog only (never a path), a seed in range, a short id to tell runs apart.
 */
import { z } from 'zod';
import { catalog } from './catalog.js';

export interface RunRequest {
  id: string | null;
  scenario: string;
  design: string | null;
  policy: string;
  seed: number;
}

const Message = z.strictObject({
  type: z.literal('run'),
  id: z.string().max(32).optional(),
  scenario: z.string().max(100).default('pangyo-2022'),
  design: z.string().max(100).nullable().default(null),
  policy: z.string().max(100).default('historical'),
  seed: z.number({ error: 'expected a whole number from 0 to 4294967295' }).int({ error: 'expected a whole number from 0 to 4294967295' }).min(0, { error: 'expected a whole number from 0 to 4294967295' }).max(0xffffffff, { error: 'expected a whole number from 0 to 4294967295' }).default(1),
});

/** Parses one client message: the request, or a sentence saying what was expected. */
export function parseRequest(text: string): { ok: true; request: RunRequest } | { ok: false; id: string | null; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'expected a JSON message such as {"type":"run","design":"naver-like","seed":1}' };
  }
  const id = typeof (json as { id?: unknown })?.id === 'string' ? ((json as { id: string }).id.slice(0, 32)) : null;
  const parsed = Message.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || 'message';
    return { ok: false, id, message: `${where}: ${issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message}` };
  }
  const r = parsed.data;
  const known = catalog();
  if (!known.scenarios.includes(r.scenario)) return { ok: false, id, message: `scenario: expected a built-in scenario (${known.scenarios.join(', ')}), got ${JSON.stringify(r.scenario)}` };
  if (r.design !== null && !known.designs.some((d) => d.id === r.design)) {
    return { ok: false, id, message: `design: expected a built-in design (${known.designs.map((d) => d.id).join(', ')}) or null, got ${JSON.stringify(r.design)}` };
  }
  if (!known.policies.includes(r.policy)) return { ok: false, id, message: `policy: expected one of ${known.policies.join(', ')}, got ${JSON.stringify(r.policy)}` };
  return { ok: true, request: { id: r.id ?? null, scenario: r.scenario, design: r.design, policy: r.policy, seed: r.seed } };
}
