/** The wire shapes of batches (src-engine/batch): a unit's result, a batch's summary and its methods. */
import { z } from 'zod';
import { fileExportResultSchema } from './exportShapes';
import { destinationSchema, modelSpecSchema } from './shapes';

const id = z.number().int().nonnegative();
const finite = z.number().nullable();

export const batchSplitSchema = z.union([
  z.object({ by: z.string().min(1, 'is empty: name the column that tells the units apart').max(500, 'is longer than 500 characters') }).strict(),
  z.object({ responses: z.string().min(1, 'is empty: give the response columns as a pattern such as "sp_*"').max(500, 'is longer than 500 characters') }).strict(),
]);
export type BatchSplit = z.infer<typeof batchSplitSchema>;

const qValues = { qBH: finite.optional(), qBY: finite.optional() };

/** A whole number in [lo, hi], with one plain message for every way to miss (the app's and the CLI's). */
const wholeNumber = (lo: number, hi: number) => {
  const message = `must be a whole number from ${lo} to ${hi}`;
  return z.number({ error: message }).int(message).min(lo, message).max(hi, message);
};

/** The Bayesian refit of separated units (brms's model, normal(0, 2.5) on b): its sampler settings. */
export const batchBayesSchema = z
  .object({
    /** Iterations per chain, warm-up (half) included, as brms's iter. */
    iter: wholeNumber(20, 1_000_000).default(1000),
    /** The batch's seed; each unit's seed mixes it with the unit's name. */
    seed: wholeNumber(0, 2 ** 32 - 1).default(20261203),
  })
  .strict();
export type BatchBayes = z.infer<typeof batchBayesSchema>;

const unitBayesSchema = z.object({
  seed: z.number(),
  chains: z.number().int(),
  iter: z.number().int(),
  coefficients: z.array(
    z.object({ term: z.string(), estimate: z.number(), estError: z.number(), lower95: z.number(), upper95: z.number(), rhat: finite, bulkEss: finite, mcseMean: finite }),
  ),
  divergent: z.number().int(),
  maxRhat: finite,
  reasons: z.array(z.string()),
  error: z.string().nullable(),
});

export const unitResultSchema = z.object({
  unit: z.string(),
  status: z.enum(['ok', 'error']),
  nobs: z.number().int(),
  coefficients: z.array(z.object({ term: z.string(), estimate: z.number(), stdError: z.number(), statistic: z.number(), df: finite, pValue: finite, ...qValues })),
  tests: z.array(z.object({ term: z.string(), test: z.enum(['F', 'Chisq']), statistic: z.number(), df: z.number(), denDf: finite, pValue: z.number(), ...qValues })),
  random: z.array(z.object({ group: z.string(), term: z.string().nullable(), variance: z.number() })),
  logLik: finite,
  aic: finite,
  flags: z.object({
    converged: z.boolean(),
    singular: z.boolean(),
    separation: z.array(z.string()).nullable(),
    overdispersion: z.object({ ratio: z.number(), pValue: z.number() }).nullable(),
    tooFew: z.boolean(),
  }),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
  /** A separated unit's Bayesian refit, when the batch asked for it. */
  bayes: unitBayesSchema.optional(),
});

export type UnitResultWire = z.infer<typeof unitResultSchema>;

export const batchCountsSchema = z.object({
  units: z.number().int(),
  fitted: z.number().int(),
  failed: z.number().int(),
  notConverged: z.number().int(),
  singular: z.number().int(),
  separation: z.number().int(),
  overdispersed: z.number().int(),
  tooFew: z.number().int(),
});

export const batchSummarySchema = z.object({
  id,
  name: z.string(),
  datasetId: id.nullable(),
  datasetName: z.string(),
  spec: modelSpecSchema,
  split: batchSplitSchema,
  unitsTotal: z.number().int(),
  unitsDone: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The data changed (or were deleted) since the batch started: a resume would mix data. */
  dataChanged: z.boolean(),
  /** The running job, if the batch is being fitted now. */
  jobId: z.string().nullable(),
  /** Separated units are also fitted as brms would, with these settings; null: glmer only. */
  bayesSeparated: batchBayesSchema.nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;
export type BatchCounts = z.infer<typeof batchCountsSchema>;

export const batchMethods = {
  /** Fits the spec to every unit of the dataset (a job; progress counts units). */
  'batch.start': {
    params: z
      .object({ datasetId: id, spec: modelSpecSchema, split: batchSplitSchema, name: z.string().trim().min(1).max(200).optional(), bayesSeparated: batchBayesSchema.optional() })
      .strict(),
    result: z.object({ batchId: id, jobId: z.string() }),
  },
  /** Fits the units a stopped batch has not fitted yet. */
  'batch.resume': { params: z.object({ batchId: id }).strict(), result: z.object({ jobId: z.string() }) },
  'batch.list': { params: z.object({}).strict(), result: z.array(batchSummarySchema) },
  /** The summary, the flag counts and the units (in unit order) with q-values over the batch. */
  'batch.get': {
    params: z.object({ batchId: id }).strict(),
    result: z.object({ summary: batchSummarySchema, counts: batchCountsSchema, units: z.array(unitResultSchema) }),
  },
  'batch.delete': { params: z.object({ batchId: id }).strict(), result: z.object({ ok: z.literal(true) }) },
  /** The tidy table (a row per unit and coefficient or term test, with q-values) as CSV or Parquet. */
  'batch.export': {
    params: z.object({ batchId: id, format: z.enum(['csv', 'parquet']), destination: destinationSchema }).strict(),
    result: fileExportResultSchema,
  },
} as const;
