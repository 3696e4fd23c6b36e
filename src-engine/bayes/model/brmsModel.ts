/**
 * A brms model as a LogDensity on Stan's unconstrained space, parameters in the order of brms's
 * generated `parameters` block: b (Kc), Intercept, sigma | shape, then per group-level term sd (M),
 * z (uncorrelated: `vector[N] z[M]`, coefficient-major; correlated: `matrix[M, N] z`, level-major)
 * and the Cholesky factor L of its correlation matrix (cholesky_factor_corr, M(M−1)/2 values).
 * η = Intercept + Xc·b + Σ Z·r with r = (diag(sd)·L·z)ᵀ; log density = likelihood + priors
 * (+ brms's truncation terms for bounded parameters) + N(0, 1) on z + log-Jacobians, as Stan's
 * log_prob(adjust_transform = TRUE). The gradient is accumulated by hand in preallocated workspaces.
 */
import { type LogDensity } from '../logDensity';
import { type BrmsData } from './brmsDesign';
import { type BrmsFamily } from './brmsFamily';
import { CholeskyCorr, lkjCholesky, lkjLogConstant } from './choleskyCorr';
import { Likelihood } from './likelihood';
import { priorDlpdf, priorLpdf, truncationLogMass, type PriorDist } from './priorDistribution';
import { type ResolvedPriors } from './priors';
import { constrain, POSITIVE, type Bounds, type Constrained } from './transform';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** One group-level term with its offsets in q and its workspaces. */
interface TermState {
  readonly M: number;
  readonly N: number;
  readonly refs: Int32Array;
  readonly Z: Float64Array;
  readonly cor: boolean;
  readonly sdAt: number;
  readonly zAt: number;
  /** Offset of L's unconstrained values, or −1. */
  readonly LAt: number;
  readonly sdPriors: readonly PriorDist[];
  readonly chol: CholeskyCorr | undefined;
  readonly eta: number;
  readonly sd: Float64Array;
  /** r, N × M row-major (level-major), and its gradient. */
  readonly r: Float64Array;
  readonly gr: Float64Array;
  /** Correlated: w = L z per level (N × M), and ∂/∂L. */
  readonly w: Float64Array;
  readonly gL: Float64Array;
}

export interface ParameterBlock {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

export class BrmsModel implements LogDensity {
  readonly dim: number;
  readonly data: BrmsData;
  readonly family: BrmsFamily;
  readonly priors: ResolvedPriors;
  /** Where each Stan parameter sits in q (b, Intercept, sigma/shape, sd_1, z_1, L_1, …). */
  readonly blocks: readonly ParameterBlock[];
  readonly Kc: number;
  readonly interceptAt: number;
  readonly dparAt: number;
  readonly terms: readonly TermState[];
  private readonly like: Likelihood;
  /** Σ of the prior terms that do not depend on q (brms's truncation corrections, LKJ constants). */
  private readonly constant: number;
  private readonly eta: Float64Array;
  private readonly g: Float64Array;
  private readonly b: Float64Array;
  private readonly bDx: Float64Array;
  private readonly c: Constrained = { x: 0, logJ: 0, dLogJ: 0, dx: 0 };

  constructor(data: BrmsData, family: BrmsFamily, priors: ResolvedPriors) {
    this.data = data;
    this.family = family;
    this.priors = priors;
    const blocks: ParameterBlock[] = [];
    let at = 0;
    const block = (name: string, length: number) => {
      blocks.push({ name, offset: at, length });
      at += length;
      return at - length;
    };
    this.Kc = data.bNames.length;
    if (this.Kc) block('b', this.Kc);
    this.interceptAt = data.hasIntercept ? block('Intercept', 1) : -1;
    this.dparAt = family.dpar ? block(family.dpar, 1) : -1;
    let constant = 0;
    priors.b.forEach((d) => (constant -= truncationLogMass(d, priors.bBounds.lb, priors.bBounds.ub)));
    if (data.hasIntercept) constant -= truncationLogMass(priors.Intercept, priors.interceptBounds.lb, priors.interceptBounds.ub);
    if (priors.dpar) constant -= truncationLogMass(priors.dpar, 0, undefined);
    this.terms = data.terms.map((t, k) => {
      const M = t.coefNames.length;
      const N = t.levels.length;
      const sdAt = block(`sd_${k + 1}`, M);
      const zAt = block(`z_${k + 1}`, M * N);
      const correlated = t.cor && M > 1;
      const chol = correlated ? new CholeskyCorr(M) : undefined;
      const LAt = chol ? block(`L_${k + 1}`, chol.dim) : -1;
      for (const d of priors.sd[k]) constant -= truncationLogMass(d, 0, undefined);
      const eta = priors.corEta[k];
      const lkjConst = chol ? lkjLogConstant(eta, M) : 0;
      constant += lkjConst - LOG_SQRT_2PI * M * N;
      return {
        M, N, refs: t.refs, Z: t.Z, cor: correlated, sdAt, zAt, LAt, sdPriors: priors.sd[k], chol, eta,
        sd: new Float64Array(M), r: new Float64Array(N * M), gr: new Float64Array(N * M), w: new Float64Array(N * M), gL: new Float64Array(M * M),
      };
    });
    this.constant = constant;
    this.blocks = blocks;
    this.dim = at;
    this.like = new Likelihood(family, data.y, data.trials);
    this.eta = new Float64Array(data.n);
    this.g = new Float64Array(data.n);
    this.b = new Float64Array(this.Kc);
    this.bDx = new Float64Array(this.Kc);
  }

