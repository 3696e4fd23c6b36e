/**
 * The one API contract: everything the renderer may ask, one method per message, each with a runtime
 * schema for its params and its result. Both transports (Electron IPC, loopback HTTP), the handlers
 * and the client are typed from `apiMethods`, so adding a method here is a compile error everywhere
 * it is not yet implemented. Imports nothing from Node: the renderer imports this file.
 */
import { z } from 'zod';
import { designCheckResultSchema, designPreviewSchema, fitAdviceSchema } from './advisorShapes';
import { effectsParamsSchema, effectsSchema, predictParamsSchema, predictionsSchema } from './predictShapes';
import { batchMethods } from './batchShapes';
import { bayesMethods } from './bayesShapes';
import { type EVENT_NAMES, type METHOD_NAMES } from './names';
import { MAX_RANEF_PAGE, RANEF_INLINE, ranefPageSchema } from './fitReportSchema';
import {
  appInfoSchema,
  candidateCheckSchema,
  cellEditSchema,
  columnSummarySchema,
  columnTypeSchema,
  comparisonSchema,
  datasetInfoSchema,
  destinationSchema,
  editResultSchema,
  exampleSchema,
  exportResultSchema,
  fitSummarySchema,
  fitVectorChunkSchema,
  fitVectorNameSchema,
  importSourceSchema,
  jobProgressSchema,
  jobStatusSchema,
  menuCommandSchema,
  modelSpecSchema,
  pickPurposeSchema,
  projectInfoSchema,
  recentFileSchema,
  rowsPageSchema,
  settingsSchema,
  storedFitReportSchema,
  MAX_VECTOR_CHUNK,
} from './shapes';
import {
  figureOptionsSchema,
  fileExportResultSchema,
  plotlyFigureSchema,
  reportFormatSettingsSchema,
  tableFormatSchema,
  tableSourceSchema,
} from './exportShapes';
import {
  confintParamsSchema,
  confintResultSchema,
  contestParamsSchema,
  contestResultSchema,
  emmeansResultSchema,
  inferenceDdfSchema,
  pAdjustSchema,
  r2ResultSchema,
  ranovaResultSchema,
  stepResultSchema,
} from './inferenceShapes';
import { varianceStepSchema } from './nlmeReportSchema';

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const id = z.number().int().nonnegative();
const text = (what: string) => z.string().trim().min(1, `${what} cannot be empty`).max(200);
const filePath = z.string().min(1, 'a file path is required').max(4096);
const datasetId = id;
const column = z.string().min(1, 'a column name is required');
/** A data expression (src-engine/data/compute): a computed column's definition or a row filter. */
const expression = z.string().trim().min(1, 'the expression is empty').max(10_000);

interface MethodSpec {
  params: z.ZodType;
  result: z.ZodType;
}

