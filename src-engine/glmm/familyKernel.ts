/**
 * The per-observation work of a PIRLS iteration — μ and the deviance at a candidate η, then the
 * working weights and residuals — as one loop each. For glmer's two commonest models (binomial-logit
 * and Poisson-log) dμ/dη comes out of the same exp(η) as μ, so it is kept from the deviance pass
 * instead of being recomputed; every other family and link goes through the Family and Link objects.
 *
 * Bit for bit the same numbers as family.ts and link.ts: the fused loops write the same expressions
 * (R's, as there) with the same constants, and test/engine/glmm/familyKernel.test.ts compares them
 * with the generic path over η at and beyond the links' clamps.
 */
import { type Family, type GlmResponse } from './family';

export interface FamilyKernel {
  /**
   * Σ devres(y, μ) at η, filling μ and dμ/dη; NaN (and the arrays partly filled) when an η is not
   * finite or a μ leaves the family's range (only μ is checked, as lme4's PIRLS: under the sqrt link a
   * negative η still gives a valid μ = η²).
   */
  deviance(eta: Float64Array, mu: Float64Array, dmu: Float64Array): number;
  /** Working weights W = w (dμ/dη)² / V(μ) and residuals (y − μ)/(dμ/dη) at the η, μ, dμ/dη of deviance(). */
  working(eta: Float64Array, mu: Float64Array, dmu: Float64Array, W: Float64Array, work: Float64Array): void;
}

/** R's DOUBLE_EPS and the logit link's clamp (link.ts). */
const EPS = 2.220446049250313e-16;
const LOGIT_THRESH = 30;

export function familyKernel(family: Family, resp: GlmResponse): FamilyKernel {
  const key = `${family.name}/${family.link.name}`;
  if (key === 'binomial/logit') return binomialLogit(resp);
  if (key === 'poisson/log') return poissonLog(resp);
  return generic(family, resp);
}

function generic(family: Family, resp: GlmResponse): FamilyKernel {
  const { link } = family;
  const { y, weights } = resp;
  return {
    deviance(eta, mu) {
      let s = 0;
      for (let i = 0; i < eta.length; i++) {
        if (!Number.isFinite(eta[i])) return NaN;
        const m = link.linkinv(eta[i]);
        if (!family.validMu(m)) return NaN;
        mu[i] = m;
        s += family.devResid(y[i], m, weights[i]);
      }
      return s;
    },
    working(eta, mu, _dmu, W, work) {
      for (let i = 0; i < eta.length; i++) {
        const d = link.muEta(eta[i]);
        W[i] = (weights[i] * d * d) / family.variance(mu[i]);
        work[i] = (y[i] - mu[i]) / d;
      }
    },
  };
}

const ylogy = (y: number, mu: number) => (y === 0 ? 0 : y * Math.log(y / mu));

function binomialLogit(resp: GlmResponse): FamilyKernel {
  const { y, weights } = resp;
  return {
    deviance(eta, mu, dmu) {
      let s = 0;
      for (let i = 0; i < eta.length; i++) {
        const e = eta[i];
        if (!Number.isFinite(e)) return NaN;
        let m: number;
        if (e < -LOGIT_THRESH) {
          m = EPS / (1 + EPS);
          dmu[i] = EPS;
        } else if (e > LOGIT_THRESH) {
          m = 1 / EPS / (1 + 1 / EPS);
          dmu[i] = EPS;
        } else {
          const t = Math.exp(e);
          m = t / (1 + t);
          dmu[i] = t / ((1 + t) * (1 + t));
        }
        if (!(Number.isFinite(m) && m > 0 && m < 1)) return NaN;
        mu[i] = m;
        s += 2 * weights[i] * (ylogy(y[i], m) + ylogy(1 - y[i], 1 - m));
      }
      return s;
    },
    working(eta, mu, dmu, W, work) {
      for (let i = 0; i < eta.length; i++) {
        const d = dmu[i];
        const m = mu[i];
        W[i] = (weights[i] * d * d) / (m * (1 - m));
        work[i] = (y[i] - m) / d;
      }
    },
  };
}

function poissonLog(resp: GlmResponse): FamilyKernel {
  const { y, weights } = resp;
  return {
    deviance(eta, mu, dmu) {
      let s = 0;
      for (let i = 0; i < eta.length; i++) {
        const e = eta[i];
        if (!Number.isFinite(e)) return NaN;
        const m = Math.max(Math.exp(e), EPS); // linkinv and muEta alike
        if (!(Number.isFinite(m) && m > 0)) return NaN;
        mu[i] = m;
        dmu[i] = m;
        const yi = y[i];
        const wt = weights[i];
        s += 2 * (yi > 0 ? wt * (yi * Math.log(yi / m) - (yi - m)) : m * wt);
      }
      return s;
    },
    working(eta, mu, dmu, W, work) {
      for (let i = 0; i < eta.length; i++) {
        const d = dmu[i];
        const m = mu[i];
        W[i] = (weights[i] * d * d) / m;
        work[i] = (y[i] - m) / d;
      }
    },
  };
}
