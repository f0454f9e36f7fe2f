/**
 * Where each parameter comes from, and how unsure we are of it: the
 * `parameters:` section of a scenario, kept apart from the sections it speaks
 * of so that those keep their shape. Each key is a path to a value or a
 * subtree (paramPaths.ts); each entry says that it is
 *
 * - `sourced`: taken from a source (which one),
 * - `assumed`: an engineering judgement (the reason), or
 * - `calibrated`: fitted to a reported figure (which one),
 *
 * and may give a **prior**: a factor on the value as written, drawn once per
 * run, so that a run with `--priors` or `--posterior` uses the value times
 * that factor (every duration of a distribution scaled, a count rounded). The
 * `calibration:` section names the history a fit may see; every other
 * reported figure is kept for validation.
 */
import { z } from 'zod';
import { splitParamPath } from './paramPaths.js';

const Text = z.string().min(1).max(600);
const Factor = z.number().positive().max(1000);

const withOne = (lo: number, hi: number) => lo <= 1 && 1 <= hi;
const containsOne = 'a range that holds 1 (the value as written)';

/** A prior on a parameter: the factor its value as written is multiplied by, drawn per run. */
export const FactorPrior = z
  .union(
    [
      z.strictObject({ uniform: z.tuple([Factor, Factor]) }).check((ctx) => {
        const [lo, hi] = ctx.value.uniform;
        if (!(lo < hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: 'a uniform factor [low, high] with 0 < low < high' });
        else if (!withOne(lo, hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: containsOne });
      }),
      z.strictObject({ logUniform: z.tuple([Factor, Factor]) }).check((ctx) => {
        const [lo, hi] = ctx.value.logUniform;
        if (!(lo > 0 && lo < hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: 'a log-uniform factor [low, high] with 0 < low < high' });
        else if (!withOne(lo, hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: containsOne });
      }),
      z.strictObject({ triangular: z.tuple([Factor, Factor, Factor]) }).check((ctx) => {
        const [lo, mode, hi] = ctx.value.triangular;
        if (!(lo <= mode && mode <= hi && lo < hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: 'a triangular factor [low, mode, high] with low <= mode <= high and low < high' });
        else if (!withOne(lo, hi)) ctx.issues.push({ code: 'custom', input: ctx.value, message: containsOne });
      }),
    ],
    { error: 'a factor prior: { uniform: [low, high] }, { logUniform: [low, high] } or { triangular: [low, mode, high] }' },
  )
  .meta({ id: 'FactorPrior', description: 'A factor on the value as written, drawn once per run: { uniform | logUniform: [low, high] } or { triangular: [low, mode, high] }, a range holding 1' });

/** One entry of `parameters:`: exactly one of sourced, assumed or calibrated, and perhaps a prior. */
export const Provenance = z
  .strictObject({
    /** The source the value is taken from. */
    sourced: Text.optional(),
    /** The engineering reason for the value, where no source gives it. */
    assumed: Text.optional(),
    /** The reported figure the value was fitted to, and how. */
    calibrated: Text.optional(),
    /** What the value could be, before seeing the outcome: a factor on it, drawn per run with --priors or --posterior. [default: none, the value is fixed] */
    prior: FactorPrior.optional(),
    /** The path of another entry whose drawn factor this value takes too, where the two cannot differ (a relief shift as large as the first). [default: none] */
    tiedTo: z.string().optional(),
  })
  .check((ctx) => {
    const tags = (['sourced', 'assumed', 'calibrated'] as const).filter((k) => ctx.value[k] !== undefined);
    if (tags.length !== 1) ctx.issues.push({ code: 'custom', input: ctx.value, message: `exactly one of sourced (with its source), assumed (with the reason) or calibrated (with the target)${tags.length > 1 ? `, got ${tags.join(' and ')}` : ''}` });
  });

const ParamPath = z.string().refine((s) => splitParamPath(s) !== null, 'a path such as fire.upsFailure or services.*.components (keys and ids joined by dots, [index], * for any)');

/** `parameters:`: provenance (and priors) by path. */
export const Parameters = z.record(ParamPath, Provenance);

/** A reported figure a fit may see: the restart curve, all-restored, or one service's milestone. */
const Target = z.string().regex(/^(serverCurve|allRestored|services\.[^.]+\.(firstUsable|normal))$/, 'serverCurve, allRestored or services.ID.firstUsable|normal');

/** `calibration:`: which history a fit may see; every other reported figure is for validation only. */
export const Calibration = z.strictObject({
  /** The figures of `history:` the calibrated parameters are fitted to. */
  targets: z.array(Target).min(1),
});

export type ProvenanceDef = z.output<typeof Provenance>;
export type FactorPriorDef = z.output<typeof FactorPrior>;
export type ParametersDef = z.output<typeof Parameters>;
export type CalibrationDef = z.output<typeof Calibration>;

/** The tag of an entry. */
export type Tag = 'sourced' | 'assumed' | 'calibrated';

/** An entry's tag and its text (source, reason or target). */
export function tagOf(entry: ProvenanceDef): { tag: Tag; text: string } {
  if (entry.sourced !== undefined) return { tag: 'sourced', text: entry.sourced };
  if (entry.assumed !== undefined) return { tag: 'assumed', text: entry.assumed };
  return { tag: 'calibrated', text: entry.calibrated! };
}
