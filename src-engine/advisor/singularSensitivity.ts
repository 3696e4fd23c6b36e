/**
 * "My fit is singular — what do I drop, and does it change my conclusions?" Name the degenerate
 * random-effects terms (a variance at zero, a correlation at ±1, a rank-deficient covariance by rePCA),
 * fit the simpler alternatives lme4 users try (drop the term, `||` for its correlations, intercept
 * only) and set their fixed effects, SEs and p-values beside the original's.
 */
import { type Table } from '../data/table';
import { type FitReport, type FixedEffectRow } from '../lmm/fitReport';
import { fitLmm, isGlmmSpec, type LmmRequest } from '../lmm/fitLmm';
import { rePCA, type TermPCA } from './rePCA';

export interface DegenerateTerm {
  group: string;
  terms: string[];
  kind: 'zero variance' | 'correlation ±1' | 'rank-deficient';
  /** The parameter concerned, as allFit names it ("Subject.Days", "Subject.Days.(Intercept)"). */
  parameter: string;
  detail: string;
}

export interface Alternative {
  label: string;
  formula: string;
  logLik: number;
  aic: number;
  singular: boolean;
  fixed: FixedEffectRow[];
  /** Every fixed effect is on the same side of p = 0.05 as in the original fit. */
  sameConclusions: boolean;
}

export interface SingularAdvice {
  terms: DegenerateTerm[];
  pca: TermPCA[];
  original: { formula: string; logLik: number; aic: number; fixed: FixedEffectRow[] };
  alternatives: Alternative[];
}

/** θ components below this are zero (lme4's isSingular tol = 1e-4), on rePCA's relative scale. */
const ZERO = 1e-4;
const CORR_ONE = 0.99;

export function singularSensitivity(table: Table, request: LmmRequest, fit: FitReport = fitLmm(table, request, { conditionalSds: false })): SingularAdvice {
  const scale = isGlmmSpec(request) ? 1 : fit.sigma;
  const pca = rePCA(fit.random, fit.correlations, scale);
  const terms: DegenerateTerm[] = [];
  for (const r of fit.random) {
    if (r.term !== null && r.sd / scale < ZERO) terms.push({ group: r.group, terms: [r.term], kind: 'zero variance', parameter: `${r.group}.${r.term}`, detail: `The variance of ${r.term} by ${r.group} is estimated as 0.` });
  }
  for (const c of fit.correlations) {
    if (Math.abs(c.corr) >= CORR_ONE) terms.push({ group: c.group, terms: [c.term1, c.term2], kind: 'correlation ±1', parameter: `${c.group}.${c.term2}.${c.term1}`, detail: `The correlation of ${c.term1} and ${c.term2} by ${c.group} is ${c.corr.toFixed(2)}.` });
  }
  for (const p of pca) {
    const flagged = terms.some((t) => t.group === p.group);
    if (!flagged && p.sdev.length > 1 && p.sdev[p.sdev.length - 1] < ZERO) {
      terms.push({ group: p.group, terms: p.terms, kind: 'rank-deficient', parameter: p.group, detail: `The covariance of ${p.terms.join(', ')} by ${p.group} has ${p.sdev.filter((d) => d < ZERO).length} of ${p.sdev.length} principal components at 0 (rePCA).` });
    }
  }
  const formulas = new Map<string, string>();
  for (const t of terms) for (const [label, formula] of alternativesFor(request.formula, t.group.replace(/\.\d+$/, ''))) if (![...formulas.values()].includes(formula)) formulas.set(label, formula);
  const alternatives: Alternative[] = [];
  for (const [label, formula] of formulas) {
    let alt: FitReport;
    try {
      alt = fitLmm(table, { ...request, formula }, { conditionalSds: false });
    } catch {
      continue; // e.g. no random term left: the fixed-only model is not a mixed model to compare
    }
    alternatives.push({ label, formula, logLik: alt.logLik, aic: alt.aic, singular: alt.singular, fixed: alt.fixed, sameConclusions: sameSide(fit.fixed, alt.fixed) });
  }
  return { terms, pca, original: { formula: request.formula, logLik: fit.logLik, aic: fit.aic, fixed: fit.fixed }, alternatives };
}

function sameSide(a: readonly FixedEffectRow[], b: readonly FixedEffectRow[]): boolean {
  return a.every((r) => {
    const o = b.find((x) => x.term === r.term);
    if (!o || r.pValue === null || o.pValue === null) return true;
    return r.pValue < 0.05 === o.pValue < 0.05;
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The simpler formulas for the terms grouped by `group`: drop, `||`, intercept only. */
export function alternativesFor(formula: string, group: string): [string, string][] {
  const re = new RegExp(`\\(\\s*([^()|]+?)\\s*(\\|\\|?)\\s*${escape(group)}\\s*\\)`);
  const m = re.exec(formula);
  if (!m) return [];
  const [whole, lhs, bar] = m;
  const out: [string, string][] = [];
  const dropped = formula.replace(new RegExp(`\\s*\\+\\s*${escape(whole)}|${escape(whole)}\\s*\\+\\s*`), '');
  if (dropped !== formula) out.push([`drop (${lhs} ${bar} ${group})`, dropped]);
  const slopes = lhs.split('+').map((s) => s.trim()).filter((s) => s !== '1' && s !== '0');
  if (slopes.length > 0 && bar === '|' && !/^0\b/.test(lhs.trim())) out.push([`uncorrelated (${lhs} || ${group})`, formula.replace(whole, `(${lhs} || ${group})`)]);
  if (slopes.length > 0) out.push([`intercept only (1 | ${group})`, formula.replace(whole, `(1 | ${group})`)]);
  return out;
}
