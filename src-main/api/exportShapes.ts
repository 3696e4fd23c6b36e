/**
 * Schemas of the paper-export API methods (export.table, export.report, export.rCode,
 * export.figure). Kept beside shapes.ts so the contract stays one list of methods; no Node imports
 * (the renderer imports the contract).
 */
import { z } from 'zod';
import { confintResultSchema, contestResultSchema, emmeansResultSchema, ranovaResultSchema, stepResultSchema } from './inferenceShapes';
import { comparisonSchema, exportResultSchema } from './shapes';
import { predictionsSchema } from './predictShapes';

/** How numbers are written in exported tables and sentences (src-engine/report/format.ts). */
export const reportFormatSettingsSchema = z
  .object({
    digits: z.number().int().min(0).max(12).default(2),
    pStyle: z.enum(['apa', 'decimal', 'scientific']).default('apa'),
    pDigits: z.number().int().min(1).max(12).default(3),
    dfDigits: z.number().int().min(0).max(12).default(1),
    decimalComma: z.boolean().default(false),
    /** Readable names beside R's in the tables and sentences ("FoodTreatment: Satiated × Sex: male"). */
    readableTerms: z.boolean().default(false),
  })
  .strict();

export const tableFormatSchema = z.enum(['csv', 'md', 'html', 'tex']);

/** Which table: one of a stored fit's, or a model comparison / marginal means / ranova / intervals the UI already has. */
const emmeansSchema = emmeansResultSchema.pick({ factor: true, emmeans: true, contrasts: true, adjust: true, notes: true }).extend({
  by: z.string().nullable().optional(),
  /** Confidence level of the limits (default 0.95). */
  level: z.number().gt(0).lt(1).optional(),
});

export const tableSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fit'), fitId: z.number().int().nonnegative(), table: z.enum(['fixed', 'random', 'anova', 'zi', 'disp']) }).strict(),
  z
    .object({
      kind: z.literal('comparison'),
      comparison: comparisonSchema,
      /** The compared models' formulas, shown in the table note; same order as comparison.rows. */
      formulas: z.array(z.string()).optional(),
    })
    .strict(),
  /** Marginal means the UI already has (the engine's Emmeans): the means table or the pairwise contrasts. */
  z
    .object({
      kind: z.literal('emmeans'),
      emmeans: emmeansSchema,
      response: z.string(),
      table: z.enum(['means', 'contrasts']),
      ddf: z.enum(['satterthwaite', 'kenward-roger']).optional(),
    })
    .strict(),
  /** A stored Bayesian fit's summary table (brms's summary(fit)). */
  z.object({ kind: z.literal('bayes'), bayesId: z.number().int().nonnegative() }).strict(),
  /** A ranova table the UI already has. */
  z.object({ kind: z.literal('ranova'), ranova: ranovaResultSchema.pick({ rows: true, reml: true }) }).strict(),
  /** Confidence intervals the UI already has. */
  z.object({ kind: z.literal('confint'), confint: confintResultSchema.pick({ method: true, level: true, nsim: true, seed: true, rows: true }) }).strict(),
  /** A step result the UI already has: its random- or its fixed-effects elimination table. */
  z.object({ kind: z.literal('step'), step: stepResultSchema, reml: z.boolean(), table: z.enum(['random', 'fixed']) }).strict(),
  /** contest results the UI already has, with a readable label per row of L. */
  /** Predictions the UI already has, with the typed values of the predictor columns per predicted row. */
  z
    .object({
      kind: z.literal('predictions'),
      predictions: predictionsSchema.pick({ rows: true, options: true, notes: true }),
      response: z.string(),
      columns: z.array(z.string().max(1000)).max(200),
      values: z.array(z.array(z.union([z.string().max(1000), z.number(), z.null()])).max(200)).max(10_000),
    })
    .strict(),
  z
    .object({ kind: z.literal('contest'), contest: contestResultSchema.pick({ ddf: true, level: true, rows: true, joint: true }), labels: z.array(z.string().max(2000)).max(50) })
    .strict(),
]);

const plotlyObject = z.record(z.string(), z.unknown());
export const plotlyFigureSchema = z.object({ data: z.array(plotlyObject).max(200), layout: plotlyObject }).strict();

export const figureOptionsSchema = z
  .object({
    format: z.enum(['svg', 'png', 'pdf']),
    widthMm: z.number().min(20).max(500).default(85),
    heightMm: z.number().min(20).max(500).default(70),
    dpi: z.number().int().min(72).max(1200).default(300),
    theme: z.enum(['publication', 'screen']).default('publication'),
    fontSizePt: z.number().min(4).max(24).default(8),
  })
  .strict();

/** exportResult, plus how `content` is encoded: text, or base64 for .docx, PNG and PDF. */
export const fileExportResultSchema = exportResultSchema.extend({ encoding: z.enum(['utf8', 'base64']) });
export type FileExportResult = z.infer<typeof fileExportResultSchema>;
