/**
 * The count-model chooser (issue 13): the candidates fitted for one count response and formula, and
 * the table and one-sentence recommendation made from their fits. The rule: the lowest AIC wins
 * unless a candidate within 2 AIC units of it has fewer parameters (then the simplest of those, as
 * models within 2 units are equally supported, Burnham & Anderson); a candidate whose simulated
 * residuals still show a dispersion or zero-inflation problem (DHARMa's tests, p < 0.05) is passed
 * over when one without a problem is within that range, and the sentence says so when none is.
 */

export interface CountCandidate {
  label: string;
  /** glmmTMB's family */
  family: 'poisson' | 'nbinom2' | 'nbinom1' | 'truncated_poisson' | 'truncated_nbinom2';
  /** the zero part ("~0": none; with a truncated family the hurdle's zero model) */
  ziformula: string;
  /** the dispersion model: the user's for the negative binomials, "~1" for them otherwise; the Poissons have none ("~1") */
  dispformula: string;
  /** what the label means, for the table */
  description: string;
}

/**
 * Poisson, NB2, NB1, ZIP, ZINB, hurdle Poisson and hurdle NB2, with `zero` as the zero part (glmmTMB's
 * ziformula) and `disp` as the negative binomials' dispersion formula (glmmTMB's dispformula; a
 * Poisson has no dispersion parameter, so glmmTMB ignores it there and so do the Poisson candidates).
 */
export function countCandidates(zero = '~1', disp = '~1'): CountCandidate[] {
  const d = disp.replace(/\s/g, '') === '~1' ? '~1' : disp.trim();
  const withDisp = (c: Omit<CountCandidate, 'dispformula'>): CountCandidate =>
    c.family.startsWith('truncated_nbinom') || c.family.startsWith('nbinom')
      ? { ...c, dispformula: d, description: d === '~1' ? c.description : `${c.description}, dispersion ${d}` }
      : { ...c, dispformula: '~1' };
  return ([
    { label: 'Poisson', family: 'poisson', ziformula: '~0', description: 'Poisson (glmer)' },
    { label: 'NB2', family: 'nbinom2', ziformula: '~0', description: 'negative binomial, Var = μ(1 + μ/φ)' },
    { label: 'NB1', family: 'nbinom1', ziformula: '~0', description: 'negative binomial, Var = μ(1 + φ)' },
    { label: 'ZIP', family: 'poisson', ziformula: zero, description: `zero-inflated Poisson, zi ${zero}` },
    { label: 'ZINB', family: 'nbinom2', ziformula: zero, description: `zero-inflated NB2, zi ${zero}` },
    { label: 'hurdle Poisson', family: 'truncated_poisson', ziformula: zero, description: `truncated Poisson with a zero model ${zero}` },
    { label: 'hurdle NB2', family: 'truncated_nbinom2', ziformula: zero, description: `truncated NB2 with a zero model ${zero}` },
  ] as const).map(withDisp);
}

export interface CandidateFit {
  label: string;
  /** null when the fit failed */
  aic: number | null;
  logLik: number | null;
  df: number | null;
  converged: boolean;
  /** DHARMa's p-values from the simulated residuals (null: not available) */
  dispersionP: number | null;
  dispersionRatio: number | null;
  zeroP: number | null;
  zeroRatio: number | null;
  /** the fit's error, when it failed */
  error?: string;
}

export interface ChooserRow extends CandidateFit {
  deltaAIC: number | null;
  /** a dispersion or zero-inflation problem in the simulated residuals */
  problem: string | null;
}

export interface ChooserResult {
  /** by AIC, failed fits last */
  rows: ChooserRow[];
  recommended: string | null;
  recommendation: string;
}

const ALPHA = 0.05;
const EQUAL_SUPPORT = 2;

function problemOf(c: CandidateFit): string | null {
  const out: string[] = [];
  if (c.dispersionP !== null && c.dispersionP < ALPHA) out.push(c.dispersionRatio !== null && c.dispersionRatio < 1 ? 'underdispersion' : 'overdispersion');
  if (c.zeroP !== null && c.zeroP < ALPHA) out.push(c.zeroRatio !== null && c.zeroRatio < 1 ? 'too few zeros' : 'too many zeros');
  return out.length ? out.join(' and ') : null;
}

