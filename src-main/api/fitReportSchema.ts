/**
 * Runtime schema of FitReport (src-engine/lmm/fitReport.ts), so fit results crossing a transport are
 * validated like every other payload. The type assertions at the bottom fail to compile if the
 * schema and the interface drift apart.
 */
import { z } from 'zod';
import type { FitReport } from '../../src-engine/lmm/fitReport';
import { nlmeInfoSchema } from './nlmeReportSchema';
import { simulatedInfoSchema } from './simulatedSchema';
import { tmbInfoSchema } from './tmbSchema';

// JSON turns NaN and ±Infinity into null, so numbers that may be non-finite are nullable on the wire.
const num = z.number();
/**
 * A likelihood-based number that is NA for some fits (glmmTMB's logLik() without a positive-definite
 * Hessian): NaN in the engine, null in JSON (the stored report, the API); both pass.
 */
const naNumber = z.union([z.number(), z.nan(), z.null().transform(() => NaN)]);

export const fixedEffectRow = z.object({
  term: z.string(),
  estimate: num,
  stdError: num,
  statistic: num,
  df: num.nullable(),
  pValue: num.nullable(),
});

const randomEffectRow = z.object({
  group: z.string(),
  term: z.string().nullable(),
  variance: num,
  sd: num,
});

const correlationRow = z.object({ group: z.string(), term1: z.string(), term2: z.string(), corr: num });

const anovaRow = z.object({
  term: z.string(),
  sumSq: num.optional(),
  meanSq: num.optional(),
  numDf: num,
  denDf: num,
  fValue: num,
  pValue: num,
});

const groupRanef = z.object({
  group: z.string(),
  terms: z.array(z.string()),
  levels: z.array(z.string()),
  values: z.array(z.array(num)),
  condSd: z.array(z.array(num)),
});

const diagnostics = z.object({
  fitted: z.array(num),
  residuals: z.array(num),
  rows: z.array(z.number().int()),
  ranef: z.array(groupRanef),
  vcov: z.array(num),
  linearPredictor: z.array(num).optional(),
  pearsonResiduals: z.array(num).optional(),
  simulatedResiduals: z.array(num).optional(),
  normalizedResiduals: z.array(num).optional(),
});

const waldChisqRow = z.object({ term: z.string(), chisq: num, df: num, pValue: num });

const glmmInfo = z.object({
  nAGQ: z.number().int(),
  /** summary(glmer)'s heading of the Wald statistic: "t value" for families with a scale (absent in older reports: "z value"). */
  statisticName: z.enum(['z value', 't value']).optional(),
  minus2LogLikFull: num,
  dfResid: num,
  vcovSource: z.enum(['hessian', 'RX']),
  responseForm: z.string(),
  overdispersion: z.object({ pearsonChi2: num, df: num, ratio: num, pValue: num }).nullable(),
  separation: z.object({ message: z.string(), cells: z.array(z.string()), terms: z.array(z.string()) }).nullable(),
  waldAnova: z.object({ type2: z.array(waldChisqRow), type3: z.array(waldChisqRow) }),
  simulated: simulatedInfoSchema.nullable(),
});

export const ddfSchema = z.enum(['satterthwaite', 'kenward-roger', 'none']);

export const fitReportSchema = z.object({
  schema: z.literal('quadrat.fit/1'),
  formula: z.string(),
  family: z.string(),
  link: z.string(),
  method: z.enum(['REML', 'ML']),
  nobs: z.number().int(),
  groups: z.record(z.string(), z.number().int()),
  fixed: z.array(fixedEffectRow),
  random: z.array(randomEffectRow),
  correlations: z.array(correlationRow),
  sigma: num,
  logLik: naNumber,
  aic: naNumber,
  bic: naNumber,
  deviance: naNumber,
  remlCriterion: num.nullable(),
  theta: z.array(num),
  converged: z.boolean(),
  singular: z.boolean(),
  warnings: z.array(z.string()),
  anova: z.array(anovaRow),
  timing: z.object({ fitMs: num }),
  ddf: ddfSchema.optional(),
  optimizer: z.object({ name: z.string(), evaluations: z.number().int(), gradients: z.number().int().optional() }).optional(),
  diagnostics: diagnostics.optional(),
  glmm: glmmInfo.optional(),
  nlme: nlmeInfoSchema.optional(),
  tmb: tmbInfoSchema.optional(),
  originalScale: z
    .object({
      rows: z.array(z.object({ term: z.string(), estimate: num, stdError: num })),
      scaled: z.array(z.object({ variable: z.string(), mean: num, sd: num })),
    })
    .optional(),
});

/** Per-observation vectors of a stored fit, fetched in pieces by model.vectors (never inside model.get). */
export const fitVectorNameSchema = z.enum(['fitted', 'residuals', 'rows', 'linearPredictor', 'pearsonResiduals', 'simulatedResiduals', 'normalizedResiduals']);

/** What model.get sends instead of the diagnostics: their per-level parts, and which vectors model.vectors has. */
const diagnosticsOutline = z.object({
  /** The length of every vector (the observations used). */
  n: z.number().int().nonnegative(),
  vectors: z.array(fitVectorNameSchema),
  /**
   * Conditional modes per grouping factor. model.get sends at most RANEF_INLINE levels of each;
   * `nLevels` (set when there are more) is the whole count, and model.ranef sends the rest in pages.
   */
  ranef: z.array(groupRanef.extend({ nLevels: z.number().int().nonnegative().optional() })),
  vcov: z.array(num),
});

/** One page of a grouping factor's conditional-mode table (model.ranef): rows offset.. of levels, values, condSd. */
export const ranefPageSchema = groupRanef.extend({ nLevels: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });

/** Levels of a grouping factor model.get carries inline; a factor with more is paged (model.ranef). */
export const RANEF_INLINE = 1000;
export const MAX_RANEF_PAGE = 20_000;

/** A report as stored and as model.get returns it: small whatever the number of rows. */
export const storedFitReportSchema = fitReportSchema.extend({ diagnostics: diagnosticsOutline.optional() });

// Compile-time drift check: each side must be assignable to the other.
type Parsed = z.output<typeof fitReportSchema>;
const _toInterface = (x: Parsed): FitReport => x;
const _toSchema = (x: FitReport): Parsed => x;
void _toInterface;
void _toSchema;
