/**
 * The posterior file `firedrill calibrate` writes and `run`, `compare` and
 * `sweep` draw from (`--posterior FILE`): the accepted particles of a fit,
 * each a factor per calibrated parameter on its value as written, with how
 * they were found. Read back, it is checked against the scenario it is used
 * with: the same scenario, and every parameter in it one the scenario
 * calibrates with a prior.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../cli/errors.js';
import { FactorPrior } from '../scenario/provenanceSchema.js';
import type { PosteriorDraws, Uncertainty } from '../scenario/draws.js';
import type { Scenario } from '../scenario/schema.js';
import { uncertainParameters } from '../scenario/uncertainty.js';

const Particle = z.strictObject({
  /** The run seed the particle was simulated on. */
  seed: z.number().int().nonnegative(),
  /** Its distance to the targets. */
  distance: z.number().nonnegative(),
  /** One factor per parameter, in `parameters` order. */
  factors: z.array(z.number().positive()),
});

/** The posterior file. */
export const PosteriorFile = z.strictObject({
  kind: z.literal('firedrill-posterior'),
  version: z.literal(1),
  scenario: z.string(),
  design: z.string().nullable(),
  policy: z.string(),
  /** How it was fitted, in words. */
  method: z.string(),
  /** The figures of history: it was fitted to. */
  targets: z.array(z.string()),
  distance: z.string(),
  seed: z.number().int().nonnegative(),
  draws: z.number().int().positive(),
  accepted: z.number().int().positive(),
  /** The largest accepted distance. */
  tolerance: z.number().nonnegative(),
  parameters: z.array(z.strictObject({ path: z.string(), text: z.string(), prior: FactorPrior })),
  particles: z.array(Particle).min(1),
});
export type PosteriorFile = z.output<typeof PosteriorFile>;

/** A posterior read from disk, with its file's SHA-256 (which a sweep's manifest records). */
export interface LoadedPosterior {
  file: string;
  sha256: string;
  posterior: PosteriorFile;
}

/** Reads and checks a posterior file; a UsageError names the file and what is wrong. */
export function readPosterior(file: string): LoadedPosterior {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--posterior ${file}: cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--posterior ${file}: expected JSON written by firedrill calibrate; it does not parse`);
  }
  const result = PosteriorFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`--posterior ${file}: expected a posterior written by firedrill calibrate; at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  const posterior = result.data;
  const bad = posterior.particles.findIndex((p) => p.factors.length !== posterior.parameters.length);
  if (bad >= 0) throw new UsageError(`--posterior ${file}: particle ${bad} has ${posterior.particles[bad]!.factors.length} factors for ${posterior.parameters.length} parameters`);
  return { file, sha256: createHash('sha256').update(text).digest('hex'), posterior };
}

/** The draws a run takes from a posterior, checked against the scenario the run uses. */
export function posteriorDraws(loaded: LoadedPosterior, scenario: Scenario): PosteriorDraws {
  const { file, posterior } = loaded;
  if (posterior.scenario !== scenario.id) throw new UsageError(`--posterior ${file}: it was fitted on scenario ${posterior.scenario}, not ${scenario.id}`);
  const known = new Map(uncertainParameters(scenario).map((p) => [p.path, p]));
  for (const p of posterior.parameters) {
    const here = known.get(p.path);
    if (here === undefined) throw new UsageError(`--posterior ${file}: ${p.path} is not a parameter with a prior in ${scenario.id} (its parameters: section); was the posterior fitted on another version of the scenario?`);
    if (here.tag !== 'calibrated') throw new UsageError(`--posterior ${file}: ${p.path} is tagged ${here.tag} in ${scenario.id}, not calibrated: only calibrated parameters are drawn from a posterior`);
  }
  return { paths: posterior.parameters.map((p) => p.path), particles: posterior.particles.map((p) => p.factors) };
}

/** How runs draw their parameters from the command line's `--priors` and `--posterior FILE`; undefined for the values as written. */
export function uncertaintyFor(scenario: Scenario, options: { priors?: boolean; posterior?: LoadedPosterior | null }): Uncertainty | undefined {
  if (options.posterior != null) return { parameters: uncertainParameters(scenario), posterior: posteriorDraws(options.posterior, scenario) };
  if (options.priors === true) {
    const parameters = uncertainParameters(scenario);
    if (parameters.length === 0) throw new UsageError(`--priors: scenario ${scenario.id} gives no parameter a prior (see its parameters: section)`);
    return { parameters, posterior: null };
  }
  return undefined;
}