export const apiMethods = {
  // -- app ----------------------------------------------------------------------------------------
  'app.info': { params: none, result: appInfoSchema },
  /** A native open/save dialog (Electron only; see app.info.fileDialogs). null when cancelled. */
  'app.pickPath': {
    params: z.object({ purpose: pickPurposeSchema, defaultName: z.string().max(255).optional() }).strict(),
    result: z.object({ path: z.string().nullable() }),
  },

  // -- projects -----------------------------------------------------------------------------------
  /** path null: an untitled project in the user data folder (Save As names it later). */
  'project.new': { params: z.object({ path: filePath.nullable() }).strict(), result: projectInfoSchema },
  'project.open': { params: z.object({ path: filePath }).strict(), result: projectInfoSchema },
  /** A new untitled project holding one bundled example dataset. */
  'project.openExample': { params: z.object({ name: text('the example name') }).strict(), result: projectInfoSchema },
  /** A consistent copy at `path`, which then becomes the open project. */
  'project.saveAs': { params: z.object({ path: filePath }).strict(), result: projectInfoSchema },
  'project.close': { params: none, result: ok },
  'project.current': { params: none, result: projectInfoSchema.nullable() },
  'project.setNotes': { params: z.object({ notes: z.string().max(1_000_000) }).strict(), result: projectInfoSchema },
  /** UI state worth restoring (open tabs, selected fit...), opaque JSON owned by the renderer. */
  'project.getUiState': { params: none, result: z.object({ state: z.json().nullable() }) },
  'project.setUiState': { params: z.object({ state: z.json() }).strict(), result: ok },

  'recent.list': { params: none, result: z.array(recentFileSchema) },
  'recent.remove': { params: z.object({ path: filePath }).strict(), result: ok },
  'recent.clear': { params: none, result: ok },

  'examples.list': { params: none, result: z.array(exampleSchema) },

  'settings.get': { params: none, result: settingsSchema },
  'settings.update': { params: z.object({ patch: settingsSchema.partial().strict() }).strict(), result: settingsSchema },

  // -- datasets -----------------------------------------------------------------------------------
  'dataset.import': {
    params: z
      .object({
        source: importSourceSchema,
        name: text('the dataset name').optional(),
        sheet: z.string().optional(),
        /** Factor level order of this import; Settings → factor level order when left out. */
        levelOrder: z.enum(['locale', 'C']).optional(),
      })
      .strict(),
    result: z.object({ dataset: datasetInfoSchema, warnings: z.array(z.string()) }),
  },
  'dataset.list': { params: none, result: z.array(datasetInfoSchema) },
  'dataset.get': { params: z.object({ datasetId }).strict(), result: datasetInfoSchema },
  'dataset.rows': {
    params: z
      .object({ datasetId, offset: z.number().int().nonnegative(), limit: z.number().int().min(1).max(20_000) })
      .strict(),
    result: rowsPageSchema,
  },
  'dataset.rename': { params: z.object({ datasetId, name: text('the dataset name') }).strict(), result: datasetInfoSchema },
  'dataset.delete': { params: z.object({ datasetId }).strict(), result: ok },
  'dataset.summary': { params: z.object({ datasetId, column }).strict(), result: columnSummarySchema },
  /** Descriptives of numeric columns, by the levels of a factor or over all rows (issue 17); a worker job. */
  'dataset.describe': {
    params: z.object({ datasetId, columns: z.array(column).min(1).max(500), by: column.nullable() }).strict(),
    result: z.array(
      z.object({
        column: z.string(),
        group: z.string().nullable(),
        n: z.number().int(),
        missing: z.number().int(),
        mean: z.number().nullable(),
        sd: z.number().nullable(),
        min: z.number().nullable(),
        median: z.number().nullable(),
        max: z.number().nullable(),
      }),
    ),
  },

  // Each edit below is one undo step. Cell values are coerced to the column's type (a new factor
  // label becomes a new last level); rows at or beyond nrow grow the table (pasting below the end).
  'dataset.setCells': {
    params: z.object({ datasetId, cells: z.array(cellEditSchema).min(1).max(1_000_000), label: z.string().max(200).optional() }).strict(),
    result: editResultSchema,
  },
  'dataset.insertRows': {
    params: z.object({ datasetId, at: z.number().int().nonnegative(), count: z.number().int().min(1).max(1_000_000) }).strict(),
    result: editResultSchema,
  },
  'dataset.deleteRows': {
    params: z.object({ datasetId, rows: z.array(z.number().int().nonnegative()).min(1) }).strict(),
    result: editResultSchema,
  },
  'dataset.addColumn': {
    params: z
      .object({
        datasetId,
        name: text('the column name'),
        type: columnTypeSchema,
        at: z.number().int().nonnegative().optional(),
        /** 'rowNumber': 1…n, an observation ID for (1 | obs); otherwise the new cells are missing. */
        fill: z.enum(['missing', 'rowNumber']).optional(),
      })
      .strict(),
    result: editResultSchema,
  },
  'dataset.renameColumn': {
    params: z.object({ datasetId, column, to: text('the column name') }).strict(),
    result: editResultSchema,
  },
  'dataset.deleteColumn': { params: z.object({ datasetId, column }).strict(), result: editResultSchema },
  /** Convert as R would (as.numeric(as.character(f)), factor(x)); a value that cannot be converted is refused, naming its row. */
  'dataset.setColumnType': {
    params: z.object({ datasetId, column, type: columnTypeSchema }).strict(),
    result: editResultSchema,
  },
  /** Reorder a factor's levels; `levels` must be a permutation of the current ones. levels[0] is the reference. */
  'dataset.setLevels': {
    params: z.object({ datasetId, column, levels: z.array(z.string()).min(1) }).strict(),
    result: editResultSchema,
  },
  /** R's relevel(f, ref = level). */
  'dataset.setReferenceLevel': {
    params: z.object({ datasetId, column, level: z.string() }).strict(),
    result: editResultSchema,
  },
  /** A computed column: `expression` (log(mass), scale(x), recode(…), interaction(a, b), …) evaluated now and again whenever a column it reads changes. */
  'dataset.addComputedColumn': {
    params: z.object({ datasetId, name: text('the column name'), expression, at: z.number().int().nonnegative().optional() }).strict(),
    result: editResultSchema,
  },
  /** A new definition for a column (it is recomputed from it); null keeps its current values as data. */
  'dataset.setColumnDefinition': {
    params: z.object({ datasetId, column, expression: expression.nullable() }).strict(),
    result: editResultSchema,
  },
  /** How many rows a row filter keeps (as R's subset()), with its notes; a bad filter is an error pointing at the character. */
  'dataset.checkFilter': {
    params: z.object({ datasetId, filter: expression }).strict(),
    result: z.object({ kept: z.number().int(), nrow: z.number().int(), notes: z.array(z.string()) }),
  },
  'dataset.undo': { params: z.object({ datasetId }).strict(), result: editResultSchema },
  'dataset.redo': { params: z.object({ datasetId }).strict(), result: editResultSchema },

  // -- fits and jobs ------------------------------------------------------------------------------
  /** Starts a fit in a worker; progress comes as 'job.progress' events, the end as 'job.finished'. */
  'fit.start': {
    params: z.object({ datasetId, spec: modelSpecSchema, name: text('the model name').optional() }).strict(),
    result: z.object({ jobId: z.string() }),
  },
  /**
   * The count-model chooser: fits Poisson, NB2, NB1, ZIP, ZINB, hurdle Poisson and hurdle NB2 of the
   * spec's formula as seven ordinary fits (fit.start each, in parallel on the workers, each kept in
   * the model history). `zero` is the zero part of the zero-inflated and hurdle candidates (~1 when
   * left out). The table and recommendation come from the finished fits (src-engine/tmb/countChooser.ts).
   */
  'fit.chooseCount': {
    params: z.object({ datasetId, spec: modelSpecSchema, zero: z.string().trim().max(2000).refine((f) => f.startsWith('~'), { message: 'the zero part is a one-sided formula starting with ~, e.g. ~ 1 or ~ spp' }).optional() }).strict(),
    result: z.object({ candidates: z.array(z.object({ label: z.string(), family: z.string(), ziformula: z.string(), description: z.string(), jobId: z.string() })) }),
  },
  'job.get': { params: z.object({ jobId: z.string() }).strict(), result: jobStatusSchema },
  'job.list': { params: none, result: z.array(jobStatusSchema) },
  /** Stops a queued or running job (within 200 ms). cancelled=false if it had already finished. */
  'job.cancel': { params: z.object({ jobId: z.string() }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** Waits until the job finishes or timeoutMs passes, then returns its status. */
  'job.wait': {
    params: z.object({ jobId: z.string(), timeoutMs: z.number().int().min(0).max(600_000).default(30_000) }).strict(),
    result: jobStatusSchema,
  },

  // -- batches: one model over many units (locus, species) ---------------------------------------
  ...batchMethods,

  // -- model history and comparisons --------------------------------------------------------------
  'model.list': { params: z.object({ datasetId: datasetId.optional() }).strict(), result: z.array(fitSummarySchema) },
  /** The report without its per-observation vectors (small for any number of rows); see model.vectors. */
  'model.get': {
    params: z.object({ fitId: id }).strict(),
    result: z.object({ summary: fitSummarySchema, report: storedFitReportSchema }),
  },
  /** A piece of one per-observation vector of a fit (fitted, residuals, rows...), for the plot that draws it. */
  'model.vectors': {
    params: z
      .object({
        fitId: id,
        name: fitVectorNameSchema,
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(MAX_VECTOR_CHUNK).default(65_536),
      })
      .strict(),
    result: fitVectorChunkSchema,
  },
  'model.rename': { params: z.object({ fitId: id, name: text('the model name') }).strict(), result: fitSummarySchema },
  'model.annotate': { params: z.object({ fitId: id, note: z.string().max(100_000) }).strict(), result: fitSummarySchema },
  'model.delete': { params: z.object({ fitId: id }).strict(), result: ok },
  /** Likelihood-ratio comparison of nested fits, as R's anova(m1, m2, ...). */
  'model.compare': {
    params: z.object({ fitIds: z.array(id).min(2).max(20) }).strict(),
    result: comparisonSchema,
  },
  /**
   * The random-effects check of Zuur et al.: residuals of the fixed-effects-only model by level of each
   * candidate grouping factor, with the variance of group means, ICC and LRT for adding (1 | factor).
   */
  'model.checkCandidates': {
    params: z
      .object({
        datasetId,
        fixedFormula: text('the fixed-effects formula'),
        candidates: z.array(text('a column name')).min(1).max(20),
        /** Counts and proportions: compare a GLM with a GLMM of this family (binomial, poisson) instead of lm with lmer. */
        family: z.enum(['gaussian', 'binomial', 'poisson']).optional(),
        link: z.enum(['logit', 'probit', 'cloglog', 'cauchit', 'log', 'sqrt', 'identity']).optional(),
        /** The builder's row filter: check on the rows the fit will use. */
        filter: expression.optional(),
      })
      .strict(),
    result: candidateCheckSchema,
  },

  // -- lmerTest extras on a stored fit (refitted from its spec; refused if its data changed) -------
  /** confint(m, method = …) as a job: progress ('job.progress', total = simulations or parameters) and job.cancel. */
  'model.confint': { params: confintParamsSchema, result: z.object({ jobId: z.string() }) },
  /** Waits for a model.confint job and returns its intervals (fails as the job did, e.g. cancelled). */
  'model.confintResult': { params: z.object({ jobId: z.string() }).strict(), result: confintResultSchema },
  /** lmerTest's ranova(m) as a job (a likelihood-ratio test for each random term): progress counts the models fitted, of total; job.cancel. */
  'model.ranova': { params: z.object({ fitId: id }).strict(), result: z.object({ jobId: z.string() }) },
  /** Waits for a model.ranova job and returns its table (fails as the job did, e.g. cancelled). */
  'model.ranovaResult': { params: z.object({ jobId: z.string() }).strict(), result: ranovaResultSchema },
  /** lmerTest's step(m) as a job (backward elimination of random then fixed terms; ddf: the fit's, Satterthwaite if none): progress counts the models fitted (no total); job.cancel. */
  'model.step': { params: z.object({ fitId: id, ddf: inferenceDdfSchema.optional() }).strict(), result: z.object({ jobId: z.string() }) },
  /** Waits for a model.step job and returns its elimination tables. */
  'model.stepResult': { params: z.object({ jobId: z.string() }).strict(), result: stepResultSchema },
  /** emmeans(m, pairwise ~ factor, adjust = …): marginal means of a fixed-effect factor and their pairwise contrasts. */
  'model.emmeans': {
    params: z
      .object({
        fitId: id,
        factor: column,
        /** Compare the factor's levels within each level of this factor (emmeans' pairwise ~ factor | by). */
        by: column.nullable().default(null),
        adjust: pAdjustSchema.default('tukey'),
        ddf: inferenceDdfSchema.default('satterthwaite'),
        level: z.number().gt(0, 'the level must be between 0 and 1').lt(1, 'the level must be between 0 and 1').default(0.95),
        /** GLMMs: the link scale (emmeans' default) or the response scale (type = "response"), the default here. */
        type: z.enum(['link', 'response']).optional(),
        /** GLMMs on the response scale: emmeans' bias.adjust, with σ the total random-intercept SD. */
        biasAdjust: z.boolean().optional(),
      })
      .strict(),
    result: emmeansResultSchema,
  },
  /** ICC (intercept-only models) and Nakagawa's marginal and conditional R². */
  'model.r2': { params: z.object({ fitId: id }).strict(), result: r2ResultSchema },
  /** lmerTest's contest(m, L): a t-test and CI per row of L (weights on the fixed effects, in the fit's order), and the joint F-test of 2+ rows. */
  'model.contest': { params: contestParamsSchema, result: contestResultSchema },

  // -- exports ------------------------------------------------------------------------------------
  'export.datasetCsv': {
    params: z.object({ datasetId, destination: destinationSchema }).strict(),
    result: exportResultSchema,
  },
  /** The full FitReport as quadrat.fit/1 JSON (what `quadrat fit --json` prints, with diagnostics). */
  'export.fitJson': {
    params: z.object({ fitId: id, destination: destinationSchema }).strict(),
    result: exportResultSchema,
  },
  // Paper exports (docs/export.md). Inline results carry binary files (docx, png, pdf) as base64.
  /** One results table as CSV, Markdown, Word-pasteable HTML (inline + copy to clipboard) or LaTeX. */
  'export.table': {
    params: z.object({ source: tableSourceSchema, format: tableFormatSchema, settings: reportFormatSettingsSchema.prefault({}), destination: destinationSchema }).strict(),
    result: fileExportResultSchema,
  },
  /** Methods paragraph, results sentences, APA tables, references (and the R code) as .docx, .html, .md or .tex. */
  'export.report': {
    params: z
      .object({
        fitId: id,
        format: z.enum(['docx', 'html', 'md', 'tex']),
        settings: reportFormatSettingsSchema.prefault({}),
        includeRCode: z.boolean().default(true),
        destination: destinationSchema,
      })
      .strict(),
    result: fileExportResultSchema,
  },
  /** The lme4/lmerTest R code reproducing a fit (reads the dataset as export.datasetCsv writes it). */
  'export.rCode': { params: z.object({ fitId: id, destination: destinationSchema }).strict(), result: fileExportResultSchema },
  /** A Plotly figure (data + layout as drawn) as SVG, PNG at a DPI, or vector PDF, at a size in mm. */
  'export.figure': {
    params: z.object({ figure: plotlyFigureSchema, options: figureOptionsSchema, name: text('the figure name').default('figure'), destination: destinationSchema }).strict(),
    result: fileExportResultSchema,
  },

  // -- Bayesian GLMMs as brms (docs/bayes.md) -----------------------------------------------------
  ...bayesMethods,
  // -- nlme (gls/lme) -----------------------------------------------------------------------------
  /**
   * Zuur's variance-structure step for spec (formula, nlme's random and correlation; no weights):
   * the homogeneous model and each candidate variance function by REML, with the AIC/LRT table.
   * Candidates: as given, else nlme's usual ones for the grouping factors and covariates.
   */
  'nlme.varianceStep': {
    params: z
      .object({
        datasetId,
        spec: modelSpecSchema,
        candidates: z.array(z.string().trim().min(1).max(2000)).min(1).max(40).optional(),
        groups: z.array(column).max(20).default([]),
        covariates: z.array(column).max(20).default([]),
      })
      .strict(),
    result: varianceStepSchema,
  },
  /** A page of one grouping factor's conditional modes (levels, values, condSd), for a fit with more levels than model.get carries. */
  'model.ranef': {
    params: z
      .object({
        fitId: id,
        group: z.string().min(1),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(MAX_RANEF_PAGE).default(RANEF_INLINE),
      })
      .strict(),
    result: ranefPageSchema,
  },
  /** The advisor's design check (issue 20): the data read against the model being built, each finding with its one-click fix. */
  'model.designCheck': {
    params: z
      .object({
        datasetId,
        formula: text('the formula'),
        family: z.enum(['gaussian', 'binomial', 'poisson', 'Gamma', 'inverse.gaussian']).optional(),
        /** The builder's row filter: check the rows the fit will use. */
        filter: expression.optional(),
      })
      .strict(),
    result: designCheckResultSchema,
  },
  /**
   * The advisor on a stored lme4 fit (issue 20): the convergence verdict (a fit that warned; its
   * optimizer runs spread over the workers) and the singular-fit sensitivity. A job: progress counts
   * the runs, job.cancel stops it; model.adviseResult waits for the advice.
   */
  'model.advise': { params: z.object({ fitId: id }).strict(), result: z.object({ jobId: z.string() }) },
  'model.adviseResult': { params: z.object({ jobId: z.string() }).strict(), result: fitAdviceSchema },
  /** X's and Z's first rows and a picture of Z's non-zeros, for Learn mode (issue 20); rebuilt in a worker. */
  'model.designMatrices': { params: z.object({ fitId: id }).strict(), result: designPreviewSchema },
  /** lme4's predict() for new rows typed by the user, with confidence or prediction intervals (issue 20); a job on the workers. */
  'model.predict': { params: predictParamsSchema.strict(), result: predictionsSchema },
  /** An effect plot (issue 17): the population prediction over one numeric predictor with its confidence band, a curve per level of `by`. */
  'model.effects': { params: effectsParamsSchema, result: effectsSchema },
} as const satisfies Record<string, MethodSpec>;

/** Events pushed to every connected renderer. */
export const apiEvents = {
  'job.progress': jobProgressSchema,
  'job.finished': jobStatusSchema,
  /** The open project changed from outside the renderer (menu, file association, another window). */
  'project.changed': projectInfoSchema.nullable(),
  /** A menu item the renderer acts on (Export, Undo/Redo of data edits, About...). */
  'menu.command': z.object({ command: menuCommandSchema }),
} as const satisfies Record<string, z.ZodType>;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export type EventName = keyof typeof apiEvents;
/** What a caller passes (defaults may be left out). */
export type ParamsIn<M extends MethodName> = z.input<ApiMethods[M]['params']>;
/** What a handler receives (after validation and defaults). */
export type Params<M extends MethodName> = z.output<ApiMethods[M]['params']>;
export type Result<M extends MethodName> = z.output<ApiMethods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]>;

export const methodNames = Object.keys(apiMethods) as MethodName[];
export const eventNames = Object.keys(apiEvents) as EventName[];

// names.ts must list exactly these methods and events (a compile error otherwise).
type Same<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
const _methodsListed: Same<(typeof METHOD_NAMES)[number], MethodName> = true;
const _eventsListed: Same<(typeof EVENT_NAMES)[number], EventName> = true;
void _methodsListed;
void _eventsListed;

export function isMethodName(s: string): s is MethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, s);
}
export function isEventName(s: string): s is EventName {
  return Object.prototype.hasOwnProperty.call(apiEvents, s);
}

/**
 * `POST /api/dataset.upload` (loopback HTTP only): a data file's raw bytes as the body, and in the
 * query the file's name (it tells the importer the format) with dataset.import's other options.
 * Answers as dataset.import does. The client's `api.upload(file, params)` sends it (clientUpload.ts).
 */
export const uploadParamsSchema = apiMethods['dataset.import'].params
  .omit({ source: true })
  .extend({ fileName: z.string().trim().min(1, 'give the file name as ?fileName=… (it tells the importer the format)').max(200) })
  .strict();
export type UploadParams = z.input<typeof uploadParamsSchema>;

/** One readable line from a zod failure, for a 400 answer: `spec.formula: the formula is empty`. */
export function describeZodError(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export * from './shapes';
export * from './exportShapes';
export * from './inferenceShapes';
export * from './batchShapes';
export * from './bayesShapes';
export * from './nlmeReportSchema';
export * from './tmbSchema';
export * from './advisorShapes';
export * from './predictShapes';