  /** Constrain a scalar with a prior; adds ∂(prior + logJ)/∂u to grad[i] except the chain factor for the likelihood (returned in c.dx). */
  private scalar(q: Float64Array, i: number, bounds: Bounds, prior: PriorDist, grad: Float64Array): number {
    const c = this.c;
    constrain(bounds, q[i], c);
    grad[i] += priorDlpdf(prior, c.x) * c.dx + c.dLogJ;
    return priorLpdf(prior, c.x) + c.logJ;
  }

  logDensityGradient(q: Float64Array, grad: Float64Array): number {
    grad.fill(0);
    const { data, priors, eta, g, b, bDx, Kc } = this;
    const n = data.n;
    let lp = this.constant;

    for (let k = 0; k < Kc; k++) {
      lp += this.scalar(q, k, priors.bBounds, priors.b[k], grad);
      b[k] = this.c.x;
      bDx[k] = this.c.dx;
    }
    let intercept = 0;
    let interceptDx = 0;
    if (this.interceptAt >= 0) {
      lp += this.scalar(q, this.interceptAt, priors.interceptBounds, priors.Intercept, grad);
      intercept = this.c.x;
      interceptDx = this.c.dx;
    }
    let dpar = NaN;
    let dparDx = 0;
    if (this.dparAt >= 0) {
      lp += this.scalar(q, this.dparAt, POSITIVE, priors.dpar!, grad);
      dpar = this.c.x;
      dparDx = this.c.dx;
    }

    // η = Intercept + offset + Xc b
    const off = data.offset;
    for (let i = 0; i < n; i++) eta[i] = intercept + (off ? off[i] : 0);
    const Xc = data.Xc;
    for (let k = 0; k < Kc; k++) {
      const bk = b[k];
      if (bk === 0) continue;
      const base = k * n;
      for (let i = 0; i < n; i++) eta[i] += Xc[base + i] * bk;
    }

    // group-level terms: sd, z, L → r; η += Σ_m r[level, m] Z[i, m]
    for (const t of this.terms) {
      const { M, N, sd, r, refs, Z } = t;
      for (let m = 0; m < M; m++) {
        lp += this.scalar(q, t.sdAt + m, POSITIVE, t.sdPriors[m], grad);
        sd[m] = this.c.x;
      }
      for (let j = 0; j < M * N; j++) {
        const zj = q[t.zAt + j];
        lp -= 0.5 * zj * zj;
        grad[t.zAt + j] -= zj;
      }
      if (t.chol) {
        lp += t.chol.forward(q, t.LAt);
        const L = t.chol.L;
        t.gL.fill(0);
        lp += lkjCholesky(L, M, t.eta, 0, t.gL);
        for (let j = 0; j < N; j++) {
          const zo = t.zAt + j * M;
          for (let a = 0; a < M; a++) {
            let s = 0;
            for (let c = 0; c <= a; c++) s += L[a * M + c] * q[zo + c];
            t.w[j * M + a] = s;
            r[j * M + a] = sd[a] * s;
          }
        }
      } else {
        for (let m = 0; m < M; m++) {
          const zo = t.zAt + m * N;
          for (let j = 0; j < N; j++) r[j * M + m] = sd[m] * q[zo + j];
        }
      }
      if (M === 1) {
        for (let i = 0; i < n; i++) eta[i] += r[refs[i]] * Z[i];
      } else {
        for (let i = 0; i < n; i++) {
          const ro = refs[i] * M;
          const zo = i * M;
          let s = 0;
          for (let m = 0; m < M; m++) s += r[ro + m] * Z[zo + m];
          eta[i] += s;
        }
      }
    }

    lp += this.like.evaluate(eta, dpar, g);
    if (!Number.isFinite(lp)) return -Infinity;
    if (this.dparAt >= 0) grad[this.dparAt] += this.like.gradDpar * dparDx;

    // back through η
    if (this.interceptAt >= 0) {
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i];
      grad[this.interceptAt] += s * interceptDx;
    }
    for (let k = 0; k < Kc; k++) {
      const base = k * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += Xc[base + i] * g[i];
      grad[k] += s * bDx[k];
    }
    for (const t of this.terms) this.backTerm(t, q, grad);
    return lp;
  }

  private backTerm(t: TermState, q: Float64Array, grad: Float64Array): void {
    const { M, N, sd, gr, refs, Z } = t;
    const g = this.g;
    const n = this.data.n;
    gr.fill(0);
    if (M === 1) {
      for (let i = 0; i < n; i++) gr[refs[i]] += g[i] * Z[i];
    } else {
      for (let i = 0; i < n; i++) {
        const ro = refs[i] * M;
        const zo = i * M;
        const gi = g[i];
        for (let m = 0; m < M; m++) gr[ro + m] += gi * Z[zo + m];
      }
    }
    if (t.chol) {
      const L = t.chol.L;
      const gL = t.gL; // holds the LKJ part already
      for (let a = 0; a < M; a++) {
        let gsd = 0;
        for (let j = 0; j < N; j++) gsd += gr[j * M + a] * t.w[j * M + a];
        grad[t.sdAt + a] += gsd * sd[a];
      }
      for (let j = 0; j < N; j++) {
        const zo = t.zAt + j * M;
        for (let a = 0; a < M; a++) {
          const h = gr[j * M + a] * sd[a];
          if (h === 0) continue;
          for (let c = 0; c <= a; c++) {
            grad[zo + c] += h * L[a * M + c];
            gL[a * M + c] += h * q[zo + c];
          }
        }
      }
      t.chol.reverse(gL, grad, t.LAt);
    } else {
      for (let m = 0; m < M; m++) {
        const zo = t.zAt + m * N;
        let gsd = 0;
        for (let j = 0; j < N; j++) {
          const h = gr[j * M + m];
          gsd += h * q[zo + j];
          grad[zo + j] += h * sd[m];
        }
        grad[t.sdAt + m] += gsd * sd[m];
      }
    }
  }
}
