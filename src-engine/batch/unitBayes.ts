/**
 * The Bayesian refit of a separated unit: brms's model with the weakly informative normal(0, 2.5)
 * on b (the caller builds the model as `bayes.refitGlmm` does), sampled by NUTS with a seed fixed per
 * unit (the batch seed mixed with the unit's name), so a rerun, a resume or another shard gives the
 * same draws. glmer's result stays beside it: separation makes glmer's estimates run off to ±∞, the
 * prior keeps the posterior finite.
 */
import { fitBayes } from '../bayes/fitBayes';
import { type UserPrior } from '../bayes/model/priors';
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { fnv1a32 } from './shard';

/** What the batch asks for a separated unit (plain data: it travels to the workers with the request). */
export interface BatchBayesSettings {
  /** brms's formula and family for the unit's model (lme4 syntax; cbind(s, f) is binomial with trials). */
  formula: string;
  family: string;
  priors: UserPrior[];
  chains: number;
  /** Iterations per chain, warm-up (half) included, as brms's iter. */
  iter: number;
  /** The batch's seed; each unit's seed is this mixed with the unit's name. */
  seed: number;
}

export interface UnitBayesCoefficient {
  /** glmer's name of the coefficient ((Intercept), treatmentexposed, …), to sit beside its row. */
  term: string;
  estimate: number;
  estError: number;
  lower95: number;
  upper95: number;
  rhat: number | null;
  bulkEss: number | null;
  /** posterior's mcse_mean: the Monte Carlo error of estimate. */
  mcseMean: number | null;
}

export interface UnitBayes {
  seed: number;
  chains: number;
  iter: number;
  coefficients: UnitBayesCoefficient[];
  divergent: number;
  maxRhat: number | null;
  /** One plain-language line per sampler warning (divergences, Rhat > 1.01); empty when clean. */
  reasons: string[];
  /** The Bayesian fit itself failed (its message); the glmer result is kept regardless. */
  error: string | null;
}

export const unitSeed = (batchSeed: number, unit: string): number => (batchSeed ^ fnv1a32(unit)) >>> 0;

/** brms's fixed-effect label → glmer's coefficient name (brms writes Intercept for (Intercept)). */
const glmerTerm = (label: string) => (label === 'Intercept' ? '(Intercept)' : label);

export function fitUnitBayes(data: Table, unit: string, s: BatchBayesSettings, signal?: { readonly aborted: boolean }): UnitBayes {
  const seed = unitSeed(s.seed, unit);
  const base = { seed, chains: s.chains, iter: s.iter };
  try {
    const report = fitBayes(data, { formula: s.formula, family: s.family, priors: s.priors, chains: s.chains, iter: s.iter, seed }, signal ? { isCancelled: () => signal.aborted } : {});
    const coefficients = report.fixed.map((r) => ({
      term: glmerTerm(r.label), estimate: r.Estimate, estError: r['Est.Error'], lower95: r['l-95% CI'], upper95: r['u-95% CI'], rhat: r.Rhat, bulkEss: r.Bulk_ESS, mcseMean: r.mcseMean,
    }));
    const rhats = [...report.fixed, ...report.random.flatMap((g) => g.rows), ...report.spec].map((r) => r.Rhat).filter((x): x is number => x !== null && Number.isFinite(x));
    const maxRhat = rhats.length ? Math.max(...rhats) : null;
    const reasons: string[] = [];
    const divergent = report.sampler.divergent;
    if (divergent > 0) reasons.push(`The Bayesian refit had ${divergent} divergent transition${divergent === 1 ? '' : 's'} after warm-up: its posterior may be biased; refit the unit alone with a higher adapt_delta.`);
    if (maxRhat !== null && maxRhat > 1.01) reasons.push(`The Bayesian refit's chains disagree (largest Rhat ${maxRhat.toFixed(3)} > 1.01): run more iterations before using its estimates.`);
    return { ...base, coefficients, divergent, maxRhat, reasons, error: null };
  } catch (e) {
    if (!(e instanceof QuadratError) || e.kind === 'cancelled') throw e;
    return { ...base, coefficients: [], divergent: 0, maxRhat: null, reasons: [`The Bayesian refit failed: ${e.message}`], error: e.message };
  }
}
