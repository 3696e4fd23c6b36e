/** The model advisor's shapes (issue 20): model.designCheck (src-engine/checks/designCheck.ts) and model.advise (src-engine/advisor). */
import { z } from 'zod';
import { fixedEffectRow } from './fitReportSchema';

export const designFindingSchema = z.object({
  code: z.enum(['reused-ids', 'singleton-groups', 'no-within-variation', 'few-levels', 'scales', 'separation']),
  severity: z.enum(['warning', 'info']),
  columns: z.array(z.string()),
  meaning: z.string(),
  action: z.string(),
  fix: z.object({ label: z.string(), formula: z.string() }).nullable(),
});
export type DesignFindingShape = z.infer<typeof designFindingSchema>;

export const designCheckResultSchema = z.object({ findings: z.array(designFindingSchema) });

/** A stored fit's convergence verdict and singular-fit sensitivity (quadrat.advice/1 without the design check). */
export const fitAdviceSchema = z.object({
  fit: z.object({ converged: z.boolean(), singular: z.boolean(), warnings: z.array(z.string()), logLik: z.number() }),
  convergence: z
    .object({
      verdict: z.enum(['benign', 'over-parameterised', 'failed', 'not-checked']),
      message: z.string(),
      parameter: z.string().nullable(),
      optimizers: z.array(
        z.object({
          optimizer: z.string(),
          status: z.string(),
          objective: z.number(),
          logLik: z.number(),
          fixef: z.record(z.string(), z.number()),
          sdcor: z.record(z.string(), z.number()),
          atOptimum: z.boolean(),
        }),
      ),
    })
    .nullable(),
  singular: z
    .object({
      terms: z.array(z.object({ group: z.string(), terms: z.array(z.string()), kind: z.enum(['zero variance', 'correlation ±1', 'rank-deficient']), parameter: z.string(), detail: z.string() })),
      pca: z.array(z.object({ group: z.string(), terms: z.array(z.string()), sdev: z.array(z.number()), proportion: z.array(z.number()) })),
      original: z.object({ formula: z.string(), logLik: z.number(), aic: z.number(), fixed: z.array(fixedEffectRow) }),
      alternatives: z.array(
        z.object({ label: z.string(), formula: z.string(), logLik: z.number(), aic: z.number(), singular: z.boolean(), fixed: z.array(fixedEffectRow), sameConclusions: z.boolean() }),
      ),
    })
    .nullable(),
});
export type FitAdvice = z.infer<typeof fitAdviceSchema>;

/** X's and Z's first rows and Z's non-zero picture, for Learn mode (src-engine/design/designPreview.ts). */
export const designPreviewSchema = z.object({
  n: z.number().int(),
  p: z.number().int(),
  q: z.number().int(),
  fixedNames: z.array(z.string()),
  rows: z.array(z.number().int()),
  X: z.array(z.array(z.number())),
  Z: z.array(z.array(z.object({ column: z.number().int(), value: z.number() }))),
  zNames: z.record(z.string(), z.string()),
  terms: z.array(z.object({ group: z.string(), termNames: z.array(z.string()), levels: z.number().int(), first: z.number().int(), count: z.number().int() })),
  nonZeros: z.number().int(),
  picture: z.object({ rows: z.number().int(), cols: z.number().int(), rowsPerCell: z.number(), colsPerCell: z.number(), counts: z.array(z.number()) }),
});
export type DesignPreviewShape = z.infer<typeof designPreviewSchema>;