const fmt = (x: number) => x.toFixed(1);

export function chooseCount(fits: CandidateFit[]): ChooserResult {
  const ok = fits.filter((f) => f.aic !== null && Number.isFinite(f.aic) && f.converged);
  const best = Math.min(...ok.map((f) => f.aic!));
  const rows: ChooserRow[] = fits
    .map((f) => ({ ...f, deltaAIC: f.aic !== null && Number.isFinite(f.aic) ? f.aic - best : null, problem: problemOf(f) }))
    .sort((a, b) => (a.deltaAIC ?? Infinity) - (b.deltaAIC ?? Infinity));
  if (ok.length === 0) return { rows, recommended: null, recommendation: 'No candidate converged, so none can be recommended; check the formula and the data.' };
  const usable = rows.filter((r) => ok.some((f) => f.label === r.label));
  const near = usable.filter((r) => r.deltaAIC! <= EQUAL_SUPPORT);
  const clean = near.filter((r) => !r.problem);
  const pool = clean.length ? clean : near;
  // the simplest of the equally supported, ties by AIC
  const pick = [...pool].sort((a, b) => (a.df ?? Infinity) - (b.df ?? Infinity) || a.deltaAIC! - b.deltaAIC!)[0];
  const next = usable.find((r) => r !== pick);
  let reason: string;
  if (pick.deltaAIC === 0) reason = next ? `it has the lowest AIC (${fmt(next.deltaAIC!)} below ${next.label})` : 'it is the only candidate that converged';
  else {
    const lowest = usable[0];
    const fewer = (lowest.df ?? 0) - (pick.df ?? 0);
    reason = fewer > 0
      ? `it is within ${fmt(pick.deltaAIC!)} AIC units of the lowest (${lowest.label}) with ${fewer} fewer parameter${fewer === 1 ? '' : 's'}`
      : `it is within ${fmt(pick.deltaAIC!)} AIC units of the lowest (${lowest.label}), whose simulated residuals show ${lowest.problem}`;
  }
  if (pool !== clean || clean.length === 0) reason += `, but its simulated residuals still show ${pick.problem}, so consider another model`;
  else if (pick.dispersionP !== null || pick.zeroP !== null) reason += ', and its simulated residuals show no dispersion or zero-inflation problem';
  return { rows, recommended: pick.label, recommendation: `${pick.label}: ${reason}.` };
}

/** What a candidate's stored report gives the table: glmmTMB fits carry tmb.simulated, glmer's Poisson glmm.simulated. */
interface ReportLike {
  aic: number;
  logLik: number;
  converged: boolean;
  fixed: readonly unknown[];
  theta: readonly unknown[];
  tmb?: { npar: number; simulated?: SimTests | null };
  glmm?: { simulated: SimTests | null };
}
interface SimTests { dispersion: { ratio: number; pValue: number }; zeroInflation: { ratio: number; pValue: number } | null }

/** Why a candidate has no AIC: glmmTMB's logLik() is NA without a positive-definite Hessian. */
export const NO_LOGLIK = 'logLik is NA (the Hessian is not positive definite), so there is no AIC';

export function candidateFromReport(label: string, r: ReportLike): CandidateFit {
  const sim = r.tmb ? r.tmb.simulated : r.glmm?.simulated;
  // NaN in a report made here, null in one read back from the store
  const aic = r.aic as number | null;
  if (aic === null || !Number.isFinite(aic)) {
    return { label, aic: null, logLik: null, df: r.tmb ? r.tmb.npar : null, converged: r.converged, dispersionP: null, dispersionRatio: null, zeroP: null, zeroRatio: null, error: NO_LOGLIK };
  }
  return {
    label, aic: r.aic, logLik: r.logLik,
    // logLik's df: glmmTMB's npar; glmer's fixed effects and variance parameters
    df: r.tmb ? r.tmb.npar : r.fixed.length + r.theta.length,
    converged: r.converged,
    dispersionP: sim?.dispersion.pValue ?? null, dispersionRatio: sim?.dispersion.ratio ?? null,
    zeroP: sim?.zeroInflation?.pValue ?? null, zeroRatio: sim?.zeroInflation?.ratio ?? null,
  };
}
