/**
 * Results of the lmerTest extras on a stored fit (model.confint, ranova, step, emmeans, r2), as
 * src-engine/inference computes them. Imports nothing from Node: the renderer uses these types.
 */
import { z } from 'zod';

const id = z.number().int().nonnegative();
/** JSON turns NaN and ±Infinity into null, so numbers that may be undefined (a flat profile, a failed test) are nullable. */
const maybe = z.number().nullable();

export const inferenceDdfSchema = z.enum(['satterthwaite', 'kenward-roger']);
export const confintMethodSchema = z.enum(['wald', 'profile', 'boot']);
export const pAdjustSchema = z.enum(['tukey', 'holm', 'none']);

export const confintParamsSchema = z
  .object({
    fitId: id,
    method: confintMethodSchema.default('profile'),
    level: z.number().gt(0, 'the level must be between 0 and 1').lt(1, 'the level must be between 0 and 1').default(0.95),
    /** Bootstrap simulations (method 'boot'). */
    nsim: z.number().int().min(10, 'at least 10 simulations').max(100_000).default(500),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict();

export const intervalRowSchema = z.object({ term: z.string(), estimate: maybe, lower: maybe, upper: maybe });

export const confintResultSchema = z.object({
  method: confintMethodSchema,
  level: z.number(),
  /** Bootstrap only: simulations asked for, the seed, and refits that failed (left out). */
  nsim: z.number().int().nullable(),
  seed: z.number().int().nullable(),
  failed: z.number().int().nullable(),
  /** sd/cor parameters, sigma, then the fixed effects, named as lme4's confint(oldNames = FALSE). */
  rows: z.array(intervalRowSchema),
  messages: z.array(z.string()),
});
export type ConfintResult = z.infer<typeof confintResultSchema>;

export const ranovaRowSchema = z.object({
  term: z.string(),
  npar: z.number().int(),
  logLik: maybe,
  aic: maybe,
  lrt: maybe,
  df: z.number().int().nullable(),
  pValue: maybe,
});
export type RanovaRowWire = z.infer<typeof ranovaRowSchema>;

export const ranovaResultSchema = z.object({
  /** First row <none> (the model itself), then one per random term or slope that can be reduced. */
  rows: z.array(ranovaRowSchema),
  /** The reduced model's formula for each row after the first. */
  formulas: z.array(z.string()),
  reml: z.boolean(),
});
export type RanovaResult = z.infer<typeof ranovaResultSchema>;

const fixedStepRowSchema = z.object({
  term: z.string(),
  eliminated: z.number().int(),
  sumSq: maybe,
  meanSq: maybe,
  numDf: maybe,
  denDf: maybe,
  fValue: maybe,
  pValue: maybe,
});

export const stepResultSchema = z.object({
  /** Eliminated random terms in order (eliminated 1, 2, …), then the final model's ranova rows (0; <none> null). */
  random: z.array(ranovaRowSchema.extend({ eliminated: z.number().int().nullable() })),
  /** Eliminated fixed terms in order, then the final model's drop1 rows (eliminated 0). */
  fixed: z.array(fixedStepRowSchema),
  finalFormula: z.string(),
  ddf: inferenceDdfSchema,
});
export type StepResultWire = z.infer<typeof stepResultSchema>;

export const emmeansResultSchema = z.object({
  factor: z.string(),
  /** The factor the means were computed within, or null; then each row carries its level as `by`. */
  by: z.string().nullable(),
  adjust: pAdjustSchema,
  ddf: inferenceDdfSchema,
  level: z.number(),
  /** GLMMs: the scale of the means; under a log/logit link on the response scale the contrasts are ratios; σ of bias.adjust. */
  type: z.enum(['link', 'response']).optional(),
  ratio: z.enum(['odds ratio', 'ratio']).nullable().optional(),
  sigma: z.number().nullable().optional(),
  emmeans: z.array(z.object({ level: z.string(), by: z.string().optional(), emmean: z.number(), SE: z.number(), df: maybe, lowerCL: maybe, upperCL: maybe })),
  contrasts: z.array(z.object({ contrast: z.string(), by: z.string().optional(), estimate: z.number(), SE: z.number(), df: maybe, tRatio: maybe, pValue: maybe })),
  /** emmeans' notes word for word ("Results may be misleading due to involvement in interactions"). */
  notes: z.array(z.string()).optional(),
});
export type EmmeansResult = z.infer<typeof emmeansResultSchema>;

export const r2ResultSchema = z.object({
  /** Per grouping factor; null unless every random term is a plain (1 | g) (the ICC is then not defined). */
  icc: z.array(z.object({ group: z.string(), icc: z.number() })).nullable(),
  marginal: z.number(),
  conditional: z.number(),
});
export type R2Result = z.infer<typeof r2ResultSchema>;

/** model.contest: L has one row per contrast and one weight per fixed-effect coefficient, in the fit's order. */
export const contestParamsSchema = z
  .object({
    fitId: id,
    L: z
      .array(z.array(z.number()).min(1, 'a contrast needs at least one weight'))
      .min(1, 'at least one contrast row is needed')
      .max(50, 'at most 50 contrast rows'),
    ddf: inferenceDdfSchema.default('satterthwaite'),
    level: z.number().gt(0, 'the level must be between 0 and 1').lt(1, 'the level must be between 0 and 1').default(0.95),
  })
  .strict();

export const contestResultSchema = z.object({
  ddf: inferenceDdfSchema,
  level: z.number(),
  /** lmerTest's contest(m, L, joint = FALSE, confint = TRUE): one t-test per row of L, in order. */
  rows: z.array(z.object({ estimate: z.number(), stdError: maybe, df: maybe, tValue: maybe, pValue: maybe, lower: maybe, upper: maybe })),
  /** contest(m, L, joint = TRUE) when L has 2+ rows; null for one row (its F equals t²) or when no row is testable. */
  joint: z.object({ sumSq: maybe, meanSq: maybe, numDf: z.number().int(), denDf: maybe, fValue: maybe, pValue: maybe }).nullable(),
  /** E.g. Kenward–Roger falling back to Satterthwaite. */
  messages: z.array(z.string()),
});
export type ContestResult = z.infer<typeof contestResultSchema>;
