/**
 * Advice on how a count-model fit ended: glmmTMB's convergence warnings (non-positive-definite
 * Hessian, extreme eigenvalues, an optimizer that stopped short such as nlminb's "false convergence")
 * and singular random effects, in plain language with what to try. The suspects are named from the
 * fit itself: random-effect SDs at zero, correlations at ±1, random slopes, and zero-inflation or
 * dispersion coefficients running off towards ±∞ (|estimate| > 10 on the logit or log scale, where
 * the probability or the dispersion is already at its limit).
 */
import { type TmbWarning } from '../../tmb/convergenceWarnings';
import { type CountFinding } from './countFinding';

/** An SD below this (on the link scale, as lme4's isSingular reads θ of a GLMM) is a variance at zero. */
export const SINGULAR_SD = 1e-4;
/** A correlation this close to ±1 is at the boundary (as singularSensitivity.ts). */
export const SINGULAR_CORR = 0.99;
/** A zero-inflation (logit) or dispersion (log) coefficient this large is an infinite one in practice. */
const RUNAWAY = 10;

export interface FitAdviceInput {
  warnings: readonly TmbWarning[];
  converged: boolean;
  random: readonly { group: string; term: string; sd: number; component: 'cond' | 'zi' }[];
  correlations: readonly { group: string; term1: string; term2: string; corr: number; component: 'cond' | 'zi' }[];
  zi: readonly { term: string; estimate: number }[];
  disp: readonly { term: string; estimate: number }[];
}

const where = (c: 'cond' | 'zi') => (c === 'zi' ? ' (zero-inflation)' : '');
const g4 = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toPrecision(2));

/** The parameters the data cannot pin down, named for the advice. */
function suspects(x: FitAdviceInput): string[] {
  const out: string[] = [];
  for (const r of x.random) if (r.sd < SINGULAR_SD) out.push(`the SD of ${r.term} within ${r.group}${where(r.component)} is ${g4(r.sd)}, at zero`);
  for (const c of x.correlations) if (Math.abs(c.corr) >= SINGULAR_CORR) out.push(`the correlation of ${c.term1} and ${c.term2} within ${c.group}${where(c.component)} is ${c.corr.toFixed(3)}, at ±1`);
  const slopes = [...new Set(x.random.filter((r) => r.term !== '(Intercept)').map((r) => `${r.term} within ${r.group}${where(r.component)}`))];
  if (slopes.length) out.push(`the random slope${slopes.length > 1 ? 's' : ''} of ${slopes.join(', ')}: a slope needs its variable to vary within each group (a site-level factor such as mined cannot have a slope within site)`);
  for (const r of x.zi) if (Math.abs(r.estimate) > RUNAWAY) out.push(`the zero-part coefficient ${r.term} is ${r.estimate.toFixed(1)} on the logit scale (a probability of ${r.estimate > 0 ? '1' : '0'}): a group with ${r.estimate > 0 ? 'only zeros' : 'no zeros'}`);
  for (const r of x.disp) if (Math.abs(r.estimate) > RUNAWAY) out.push(`the dispersion coefficient ${r.term} is ${r.estimate.toFixed(1)} on the log scale: its dispersion is at a limit`);
  return out;
}

function suspectText(s: string[]): string {
  return s.length ? ` In this fit: ${s.join('; ')}.` : '';
}

function hessian(w: TmbWarning, s: string[]): CountFinding {
  return {
    code: 'non-pd-hessian',
    severity: 'warning',
    title: 'No clear optimum: the Hessian is not positive definite',
    meaning: `glmmTMB warns: “${w.message}”. In some direction the log-likelihood is flat or curves the wrong way, so at least one parameter is not determined by the data. ` +
      'glmmTMB then gives no log-likelihood (logLik, AIC and BIC are NA) and some standard errors are NA or cannot be trusted; do not compare this fit by AIC.',
    action: 'Simplify the part of the model that is not determined: drop a random slope or a random term whose variance is at zero, remove a zero-inflation or dispersion term for ' +
      'a group with only zeros or none, or merge sparse factor levels; then refit.' + suspectText(s),
    fixes: [],
  };
}

function eigen(w: TmbWarning, s: string[]): CountFinding {
  return {
    code: 'small-eigenvalues',
    severity: 'warning',
    title: 'A combination of parameters is hardly determined',
    meaning: `glmmTMB warns: “${w.message}”. The fit found an optimum, but along one direction it is so flat that the standard errors there are enormous or unreliable.`,
    action: 'Look for a coefficient running off towards ±∞ (separation, often in the zero-inflation model) or two terms that describe the same thing, and remove one.' + suspectText(s),
    fixes: [],
  };
}

function optimizer(message: string, s: string[]): CountFinding {
  return {
    code: 'false-convergence',
    severity: 'warning',
    title: 'The optimizer stopped before it converged',
    meaning: `${message} (glmmTMB's nlminb reports this as “false convergence (8)” or an iteration limit). The estimates may not be the maximum-likelihood ones, so neither they nor the AIC can be trusted yet.`,
    action: 'Centre and scale numeric predictors (scale(x): the design check offers it), simplify the random effects or the zero part, and check the data for extreme counts; then refit.' + suspectText(s),
    fixes: [],
  };
}

function singular(x: FitAdviceInput): CountFinding | null {
  const zero = x.random.filter((r) => r.sd < SINGULAR_SD).map((r) => `${r.term} within ${r.group}${where(r.component)} (SD ${g4(r.sd)})`);
  const edge = x.correlations.filter((c) => Math.abs(c.corr) >= SINGULAR_CORR).map((c) => `${c.term1} with ${c.term2} within ${c.group}${where(c.component)} (${c.corr.toFixed(3)})`);
  if (!zero.length && !edge.length) return null;
  return {
    code: 'singular',
    severity: 'warning',
    title: 'Singular fit: a random effect is at the boundary',
    meaning: [zero.length ? `Variance at zero: ${zero.join(', ')}.` : '', edge.length ? `Correlation at ±1: ${edge.join(', ')}.` : ''].filter(Boolean).join(' ') +
      ' The data show no variation between groups there (or too little to estimate it), so the model is more complex than the data support; glmmTMB does not warn about this, lme4 would.',
    action: edge.length
      ? 'Drop the correlation (write the term with ||), or the random slope; compare the simpler model by AIC. The fixed effects usually change little.'
      : 'Drop the term whose variance is zero (the fixed effects barely change), or keep it if the design requires it and report the variance as zero.',
    fixes: [],
  };
}

export function fitAdvice(x: FitAdviceInput): CountFinding[] {
  const s = suspects(x);
  const out: CountFinding[] = [];
  for (const w of x.warnings) {
    if (w.code === 'non-pd-hessian') out.push(hessian(w, s));
    else if (w.code === 'small-eigenvalues') out.push(eigen(w, s));
    else out.push(optimizer(w.message, s));
  }
  if (!x.converged && !x.warnings.some((w) => w.code === 'optimizer')) out.push(optimizer('The optimizer stopped before it converged.', s));
  const sing = singular(x);
  if (sing) out.push(sing);
  return out;
}
