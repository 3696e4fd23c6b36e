/**
 * Runtime schema of the `nlme` block of a FitReport (src-engine/nlme/asFitReport.ts): gls()/lme()
 * results beyond the common fields. fitReportSchema's drift check covers it.
 */
import { z } from 'zod';

// JSON turns NaN into null: numbers that may be non-finite are nullable on the wire (as in fitReportSchema)
const num = z.number();

const structReport = z.object({
  className: z.string(),
  formula: z.string(),
  unconstrained: z.array(num),
  names: z.array(z.string()),
  values: z.array(num),
});

const randomReport = z.object({ level: z.string(), terms: z.array(z.string()), sd: z.array(num), corr: z.array(num), diagonal: z.boolean().optional() });

const nlmeAnovaRow = z.object({ term: z.string(), numDf: num, denDf: num, fValue: num, pValue: num });

const intervalRow = z.object({ name: z.string(), lower: num, est: num, upper: num });

const intervals = z.object({
  level: num,
  fixed: z.array(intervalRow),
  sigma: intervalRow.nullable(),
  varStruct: z.array(intervalRow).nullable(),
  corStruct: z.array(intervalRow).nullable(),
  reStruct: z.array(z.object({ level: z.string(), rows: z.array(intervalRow) })).nullable(),
  error: z.string().nullable(),
});

export const nlmeInfoSchema = z.object({
  fn: z.enum(['gls', 'lme']),
  rCall: z.string(),
  call: z.object({ fixed: z.string(), random: z.string().nullable(), weights: z.string().nullable(), correlation: z.string().nullable() }),
  dfMethod: z.enum(['containment', 'residual']),
  df: z.number().int(),
  reParams: z.number().int(),
  varStruct: structReport.nullable(),
  corStruct: structReport.nullable(),
  random: z.array(randomReport).nullable(),
  anovaMarginal: z.array(nlmeAnovaRow),
  intervals,
  acf: z.object({ lag: z.array(num), acf: z.array(num) }),
  variogram: z
    .object({ variog: z.array(num), dist: z.array(num), nPairs: z.array(num), model: z.object({ variog: z.array(num), dist: z.array(num) }).nullable().optional() })
    .nullable(),
  satterthwaite: z.object({ lmerFormula: z.string(), df: z.array(num), pValue: z.array(num) }).nullable().optional(),
});

/** The model.varianceStep answer (src-engine/nlme/varianceStep.ts). */
export const varianceStepSchema = z.object({
  rows: z.array(
    z.object({
      weights: z.string().nullable(),
      df: num.nullable(),
      logLik: num.nullable(),
      aic: num.nullable(),
      bic: num.nullable(),
      deltaAic: num.nullable(),
      lRatio: num.nullable(),
      pValue: num.nullable(),
      spread: z.object({ fitted: z.array(num), pearson: z.array(num) }).nullable(),
      error: z.string().nullable(),
    }),
  ),
  recommended: z.string().nullable(),
  notes: z.array(z.string()),
});
export type VarianceStepResult = z.infer<typeof varianceStepSchema>;

const structure = (what: string) => z.string().trim().min(1, `${what} cannot be empty`).max(2000);

/** nlme's own arguments beside the fixed formula (spec.formula): absent parts are left out of the call. */
export const nlmeSpecSchema = z
  .object({
    /** lme's random part, "~ 1 | Mare", "~ 1 | Block/Variety"; absent for gls(). */
    random: structure('the random part').optional(),
    /** A variance function, "varIdent(form = ~ 1 | Sex)". */
    weights: structure('the variance function').optional(),
    /** A correlation structure, "corAR1(form = ~ 1 | Mare)". */
    correlation: structure('the correlation structure').optional(),
  })
  .strict();
export type NlmeSpecParams = z.infer<typeof nlmeSpecSchema>;
