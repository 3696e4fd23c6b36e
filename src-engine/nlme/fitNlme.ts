/**
 * The engine's entry point for nlme models: fitNlme(table, spec) fits gls() (no `random`) or lme()
 * and returns a serialisable report (report.ts). The spec uses nlme's own syntax (spec/nlmeSpec.ts).
 */
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { buildModel } from './buildModel';
import { logLikelihood } from './likelihood';
import { type NlmeModel } from './model';
import { optimizeModel, type OptimizeControl, type Optimum } from './optimize';
import { type ApVar, approximateVariance, nlmeIntervals, type NlmeIntervals } from './intervals';
import { buildReport, type NlmeReport } from './report';
import { lmeSatterthwaite, type LmeSatterthwaite } from './satterthwaite';
import { type NlmeSpec } from './spec/nlmeSpec';

export interface NlmeFit {
  readonly spec: NlmeSpec;
  readonly model: NlmeModel;
  readonly optimum: Optimum;
  readonly report: NlmeReport;
  /** nlme's apVar (intervals.ts), computed in the fit as lme() and gls() do. */
  readonly apVar: ApVar;
  /** lmerTest's Satterthwaite df when the lme() model has an lmer() twin (satterthwaite.ts); else null. */
  readonly satterthwaite: LmeSatterthwaite | null;
}

/**
 * nlme's starting Ψ (Initialize.reStruct, before its EM iterations): diagonal, each Ψ_jj⁻¹ =
 * 0.375² Σ_i z_ij² / (the level's number of groups), on the log-Cholesky scale (off-diagonals 0).
 * On the scale of the data, unlike Ψ = I: a slope on an uncentred covariate starts small.
 */
function reStart(model: NlmeModel): number[] {
  const n = model.frame.n;
  return model.reLevels.flatMap((lev) => {
    const k = lev.terms.length;
    const groups = new Set(lev.codes).size;
    const diag = Array.from({ length: k }, (_, j) => {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += lev.z[i * k + j] ** 2;
      return ss > 0 ? -0.5 * Math.log((0.375 ** 2 * ss) / groups) : 0;
    });
    return lev.diagonal ? diag : [...diag, ...new Array<number>((k * (k - 1)) / 2).fill(0)];
  });
}

/** Starting values: each structure's nlme default, and nlme's starting Ψ. */
function startingValues(model: NlmeModel): number[] {
  const re = reStart(model);
  const v = model.varFunc?.start() ?? [];
  const cor = model.corStruct;
  const candidates = [cor?.start() ?? [], ...(cor?.starts?.() ?? [])];
  let best = [...v, ...candidates[0], ...re];
  if (candidates.length > 1 && !model.varFunc?.usesFitted) {
    let bestLl = logLikelihood(model, Float64Array.from(best), undefined);
    for (const c of candidates.slice(1)) {
      const x = [...v, ...c, ...re];
      const ll = logLikelihood(model, Float64Array.from(x), undefined);
      if (ll > bestLl) [best, bestLl] = [x, ll];
    }
  }
  return best;
}

export function fitNlmeModel(model: NlmeModel, spec: NlmeSpec, control: OptimizeControl = {}): NlmeFit {
  const optimum = optimizeModel(model, startingValues(model), control);
  const report = buildReport(model, optimum);
  return { spec, model, optimum, report, apVar: approximateVariance(model, optimum, report.sigma), satterthwaite: null };
}

/** intervals(fit, level): fixed effects, σ, and the variance/correlation/random-effects parameters. */
export function intervals(fit: NlmeFit, level = 0.95): NlmeIntervals {
  if (!(level > 0 && level < 1)) throw new QuadratError('input', `The confidence level must be between 0 and 1 (got ${level}).`);
  return nlmeIntervals(fit.model, fit.apVar, fit.report.coefficients, fit.report.sigma, level);
}

export function fitNlme(table: Table, spec: NlmeSpec, control: OptimizeControl = {}): NlmeFit {
  if (!spec || typeof spec.fixed !== 'string' || !spec.fixed.includes('~')) {
    throw new QuadratError('input', 'The model needs a fixed-effects formula such as "distance ~ age".');
  }
  const fit = fitNlmeModel(buildModel(table, spec), spec, control);
  return { ...fit, satterthwaite: lmeSatterthwaite(table, spec, fit.report.coefficients) };
}
