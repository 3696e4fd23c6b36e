/**
 * The data shapes the API speaks (zod schemas + their TypeScript types). Shared by the contract,
 * the handlers and the renderer; imports nothing from Node so the renderer can use it.
 */
import { z } from 'zod';
import { ddfSchema, fitReportSchema, fitVectorNameSchema, storedFitReportSchema } from './fitReportSchema';
import { nlmeSpecSchema } from './nlmeReportSchema';
import { tmbSpecSchema } from './tmbSchema';

export { ddfSchema, fitReportSchema };

const id = z.number().int().nonnegative();
const name = z.string().trim().min(1, 'a name cannot be empty').max(200);
const filePath = z.string().min(1, 'a file path is required').max(4096);

export const columnTypeSchema = z.enum(['numeric', 'factor', 'logical', 'text']);
export type ColumnTypeName = z.infer<typeof columnTypeSchema>;

/**
 * One cell on the wire: number (numeric), string (factor level or text), boolean (logical);
 * null is a missing value (R's NA). Non-finite numbers travel as null too.
 */
export const cellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

export const errorKindSchema = z.enum(['data', 'formula', 'model', 'fit', 'project', 'input', 'cancelled', 'internal']);

/** How an error crosses a transport: QuadratError's fields, or kind 'internal' for a bug. */
export const wireErrorSchema = z.object({
  kind: errorKindSchema,
  message: z.string(),
  where: z
    .object({
      file: z.string().optional(),
      line: z.number().optional(),
      column: z.number().optional(),
      columnName: z.string().optional(),
    })
    .optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

// ---- projects, recent files, settings, app -------------------------------------------------------

export const projectInfoSchema = z.object({
  path: z.string(),
  title: z.string(),
  /** A new project not yet given a name by Save As (it still lives in a file, so nothing is lost). */
  untitled: z.boolean(),
  readOnly: z.boolean(),
  /** Why the project is read-only (e.g. written by a newer Quadrat), for the UI to show. */
  readOnlyReason: z.string().nullable(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  notes: z.string(),
});
export type ProjectInfo = z.infer<typeof projectInfoSchema>;

export const recentFileSchema = z.object({
  path: z.string(),
  title: z.string(),
  openedAt: z.string(),
  exists: z.boolean(),
});
export type RecentFile = z.infer<typeof recentFileSchema>;

export const familySchema = z.enum(['gaussian', 'binomial', 'poisson', 'Gamma', 'inverse.gaussian']);
export const linkSchema = z.enum(['logit', 'probit', 'cloglog', 'cauchit', 'log', 'sqrt', 'identity', 'inverse', '1/mu^2']);

export const exampleSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  /** Column types as R's copy of the data has them (lme4's cbpp has herd and period as factors). */
  columnTypes: z.record(z.string(), columnTypeSchema).optional(),
  /** A first model, set in the builder when the example opens. */
  model: z
    .object({ formula: z.string(), family: familySchema, link: linkSchema.optional() })
    .strict()
    .optional(),
});
export type Example = z.infer<typeof exampleSchema>;

export const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** Significant digits shown in result tables. */
  digits: z.number().int().min(2).max(12),
  defaultReml: z.boolean(),
  defaultDdf: ddfSchema,
  /** Engine workers running jobs at once. */
  workers: z.number().int().min(1).max(16),
  /** A fit running longer than this is stopped. */
  fitTimeLimitSec: z.number().int().min(1).max(86_400),
  /** How imported factor levels are sorted: as R in a UTF-8 locale (ICU collation), or R's C locale (code points). */
  levelOrder: z.enum(['locale', 'C']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  engineVersion: z.string(),
  transport: z.enum(['electron', 'http', 'direct']),
  /** True when app.pickPath can show native file dialogs (Electron only). */
  fileDialogs: z.boolean(),
  platform: z.string(),
  /** Where "Save as" with a bare name puts the project (QUADRAT_PROJECTS_DIR, else Documents/Quadrat). */
  projectsDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const pickPurposeSchema = z.enum(['open-project', 'save-project', 'import-data', 'export']);

// ---- datasets -----------------------------------------------------------------------------------

export const columnInfoSchema = z.object({
  name: z.string(),
  type: columnTypeSchema,
  /** Factor levels in level order; levels[0] is the reference level. Empty for other types. */
  levels: z.array(z.string()),
  missing: z.number().int(),
  /** A computed column's expression (recomputed when the columns it reads change); absent for data columns. */
  definition: z.string().optional(),
});
export type ColumnInfo = z.infer<typeof columnInfoSchema>;

export const datasetInfoSchema = z.object({
  id,
  name: z.string(),
  nrow: z.number().int(),
  columns: z.array(columnInfoSchema),
  sourceFile: z.string().nullable(),
  importedAt: z.string(),
  /** Increases with every change; a fit records the data hash it used. */
  revision: z.number().int(),
  /** SHA-256 of the data as it is now (column names, types, levels, values). */
  dataHash: z.string(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});
export type DatasetInfo = z.infer<typeof datasetInfoSchema>;

export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: filePath }),
  z.object({ kind: z.literal('text'), fileName: name, text: z.string() }),
  z.object({ kind: z.literal('bytes'), fileName: name, base64: z.string() }),
  z.object({ kind: z.literal('example'), name }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const rowsPageSchema = z.object({
  nrow: z.number().int(),
  offset: z.number().int(),
  /** rows[i][j]: row offset+i, column j in dataset column order. */
  rows: z.array(z.array(cellSchema)),
});

export const cellEditSchema = z.object({ row: z.number().int().nonnegative(), column: z.string(), value: cellSchema });
export type CellEdit = z.infer<typeof cellEditSchema>;

/** Every dataset change answers with the dataset's new state and any conversion warnings. */
export const editResultSchema = z.object({ dataset: datasetInfoSchema, warnings: z.array(z.string()) });
export type EditResult = z.infer<typeof editResultSchema>;

export const columnSummarySchema = z.object({
  name: z.string(),
  type: columnTypeSchema,
  n: z.number().int(),
  missing: z.number().int(),
  /** numeric columns: R's summary() numbers plus sd; null when every value is missing. */
  numeric: z
    .object({
      min: z.number(),
      q1: z.number(),
      median: z.number(),
      mean: z.number(),
      q3: z.number(),
      max: z.number(),
      sd: z.number().nullable(),
      /** every value a whole number (counts, when min ≥ 0); absent from older servers */
      integer: z.boolean().optional(),
    })
    .nullable(),
  /** factor / logical / text columns: counts per level (text: per distinct value, first 1000). */
  counts: z.array(z.object({ value: z.string(), count: z.number().int() })).nullable(),
  distinct: z.number().int(),
});
export type ColumnSummary = z.infer<typeof columnSummarySchema>;

// ---- jobs, fits, comparisons ---------------------------------------------------------------------

export const jobKindSchema = z.enum(['fit-lmm', 'import', 'confint', 'ranova', 'step', 'batch', 'bayes', 'advise']);
export const jobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const jobProgressSchema = z.object({
  jobId: z.string(),
  evaluations: z.number().int(),
  objective: z.number().nullable(),
  elapsedMs: z.number(),
  /** Units of work in all when known (bootstrap simulations, profiled parameters, ranova's models); evaluations counts those done. */
  total: z.number().int().optional(),
  /** A Bayesian fit: each chain's iterations done (warm-up included) of its total. */
  chains: z.array(z.object({ chain: z.number().int(), iteration: z.number().int(), total: z.number().int() })).optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobStatusSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  label: z.string(),
  state: jobStateSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: jobProgressSchema.nullable(),
  error: wireErrorSchema.nullable(),
  /** For a finished fit: the model-history entry it created. */
  fitId: id.nullable(),
  /** For a finished Bayesian fit: its entry in the Bayesian history (bayes.get). */
  bayesId: id.nullable().optional(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** What to fit (lmerTest's lmer arguments). */
export const modelSpecSchema = z.object({
  formula: z.string().trim().min(1, 'the formula is empty').max(10_000),
  reml: z.boolean().default(true),
  ddf: ddfSchema.default('satterthwaite'),
  anovaType: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3),
  /** glmer's family (gaussian with the identity link is lmer). */
  family: familySchema.default('gaussian'),
  /** The family's link; its default link when absent. */
  link: linkSchema.optional(),
  /** glmer's nAGQ: 0, 1 (Laplace, the default) or 2–100 (adaptive Gauss–Hermite; one scalar random effect only). */
  nAGQ: z.number().int().min(0).max(100).default(1),
  /** A numeric column of prior weights (binomial proportions: the number of trials). */
  weights: z.string().min(1).max(500).optional(),
  /** R's subset = column == "value": fit only those rows (one locus of a batch, one species). */
  subset: z.object({ column: z.string().min(1).max(500), value: z.string().max(10_000) }).strict().optional(),
  /** Keep only the rows where this condition is TRUE, as R's subset(d, …): e.g. year >= 2010 & site != "B3" (src-engine/data/compute). */
  filter: z.string().trim().min(1, 'the filter is empty').max(10_000).optional(),
  /** nlme's gls()/lme() instead of lmer (docs/nlme.md): formula holds the fixed effects only; reml is method = "REML". */
  nlme: nlmeSpecSchema.optional(),
  /** A count model as glmmTMB (docs/count-models.md): its family and zero-inflation/dispersion formulas; plain poisson without them is glmer's. */
  tmb: tmbSpecSchema.optional(),
});
export type ModelSpec = z.output<typeof modelSpecSchema>;

/** What every stored fit's history entry carries, whatever its kind (likelihood, nlme or Bayesian). */
export const storedFitFields = {
  id,
  name: z.string(),
  datasetId: id.nullable(),
  datasetName: z.string(),
  createdAt: z.string(),
  engineVersion: z.string(),
  dataHash: z.string(),
  /** The dataset changed (or was deleted) since this fit: the result describes older data. */
  dataChanged: z.boolean(),
  note: z.string(),
  nobs: z.number().int(),
};

export const fitSummarySchema = z.object({
  ...storedFitFields,
  spec: modelSpecSchema,
  logLik: z.number().nullable(),
  aic: z.number().nullable(),
  bic: z.number().nullable(),
  converged: z.boolean(),
  singular: z.boolean(),
  /** Set when the stored record is damaged (what is wrong): it is listed, never written over, and cannot be opened. */
  damaged: z.string().optional(),
});
export type FitSummary = z.infer<typeof fitSummarySchema>;

export { fitVectorNameSchema, storedFitReportSchema };
export type FitVectorName = z.infer<typeof fitVectorNameSchema>;
/** A fit report without its per-observation vectors (model.get); model.vectors sends those in pieces. */
export type StoredFitReport = z.infer<typeof storedFitReportSchema>;
export type DiagnosticsOutline = NonNullable<StoredFitReport['diagnostics']>;
/** What a results table reads: any report, stored or whole. */
export type ReportHead = Omit<StoredFitReport, 'diagnostics'>;

/** Values a model.vectors answer may carry at most (2 MB of float64). */
export const MAX_VECTOR_CHUNK = 262_144;

/** A piece of one vector: values offset..offset+count-1 of length, little-endian float64 in base64 (exact, NaN kept). */
export const fitVectorChunkSchema = z.object({
  name: fitVectorNameSchema,
  length: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  float64Base64: z.string(),
});
export type FitVectorChunk = z.infer<typeof fitVectorChunkSchema>;

export const comparisonRowSchema = z.object({
  fitId: id,
  name: z.string(),
  npar: z.number().int(),
  aic: z.number(),
  bic: z.number(),
  logLik: z.number(),
  deviance: z.number(),
  chisq: z.number().nullable(),
  df: z.number().int().nullable(),
  pValue: z.number().nullable(),
});
export const comparisonSchema = z.object({
  /** Rows ordered as R's anova(m1, m2, ...) orders them: by number of parameters. */
  rows: z.array(comparisonRowSchema),
  /** True when REML fits were refitted with ML first, as anova() does. */
  refitted: z.boolean(),
  warnings: z.array(z.string()),
  /** What the table's tests mean when it is not anova()'s (count models: AIC across families). */
  note: z.string().optional(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** model.checkCandidates: one entry per candidate grouping factor (src-engine/checks/candidateFactors.ts). */
export const candidateCheckSchema = z.object({
  fixedFormula: z.string(),
  candidates: z.array(
    z.object({
      factor: z.string(),
      nLevels: z.number().int(),
      formula: z.string(),
      groups: z.array(z.object({ level: z.string(), residuals: z.array(z.number()), rows: z.array(z.number().int()) })),
      groupMeanVariance: z.number(),
      icc: z.number(),
      lrt: z.number(),
      df: z.number().int(),
      pValue: z.number(),
      singular: z.boolean(),
    }),
  ),
});
export type CandidateCheck = z.infer<typeof candidateCheckSchema>;

// ---- exports --------------------------------------------------------------------------------------

/** Where an export goes: a path, a native save dialog (Electron), or back to the caller (browser download). */
export const destinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: filePath }),
  z.object({ kind: z.literal('dialog') }),
  z.object({ kind: z.literal('inline') }),
]);
export const exportResultSchema = z.object({
  /** The file written, or null (inline export, or the save dialog was cancelled). */
  path: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's text for an inline export, else null. */
  content: z.string().nullable(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const menuCommandSchema = z.enum(['export', 'undo', 'redo', 'about', 'new-dataset', 'import-data']);
