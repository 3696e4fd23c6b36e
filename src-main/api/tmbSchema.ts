/**
 * Count models as glmmTMB (docs/count-models.md) on the wire: the `tmb` part of a model spec (family,
 * zero-inflation and dispersion formulas) and the `tmb` block of a stored FitReport
 * (src-engine/tmb/report/asFitReport.ts; fitReportSchema's drift check covers it).
 */
import { z } from 'zod';
import { simulatedInfoSchema } from './simulatedSchema';

/** glmmTMB's families the engine fits (src-engine/tmb TMB_FAMILIES; test/main/api/countModels.test.ts keeps them equal). */
export const COUNT_FAMILIES = ['poisson', 'nbinom2', 'nbinom1', 'truncated_poisson', 'truncated_nbinom2', 'genpois', 'beta_family', 'betabinomial', 'tweedie', 'Gamma', 'lognormal', 'gaussian'] as const;
export type CountFamily = (typeof COUNT_FAMILIES)[number];

const oneSided = (what: string, example: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((f) => f === '' || f.startsWith('~'), { message: `the ${what} is a one-sided formula starting with ~, e.g. ${example}` });

export const tmbSpecSchema = z
  .object({
    family: z.enum(COUNT_FAMILIES, { message: `the glmmTMB family is one of ${COUNT_FAMILIES.join(', ')}` }),
    /** glmmTMB's ziformula: "~ spp"; absent, empty or "~0" for none. With a truncated family it is the hurdle's zero model. */
    ziformula: oneSided('zero-inflation formula', '~ 1 or ~ spp').optional(),
    /** glmmTMB's dispformula: "~ mined"; absent, empty or "~1" for one dispersion parameter. */
    dispformula: oneSided('dispersion formula', '~ mined').optional(),
  })
  .strict();
export type TmbSpecParams = z.infer<typeof tmbSpecSchema>;

const num = z.number();
const coefRow = z.object({ term: z.string(), estimate: num, stdError: num, zValue: num, pValue: num });

const meanCell = z.object({ estimate: num, SE: num, lowerCL: num, upperCL: num });
const tmbMeans = z.object({
  factor: z.string(),
  df: z.number().int(),
  level: num,
  rows: z.array(z.object({ level: z.string(), cond: meanCell, zi: meanCell.nullable(), response: meanCell })),
  notes: z.array(z.string()),
});
/** One term column of ranef(m, condVar = TRUE); component, term and condsd are absent in reports saved before them. */
const tmbRanef = z.object({
  group: z.string(),
  component: z.enum(['cond', 'zi']).optional(),
  term: z.string().optional(),
  levels: z.array(z.string()),
  condval: z.array(num),
  condsd: z.array(num).optional(),
});

const countFix = z.object({ label: z.string(), family: z.enum(COUNT_FAMILIES), ziformula: z.string() });
/** The count-model advisor's findings (src-engine/advisor/count/countFinding.ts). */
const countFinding = z.object({
  code: z.enum(['overdispersion', 'underdispersion', 'excess-zeros', 'too-few-zeros', 'non-pd-hessian', 'small-eigenvalues', 'false-convergence', 'singular']),
  severity: z.enum(['warning', 'info']),
  title: z.string(),
  meaning: z.string(),
  action: z.string(),
  fixes: z.array(countFix),
});

export const tmbInfoSchema = z.object({
  family: z.string(),
  ziformula: z.string(),
  dispformula: z.string(),
  hurdle: z.boolean(),
  rCall: z.string(),
  zi: z.array(coefRow),
  disp: z.array(coefRow),
  sigma: num.nullable(),
  dispersionLine: z.string().nullable(),
  familyParams: z.record(z.string(), num).optional(),
  npar: z.number().int(),
  dfResid: z.number().int(),
  ranef: z.array(tmbRanef).optional(),
  means: z.array(tmbMeans).optional(),
  meansNote: z.string().optional(),
  simulated: simulatedInfoSchema.optional(),
  diagnosticsNote: z.string().optional(),
  logLikNote: z.string().optional(),
  objective: num.optional(),
  advice: z.array(countFinding).optional(),
});
