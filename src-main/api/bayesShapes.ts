/**
 * The wire shapes of Bayesian GLMMs (brms, src-engine/bayes): what to fit (formula, brms family,
 * set_prior()-style priors), the sampler settings under brms's names, get_prior()'s table, the report
 * (brms's summary, HMC checks, advice) and the stored draws for plots. Imports nothing from Node.
 */
import { z } from 'zod';
import { storedFitFields } from './shapes';

const id = z.number().int().nonnegative();
const whole = (lo: number, hi: number) =>
  z.number().int(`must be a whole number from ${lo} to ${hi}`).min(lo, `must be a whole number from ${lo} to ${hi}`).max(hi, `must be a whole number from ${lo} to ${hi}`);

/** brms's families the engine samples (binomial needs trials: `y | trials(n)` or `cbind(s, f)`). */
export const bayesFamilySchema = z.enum(['gaussian', 'bernoulli', 'binomial', 'poisson', 'negbinomial']);
export type BayesFamily = z.infer<typeof bayesFamilySchema>;

/** One prior as brms's set_prior() takes it: a Stan-syntax distribution, its class, optional coef/group and bounds. */
export const userPriorSchema = z
  .object({
    prior: z.string().trim().min(1, 'the prior is empty (e.g. normal(0, 2.5))').max(200),
    class: z.string().trim().min(1, 'the class is empty (b, Intercept, sd, cor, sigma or shape)').max(50),
    coef: z.string().max(500).optional(),
    group: z.string().max(500).optional(),
    lb: z.number().optional(),
    ub: z.number().optional(),
  })
  .strict();
export type UserPriorWire = z.infer<typeof userPriorSchema>;

/** What to fit: brm(formula, family, prior). */
export const bayesSpecSchema = z
  .object({
    formula: z.string().trim().min(1, 'the formula is empty').max(10_000),
    family: bayesFamilySchema.default('gaussian'),
    priors: z.array(userPriorSchema).max(200).default([]),
    /** R's subset = column == "value", as for ordinary fits. */
    subset: z.object({ column: z.string().min(1).max(500), value: z.string().max(10_000) }).strict().optional(),
    /** A row filter, as for ordinary fits: subset(d, …). */
    filter: z.string().trim().min(1, 'the filter is empty').max(10_000).optional(),
  })
  .strict();
export type BayesSpec = z.output<typeof bayesSpecSchema>;

/** brm()'s sampler arguments (chains, iter, warmup = iter/2 when absent, seed, control = list(adapt_delta, max_treedepth)). */
export const bayesSettingsSchema = z
  .object({
    chains: whole(1, 64).default(4),
    iter: whole(2, 1_000_000).default(2000),
    warmup: whole(0, 1_000_000).optional(),
    seed: whole(0, 2 ** 32 - 1).default(1),
    adaptDelta: z.number().gt(0, 'adapt_delta must lie strictly between 0 and 1').lt(1, 'adapt_delta must lie strictly between 0 and 1').default(0.8),
    maxTreedepth: whole(1, 20).default(10),
  })
  .strict();
export type BayesSettingsWire = z.output<typeof bayesSettingsSchema>;

/** One row of get_prior() (all text, as brms prints it; an empty prior is inherited from the row above). */
export const priorRowSchema = z.object({
  prior: z.string(),
  class: z.string(),
  coef: z.string(),
  group: z.string(),
  resp: z.string(),
  dpar: z.string(),
  nlpar: z.string(),
  lb: z.string(),
  ub: z.string(),
  source: z.string(),
});
export type PriorRowWire = z.infer<typeof priorRowSchema>;

export const improperSchema = z.object({ message: z.string(), suggestion: userPriorSchema });

export const priorTableSchema = z.object({
  rows: z.array(priorRowSchema),
  /** Set when a separated cell meets a flat prior on b: the posterior is improper (with the prior to use instead). */
  improper: improperSchema.nullable(),
});

const na = z.number().nullable();
export const bayesRowSchema = z.object({
  label: z.string(),
  parameter: z.string(),
  Estimate: z.number(),
  'Est.Error': z.number(),
  'l-95% CI': z.number(),
  'u-95% CI': z.number(),
  Rhat: na,
  Bulk_ESS: na,
  Tail_ESS: na,
  mcseMean: na,
  mcseSd: na,
});
export type BayesRowWire = z.infer<typeof bayesRowSchema>;

