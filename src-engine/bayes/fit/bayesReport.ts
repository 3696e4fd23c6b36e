/**
 * The serialisable report of a Bayesian fit (schema quadrat.bayes/1): brms's summary(fit) tables —
 * Group-Level Effects per grouping factor, Population-Level Effects, Family Specific Parameters —
 * with the columns brms prints, the prior table used (get_prior()'s rows), the HMC checks and
 * plain-language warnings.
 */
import { type PriorRow } from '../model/priors';
import { type BayesSettings } from './bayesRequest';

export const BAYES_SCHEMA = 'quadrat.bayes/1';

/** One row of brms's summary; numbers that posterior returns as NA are null. */
export interface BayesSummaryRow {
  /** brms's row name: Intercept, treatmentexposed, sd(Intercept), cor(Intercept,Days), sigma. */
  label: string;
  /** The draw's name: b_Intercept, sd_tank__Intercept, cor_Subject__Intercept__Days, sigma. */
  parameter: string;
  Estimate: number;
  'Est.Error': number;
  'l-95% CI': number;
  'u-95% CI': number;
  Rhat: number | null;
  Bulk_ESS: number | null;
  Tail_ESS: number | null;
  /** posterior's mcse_mean (not printed by brms; the Monte Carlo error of Estimate). */
  mcseMean: number | null;
  /** posterior's mcse_sd: the Monte Carlo error of Est.Error. */
  mcseSd: number | null;
}

export interface BayesGroupSummary {
  group: string;
  levels: number;
  rows: BayesSummaryRow[];
}

export interface BayesReport {
  schema: typeof BAYES_SCHEMA;
  formula: string;
  family: string;
  /** brms's Links line, e.g. "mu = logit" or "mu = identity; sigma = identity". */
  links: string;
  nobs: number;
  settings: BayesSettings;
  /** Post-warm-up draws over all chains. */
  totalDraws: number;
  random: BayesGroupSummary[];
  fixed: BayesSummaryRow[];
  spec: BayesSummaryRow[];
  priors: PriorRow[];
  sampler: {
    divergent: number;
    warmupDivergent: number;
    treedepthHits: number;
    maxTreedepth: number;
    ebfmi: number[];
    stepsize: number[];
    meanAcceptStat: number[];
  };
  warnings: string[];
  notes: string[];
  timing: { buildMs: number; chainMs: number[]; summaryMs: number; wallMs: number };
}
