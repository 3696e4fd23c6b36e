/**
 * lmerTest's Satterthwaite df beside nlme's containment df, for the lme() models lme4 can fit too: no
 * variance function, no correlation structure, nested random effects with a general (pdSymm/
 * pdLogChol) or diagonal (pdDiag) Ψ. The model is then the same lmer() model, so the df are lmerTest's
 * on that fit; with a variance or correlation structure there is no lmer twin and none are given.
 */
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { isQuadratError } from '../errors/quadratError';
import { addInference } from '../inference/reportInference';
import { fitDesign } from '../lmm/fitDesign';
import { buildReport } from '../lmm/report';
import { type CoefficientRow } from './report';
import { type NlmeSpec } from './spec/nlmeSpec';
import { parsePdList } from './spec/pdList';

export interface LmeSatterthwaite {
  /** The lmer() formula of the same model, whose lmerTest summary gives these df. */
  readonly lmerFormula: string;
  /** Per coefficient, in the order of the fixed-effects table. */
  readonly df: number[];
  readonly pValue: number[];
}

const GROUPS = /^\s*[A-Za-z.][A-Za-z0-9._]*(\s*\/\s*[A-Za-z.][A-Za-z0-9._]*)*\s*$/;

/** lme's random part as an lme4 bar term: `~ age | Subject` → `(age | Subject)`; pdDiag → `||`; null if none exists. */
export function lmerBarOf(random: string): string | null {
  const pd = parsePdList(random);
  if (pd) return `(${pd.form.slice(1).trim() || '1'} ${pd.pdClass === 'pdDiag' ? '||' : '|'} ${pd.group})`;
  const s = random.trim();
  const bar = s.lastIndexOf('|');
  if (!s.startsWith('~') || bar < 0) return null;
  const groups = s.slice(bar + 1);
  if (!GROUPS.test(groups)) return null;
  return `(${s.slice(1, bar).trim() || '1'} | ${groups.trim().replace(/\s*\/\s*/g, '/')})`;
}

/** The lmer() formula of an lme() spec, or null when the model has no lme4 twin. */
export function lmerFormulaOf(spec: NlmeSpec): string | null {
  if (!spec.random || spec.weights || spec.correlation) return null;
  const bar = lmerBarOf(spec.random);
  return bar ? `${spec.fixed.trim()} + ${bar}` : null;
}

/**
 * The Satterthwaite df of an lme() fit, from lmerTest's computation on the lmer() twin; null when
 * there is none, or when the twin's estimates differ from lme's (the optimizers stopped apart, so the
 * df would describe another fit).
 */
export function lmeSatterthwaite(table: Table, spec: NlmeSpec, coefficients: readonly CoefficientRow[]): LmeSatterthwaite | null {
  const lmerFormula = lmerFormulaOf(spec);
  if (!lmerFormula) return null;
  let report;
  try {
    const design = buildDesign(table, lmerFormula, { factors: spec.factors ?? [] });
    const fit = fitDesign(design, (spec.method ?? 'REML') === 'REML');
    report = buildReport(fit, lmerFormula, 0);
    addInference(report, fit, { ddf: 'satterthwaite' });
  } catch (e) {
    // the twin is an extra: a model lme4 refuses (e.g. more random effects than observations) has none
    if (isQuadratError(e)) return null;
    throw e;
  }
  if (report.fixed.length !== coefficients.length) return null;
  for (let j = 0; j < coefficients.length; j++) {
    const a = report.fixed[j];
    const b = coefficients[j];
    if (a.term !== b.term || Math.abs(a.estimate - b.estimate) > 1e-3 * b.stdError || a.df == null) return null;
  }
  return { lmerFormula, df: report.fixed.map((f) => f.df!), pValue: report.fixed.map((f) => f.pValue!) };
}