/** The quadrat.bayes/1 report (src-engine/bayes/fit/bayesReport.ts). */
export const bayesReportSchema = z.object({
  schema: z.literal('quadrat.bayes/1'),
  formula: z.string(),
  family: z.string(),
  links: z.string(),
  nobs: z.number().int(),
  settings: z.object({ chains: z.number().int(), iter: z.number().int(), warmup: z.number().int(), seed: z.number().int(), adaptDelta: z.number(), maxTreedepth: z.number().int() }),
  totalDraws: z.number().int(),
  random: z.array(z.object({ group: z.string(), levels: z.number().int(), rows: z.array(bayesRowSchema) })),
  fixed: z.array(bayesRowSchema),
  spec: z.array(bayesRowSchema),
  priors: z.array(priorRowSchema),
  sampler: z.object({
    divergent: z.number().int(),
    warmupDivergent: z.number().int(),
    treedepthHits: z.number().int(),
    maxTreedepth: z.number().int(),
    ebfmi: z.array(z.number().nullable()),
    stepsize: z.array(z.number()),
    meanAcceptStat: z.array(z.number().nullable()),
  }),
  warnings: z.array(z.string()),
  notes: z.array(z.string()),
  timing: z.object({ buildMs: z.number(), chainMs: z.array(z.number()), summaryMs: z.number(), wallMs: z.number() }),
});
export type BayesReportWire = z.infer<typeof bayesReportSchema>;

export const bayesFitSummarySchema = z.object({
  ...storedFitFields,
  spec: bayesSpecSchema,
  settings: bayesSettingsSchema,
  divergent: z.number().int(),
  /** The largest R̂ of the summary (null: some R̂ is NA). */
  maxRhat: z.number().nullable(),
  /** The GLMM this fit was refitted from (side-by-side view), or null. */
  comparedFitId: id.nullable(),
});
export type BayesFitSummary = z.infer<typeof bayesFitSummarySchema>;

/** brms's conditional effects: the posterior of the mean over one covariate, a curve per level of `by`. */
export const conditionalEffectsSchema = z.object({
  x: z.string(),
  by: z.string().nullable(),
  response: z.string(),
  curves: z.array(z.object({ level: z.string().nullable(), x: z.array(z.number()), estimate: z.array(z.number()), lower: z.array(z.number()), upper: z.array(z.number()) })),
  held: z.array(z.string()),
});
export type ConditionalEffectsShape = z.infer<typeof conditionalEffectsSchema>;

/** Post-warm-up draws of a few quantities per chain (trace, rank, density and pairs plots). */
export const bayesDrawsSchema = z.object({
  /** The summarised quantities (brms's names, no r_ group-level effects), to choose from. */
  names: z.array(z.string()),
  parameters: z.array(z.string()),
  warmup: z.number().int(),
  chains: z.array(
    z.object({
      chain: z.number().int(),
      /** values[j][i]: parameters[j] at draw i (non-finite values as null). */
      values: z.array(z.array(z.number().nullable())),
      /** 1 where draw i ended in a divergent transition. */
      divergent: z.array(z.number().int()),
    }),
  ),
});
export type BayesDraws = z.infer<typeof bayesDrawsSchema>;

/** brms's pp_check: the density overlay of y and y_rep, and optionally a statistic by group (src-engine/bayes/fit/ppCheck.ts). */
export const ppCheckSchema = z.object({
  response: z.string(),
  family: z.string(),
  ndraws: z.number().int(),
  drawIndices: z.array(z.number().int()),
  density: z.object({ x: z.array(z.number()), observed: z.array(z.number()), replicated: z.array(z.array(z.number())), bandwidth: z.number() }),
  grouped: z
    .object({
      group: z.string(),
      statistic: z.enum(['proportion', 'mean']),
      draws: z.number().int(),
      levels: z.array(
        z.object({
          level: z.string(),
          observed: z.number(),
          replicated: z.array(z.number()),
          q025: z.number(),
          q25: z.number(),
          q50: z.number(),
          q75: z.number(),
          q975: z.number(),
          pValue: z.number(),
        }),
      ),
    })
    .nullable(),
});
export type PpCheckShape = z.infer<typeof ppCheckSchema>;

const looEstimateSchema = z.object({ estimate: z.number(), se: z.number() });
/** loo(fit) per model (as loo prints it: estimates and the Pareto k table), and loo_compare when there are several. */
export const looResultSchema = z.object({
  models: z.array(
    z.object({
      bayesId: id,
      name: z.string(),
      nobs: z.number().int(),
      draws: z.number().int(),
      elpd_loo: looEstimateSchema,
      p_loo: looEstimateSchema,
      looic: looEstimateSchema,
      paretoK: z.object({ good: z.number().int(), ok: z.number().int(), bad: z.number().int(), veryBad: z.number().int() }),
      /** Observations (1-based, in the model's rows) with k > 0.7. */
      badObservations: z.array(z.number().int()),
    }),
  ),
  compare: z
    .array(
      z.object({ model: z.string(), elpd_diff: z.number(), se_diff: z.number(), elpd_loo: z.number(), se_elpd_loo: z.number(), p_loo: z.number(), se_p_loo: z.number(), looic: z.number(), se_looic: z.number() }),
    )
    .nullable(),
});
export type LooResultShape = z.infer<typeof looResultSchema>;

