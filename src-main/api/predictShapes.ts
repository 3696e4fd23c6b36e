/** model.predict's shapes (issue 20): new rows in, lme4's predict() with intervals out (src-engine/inference/predict). */
import { z } from 'zod';

/** A typed cell: text, a number, TRUE/FALSE, or empty (missing). */
const cell = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
export const MAX_PREDICT_ROWS = 10_000;
export const MAX_PREDICT_NSIM = 100_000;

export const predictOptionsSchema = z
  .object({
    re: z.enum(['population', 'group']).default('population'),
    interval: z.enum(['none', 'confidence', 'prediction']).default('confidence'),
    method: z.enum(['delta', 'simulation']).default('delta'),
    level: z.number().gt(0).lt(1).default(0.95),
    scale: z.enum(['response', 'link']).default('response'),
    nsim: z.number().int().min(100).max(MAX_PREDICT_NSIM).default(1000),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict();

export const predictParamsSchema = predictOptionsSchema.extend({
  fitId: z.number().int().nonnegative(),
  rows: z.array(z.record(z.string().max(1000), cell)).min(1).max(MAX_PREDICT_ROWS),
});

export const predictionRowSchema = z.object({
  row: z.number().int(),
  estimate: z.number(),
  eta: z.number(),
  se: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  biasAdjusted: z.number().nullable(),
  newGroups: z.array(z.string()),
});

export const predictionsSchema = z.object({
  family: z.string(),
  link: z.string(),
  options: predictOptionsSchema.required(),
  rows: z.array(predictionRowSchema),
  dropped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  notes: z.array(z.string()),
});
export type PredictionsShape = z.infer<typeof predictionsSchema>;

/** An effect plot's curves: the prediction over one covariate with its confidence band, per level of `by`. */
export const effectsParamsSchema = z
  .object({ fitId: z.number().int().nonnegative(), x: z.string().min(1).max(1000), by: z.string().min(1).max(1000).nullable().default(null), level: z.number().gt(0).lt(1).default(0.95) })
  .strict();
export const effectsSchema = z.object({
  x: z.string(),
  by: z.string().nullable(),
  response: z.string(),
  scale: z.enum(['response', 'link']),
  level: z.number(),
  curves: z.array(z.object({ level: z.string().nullable(), x: z.array(z.number()), estimate: z.array(z.number()), lower: z.array(z.number()), upper: z.array(z.number()) })),
  held: z.array(z.string()),
});
export type EffectsShape = z.infer<typeof effectsSchema>;
