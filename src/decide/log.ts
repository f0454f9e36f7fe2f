/**
 * A run's decision log: every action taken, with when and where in the run
 * it was taken, so that `firedrill run --decisions` can replay it exactly. The
 * format is JSON; its schema is here so that a log from a file, a browser or
 * a test is checked the same way.
 */
import { z } from 'zod';
import type { LoggedAction } from '../run/steppedRun.js';
import { ActionSchema } from '../stream/schema.js';

/** The log's format name and version. */
export const LOG_FORMAT = 'firedrill-decisions';
export const LOG_VERSION = 1;

/** One logged action. */
export const LogEntry = z.strictObject({
  /** Hours after ignition, for people; the replay uses `atMs`. */
  h: z.number().optional(),
  atMs: z.number().nonnegative().finite(),
  stop: z.string().min(1).nullable(),
  request: z.string().min(1).nullable(),
  by: z.string().min(1).max(100),
  action: ActionSchema,
});

/** A decision log file. */
export const DecisionLog = z.strictObject({
  format: z.literal(LOG_FORMAT),
  version: z.literal(LOG_VERSION),
  scenario: z.string(),
  scenarioSha256: z.string().regex(/^[0-9a-f]{64}$/),
  design: z.string().nullable(),
  policy: z.string(),
  seed: z.number().int().nonnegative(),
  actions: z.array(LogEntry).max(100_000),
});

export type DecisionLog = z.output<typeof DecisionLog>;

/** What a log records of its run. */
export interface LogHeader {
  scenario: string;
  scenarioSha256: string;
  design: string | null;
  policy: string;
  seed: number;
}

/** The log of a run, ready to write as JSON. */
export function decisionLog(header: LogHeader, actions: readonly LoggedAction[], ignitionMs: number): DecisionLog {
  return {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    ...header,
    actions: actions.map((a) => ({ h: Math.round(((a.atMs - ignitionMs) / 3_600_000) * 1000) / 1000, atMs: a.atMs, stop: a.stop, request: a.request, by: a.by, action: a.action })),
  };
}
