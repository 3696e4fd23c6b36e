/** Confidence intervals as lme4's confint(m, oldNames = FALSE), as an APA table. */
import { levelPercent } from '../format';
import { type ReportTable } from '../tableModel';

export interface ConfintInput {
  method: 'wald' | 'profile' | 'boot';
  level: number;
  /** Bootstrap only. */
  nsim?: number | null;
  seed?: number | null;
  /** sd_…|group, cor_…|group, sigma, then the fixed effects; null where there is no interval. */
  rows: { term: string; estimate: number | null; lower: number | null; upper: number | null }[];
}

const METHOD = {
  profile: 'Profile-likelihood intervals (computed on the maximum-likelihood fit, as lme4 does)',
  wald: 'Wald intervals (estimate ± z·SE) for the fixed effects; the variance parameters have none',
  boot: 'Parametric-bootstrap percentile intervals',
} as const;

/** lme4's parameter names read aloud: sd_(Intercept)|Subject → "SD (Intercept) | Subject". */
function parameterLabel(term: string): string {
  const m = /^(sd|cor)_(.*)\|(.*)$/.exec(term);
  if (m) return `${m[1] === 'sd' ? 'SD' : 'Correlation'} ${m[2]} | ${m[3]}`;
  return term === 'sigma' ? 'Residual SD (σ)' : term;
}

export function confintTable(c: ConfintInput): ReportTable {
  const pct = levelPercent(c.level);
  const boot = c.method === 'boot' && c.nsim ? ` from ${c.nsim} simulations (seed ${c.seed ?? 1})` : '';
  return {
    id: 'confint',
    title: 'Parameter Estimates With Confidence Intervals',
    columns: [
      { key: 'term', label: ['Parameter'], kind: 'text' },
      { key: 'estimate', label: ['Estimate'], kind: 'number' },
      { key: 'lower', label: [`${pct}% CI lower`], kind: 'number' },
      { key: 'upper', label: [`${pct}% CI upper`], kind: 'number' },
    ],
    rows: c.rows.map((r) => [parameterLabel(r.term), r.estimate, r.lower, r.upper]),
    notes: [[`${METHOD[c.method]}${boot}.`]],
  };
}