/** brms's hypothesis() rows (src-engine/bayes/hypothesis). */
export const hypothesisRowsSchema = z.object({
  alpha: z.number(),
  rows: z.array(
    z.object({
      Hypothesis: z.string(),
      Estimate: z.number(),
      'Est.Error': z.number(),
      'CI.Lower': z.number(),
      'CI.Upper': z.number(),
      'Evid.Ratio': z.number().nullable(),
      'Post.Prob': z.number().nullable(),
      Star: z.enum(['', '*']),
    }),
  ),
});
export type HypothesisRowsShape = z.infer<typeof hypothesisRowsSchema>;

export const bayesMethods = {
  /** brms's get_prior() for the spec, the user priors applied and marked 'user' (refuses a bad prior, saying what exists). */
  'bayes.priors': {
    params: z.object({ datasetId: id, spec: bayesSpecSchema }).strict(),
    result: priorTableSchema,
  },
  /** Samples the posterior as a job, one worker job per chain: job.progress carries each chain's iteration; job.cancel stops every chain. */
  'bayes.start': {
    params: z
      .object({
        datasetId: id,
        spec: bayesSpecSchema,
        settings: bayesSettingsSchema.prefault({}),
        name: z.string().trim().min(1).max(200).optional(),
        /** A stored GLMM to show side by side with this fit. */
        compareFitId: id.optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string() }),
  },
  /** Refits a stored binomial or Poisson GLMM (typically one flagged as separated) with normal(0, 2.5) on b, to be shown beside it. */
  'bayes.refitGlmm': {
    params: z.object({ fitId: id, settings: bayesSettingsSchema.prefault({}) }).strict(),
    result: z.object({ jobId: z.string() }),
  },
  'bayes.list': { params: z.object({ datasetId: id.optional() }).strict(), result: z.array(bayesFitSummarySchema) },
  /** A stored Bayesian fit: its summary row and the whole report (no resampling). */
  'bayes.get': { params: z.object({ bayesId: id }).strict(), result: z.object({ summary: bayesFitSummarySchema, report: bayesReportSchema }) },
  /** The post-warm-up draws of 1–8 stored quantities, per chain. */
  'bayes.draws': {
    params: z.object({ bayesId: id, parameters: z.array(z.string().min(1)).min(1).max(8) }).strict(),
    result: bayesDrawsSchema,
  },
  /** brms's conditional_effects(fit, "x:by") from the stored draws: the posterior median and 95 % interval of the mean over x (issue 12). */
  'bayes.conditionalEffects': {
    params: z.object({ bayesId: id, x: z.string().min(1).max(1000), by: z.string().min(1).max(1000).nullable().default(null) }).strict(),
    result: conditionalEffectsSchema,
  },
  /** brms's pp_check(fit, ndraws = n) and pp_check(fit, type = "stat_grouped", group = g) from the stored draws (issue 12). */
  'bayes.ppCheck': {
    params: z
      .object({
        bayesId: id,
        ndraws: z.number().int('ndraws must be a whole number from 1 to 100').min(1, 'ndraws must be a whole number from 1 to 100').max(100, 'ndraws must be a whole number from 1 to 100').default(10),
        group: z.string().min(1).max(1000).nullable().default(null),
        seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
      })
      .strict(),
    result: ppCheckSchema,
  },
  /** loo(fit) for each stored fit, and loo_compare() when there are two or more on the same observations (issue 12). */
  'bayes.loo': { params: z.object({ bayesIds: z.array(id).min(1).max(8) }).strict(), result: looResultSchema },
  /** brms's hypothesis(fit, c(...), alpha) on the stored draws. */
  'bayes.hypothesis': {
    params: z
      .object({
        bayesId: id,
        hypotheses: z.array(z.string().trim().min(1, 'a hypothesis is empty').max(1000)).min(1, 'write at least one hypothesis, e.g. "treatmentexposed > 0"').max(20),
        alpha: z.number().gt(0, 'alpha must be between 0 and 0.5').lt(0.5, 'alpha must be between 0 and 0.5').default(0.05),
      })
      .strict(),
    result: hypothesisRowsSchema,
  },
  /** The brms R code that refits the stored model, and a methods paragraph. */
  'bayes.rCode': { params: z.object({ bayesId: id }).strict(), result: z.object({ code: z.string(), methods: z.string() }) },
  'bayes.rename': { params: z.object({ bayesId: id, name: z.string().trim().min(1, 'the model name cannot be empty').max(200) }).strict(), result: bayesFitSummarySchema },
  'bayes.delete': { params: z.object({ bayesId: id }).strict(), result: z.object({ ok: z.literal(true) }) },
} as const;
