/**
 * The profiled (restricted) log-likelihood of the marginal model, as nlme computes it: each block is
 * whitened by the Cholesky factor of its V_b (V_b = L Lᵀ; X̃ = L⁻¹X, ỹ = L⁻¹y), β and σ are profiled
 * out, and with rss = ‖ỹ − X̃β̂‖², R_X the Cholesky factor of X̃ᵀX̃ and N_p = N − p (REML) or N (ML):
 *   ℓ = −N_p/2 · (log 2π + 1 − log N_p + log rss) − ½ Σ_b log|V_b| − [REML] log|R_X|.
 * (nlme's gls_loglik / MEestimate; Σ log w_i of the variance function is part of −½ log|V|.)
 */
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { Ar1Step } from './corStruct/ar1Step';
import { accumulateLowRank, hasLowRankBlocks } from './lowRankBlocks';
import { type NlmeModel } from './model';

export interface Evaluation {
  readonly logLik: number;
  readonly beta: Float64Array;
  readonly sigma: number;
  readonly rss: number;
  /** (X̃ᵀX̃)⁻¹, column-major p × p: Var(β̂) = σ² times this. */
  readonly unscaledVarBeta: Float64Array;
  /** The Cholesky factor L_X of X̃ᵀX̃ (lower, column-major p × p). */
  readonly LX: Float64Array;
  /** Xβ̂ and, for lme, Xβ̂ + Zb̂ (the innermost level's fitted values). */
  readonly fixedFitted: Float64Array;
  readonly fitted: Float64Array;
  readonly logW: Float64Array;
  /** V⁻¹(y − Xβ̂) per block (lme; zeros for gls): the conditional modes are b̂ = Ψ Zᵀ times this. */
  readonly vInvResid: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** A += BᵀB (upper triangle, column-major m × m) for the whitened block B (column-major nb × m). */
function accumulate(A: Float64Array, B: Float64Array, nb: number, m: number): void {
  for (let j = 0; j < m; j++) {
    for (let k = j; k < m; k++) {
      let s = 0;
      for (let a = 0; a < nb; a++) s += B[j * nb + a] * B[k * nb + a];
      A[j * m + k] += s;
    }
  }
}

const timeOrders = new WeakMap<NlmeModel, number[][]>();
/** Each block's observations sorted by time (times are unique within a group: buildCorStruct checks). */
function blocksInTimeOrder(model: NlmeModel, t: Float64Array): number[][] {
  let o = timeOrders.get(model);
  if (!o) timeOrders.set(model, (o = model.blocks.map((b) => [...b].sort((i, j) => t[i] - t[j]))));
  return o;
}

const blockSizes = new WeakMap<NlmeModel, number>();
function largestBlock(model: NlmeModel): number {
  let nb = blockSizes.get(model);
  if (nb === undefined) {
    nb = 1;
    for (const b of model.blocks) nb = Math.max(nb, b.length);
    blockSizes.set(model, nb);
  }
  return nb;
}

/**
 * The pieces of the criterion at `par`: −½ log|V|·2 = logDetV, log|R_X| and rss (undefined when V is
 * not positive definite). nlme's "full" log-likelihood with σ given (for the approximate covariance
 * of the variance parameters, apVar) is −½ logDetV − [REML] logDetRX − N_p log σ − rss/(2σ²).
 */
export function criterionParts(model: NlmeModel, par: ArrayLike<number>, fitted: Float64Array | undefined): { logDetV: number; logDetRX: number; rss: number } | undefined {
  const e = evaluate(model, par, fitted, false);
  return e && 'parts' in e ? (e.parts as { logDetV: number; logDetRX: number; rss: number }) : undefined;
}

/** −Infinity when V or X̃ᵀX̃ is not positive definite (the optimizer then steps back). */
export function logLikelihood(model: NlmeModel, par: ArrayLike<number>, fitted: Float64Array | undefined): number {
  const e = evaluate(model, par, fitted, false);
  return e ? e.logLik : -Infinity;
}

/** A += Σ_i w_i² [x_i y_i]ᵀ[x_i y_i] (V = W⁻², diagonal); returns log|V| = −2 Σ log w_i, or undefined for a weight 0 or ∞. */
function accumulateIndependent(model: NlmeModel, logW: Float64Array, A: Float64Array): number | undefined {
  const sums = classSumsOf(model);
  if (sums) return accumulateClasses(sums, logW, A);
  const { n, p, X, y } = model.frame;
  const m = p + 1;
  let logDetV = 0;
  for (let i = 0; i < n; i++) {
    const inv = Math.exp(2 * logW[i]); // 1/V = w²
    if (!(inv > 0 && Number.isFinite(inv))) return undefined;
    logDetV -= 2 * logW[i];
    for (let j = 0; j < p; j++) {
      const xj = X[j * n + i] * inv;
      for (let k = j; k < p; k++) A[j * m + k] += xj * X[k * n + i];
      A[j * m + p] += xj * y[i];
    }
    A[p * m + p] += y[i] * y[i] * inv;
  }
  return logDetV;
}

/**
 * A gls without correlation whose weights are shared by classes of rows (VarFunc.weightClasses):
 * per class its Gram G_c = Σ_{i ∈ c} [x_i y_i]ᵀ[x_i y_i] (layout of A), row count and a row to read
 * its weight from. Orthodont's varConstPower of age: 4 classes for 108 rows.
 */
interface ClassSums {
  readonly gram: Float64Array; // classes × m², each as A
  readonly count: Float64Array;
  readonly row: Int32Array;
}

const classSums = new WeakMap<NlmeModel, ClassSums | null>();

function classSumsOf(model: NlmeModel): ClassSums | null {
  let out = classSums.get(model);
  if (out !== undefined) return out;
  const { n, p, X, y } = model.frame;
  const classes = model.varFunc ? model.varFunc.weightClasses?.() : new Int32Array(n);
  let nc = 0;
  if (classes) for (let i = 0; i < n; i++) nc = Math.max(nc, classes[i] + 1);
  // worth it only where classes are much fewer than rows
  if (!classes || 4 * nc > n) out = null;
  else {
    const m = p + 1;
    const gram = new Float64Array(nc * m * m);
    const count = new Float64Array(nc);
    const row = new Int32Array(nc);
    for (let i = 0; i < n; i++) {
      const c = classes[i];
      if (count[c]++ === 0) row[c] = i;
      const G = c * m * m;
      for (let j = 0; j < p; j++) {
        const xj = X[j * n + i];
        for (let k = j; k < p; k++) gram[G + j * m + k] += xj * X[k * n + i];
        gram[G + j * m + p] += xj * y[i];
      }
      gram[G + p * m + p] += y[i] * y[i];
    }
    out = { gram, count, row };
  }
  classSums.set(model, out);
  return out;
}

/** A += Σ_c w_c² G_c; returns log|V| = −2 Σ_c n_c log w_c, or undefined for a weight 0 or ∞. */
function accumulateClasses({ gram, count, row }: ClassSums, logW: Float64Array, A: Float64Array): number | undefined {
  const mm = A.length;
  let logDetV = 0;
  for (let c = 0; c < count.length; c++) {
    const lw = logW[row[c]];
    const inv = Math.exp(2 * lw); // 1/V = w²
    if (!(inv > 0 && Number.isFinite(inv))) return undefined;
    logDetV -= 2 * count[c] * lw;
    const G = c * mm;
    for (let t = 0; t < mm; t++) A[t] += inv * gram[G + t];
  }
  return logDetV;
}

/** ℓ from A = [X̃ ỹ]ᵀ[X̃ ỹ] (the lower triangle, factored in place) and Σ log|V_b|. */
function finish(model: NlmeModel, A: Float64Array, logDetV: number): { logLik: number; parts: { logDetV: number; logDetRX: number; rss: number } } | undefined {
  const { n, p } = model.frame;
  const m = p + 1;
  if (choleskyLowerInPlace(A, m) !== 0) return undefined;
  const rss = A[p * m + p] ** 2;
  if (!(rss > 0)) return undefined;
  let logDetRX = 0;
  for (let j = 0; j < p; j++) logDetRX += Math.log(Math.abs(A[j * m + j]));
  const Np = model.reml ? n - p : n;
  const logLik = -0.5 * Np * (LOG_2PI + 1 - Math.log(Np) + Math.log(rss)) - 0.5 * logDetV - (model.reml ? logDetRX : 0);
  return { logLik, parts: { logDetV, logDetRX, rss } };
}

export function evaluate(model: NlmeModel, par: ArrayLike<number>, fitted: Float64Array | undefined, full: true): Evaluation | undefined;
export function evaluate(model: NlmeModel, par: ArrayLike<number>, fitted: Float64Array | undefined, full: boolean): Evaluation | { logLik: number; parts: object } | undefined;
export function evaluate(model: NlmeModel, par: ArrayLike<number>, fitted: Float64Array | undefined, full: boolean): Evaluation | { logLik: number; parts: object } | undefined {
  const { n, p, X, y } = model.frame;
  // the optimizer's evaluations reuse A and log w (V8 allocates a typed array over 64 bytes outside its
  // heap, ≈ 3 µs each here: a third of a small gls evaluation); a full evaluation returns fresh arrays
  const m = p + 1;
  const logW = model.logWeights(par, fitted, full ? undefined : model.buffer('logW', n));
  const A = full ? new Float64Array(m * m) : model.buffer('A', m * m).fill(0); // [X̃ ỹ]ᵀ[X̃ ỹ], column-major
  if (hasLowRankBlocks(model) && (!full || model.reLevels.length === 0)) {
    // lme without a dense correlation: Woodbury per block, no n_b × n_b factor (lowRankBlocks.ts); a
    // gls's full evaluation too (it keeps no factor: only lme's conditional modes need them)
    const logDetV = accumulateLowRank(model, par, logW, A);
    if (logDetV === undefined) return undefined;
    return full ? complete(model, A, logDetV, logW, []) : finish(model, A, logDetV);
  }
  // gls without correlation: each observation is its own block, V = 1/w² (no V_b, no allocation)
  const independent = model.reLevels.length === 0 && !model.corStruct;
  const logDetW = independent ? accumulateIndependent(model, logW, A) : 0;
  if (logDetW === undefined) return undefined;
  if (independent && !full) return finish(model, A, logDetW);
  // V's fill (n exps, the correlation's table, the loadings) made only when a block needs it: gls
  // with corAR1/corCAR1 whitens its blocks without it
  let fillV: ReturnType<NlmeModel['blockCovariance']> | undefined;
  const fill = () => (fillV ??= model.blockCovariance(par, logW));
  let logDetV = logDetW;
  const factors: Float64Array[] = [];
  const maxNb = independent ? 1 : largestBlock(model);
  // gls with corAR1/corCAR1: the blocks are the correlation groups, whitened in time order in O(n_b)
  const markov = model.reLevels.length === 0 ? model.corStruct?.markov : undefined;
  const phi = markov ? markov.phi(model.slice(par, 'corStruct')) : 0;
  const timeOrder = markov ? blocksInTimeOrder(model, markov.t) : undefined;
  let blockIndex = -1;
  // one block's whitened [X y] (B) and V (the optimizer's evaluations only; a full one keeps each V)
  const B = independent ? new Float64Array(0) : model.buffer('B', maxNb * m);
  for (const block of independent ? [] : model.blocks) {
    const nb = block.length;
    blockIndex++;
    if (markov && nb > 1) {
      // V = S C S with S = diag(e^{−logW}); C⁻¹ = Uᵀ U with U the bidiagonal AR(1) whitening in time
      // order: z_1 = u_1, z_k = (u_k − r_k u_{k−1}) / √(1 − r_k²), r_k = φ^(t_k − t_{k−1}), u = S⁻¹x;
      // log|V| = −2 Σ logW + Σ log(1 − r_k²). Any square root of V⁻¹ gives the same likelihood.
      const order = timeOrder![blockIndex];
      let prev = -1;
      let sp = 0;
      const step = new Ar1Step(phi);
      for (let k = 0; k < nb; k++) {
        const i = order[k];
        const si = Math.exp(logW[i]);
        if (!(si > 0 && Number.isFinite(si))) return undefined;
        logDetV -= 2 * logW[i];
        if (prev < 0) {
          for (let j = 0; j < p; j++) B[j * nb + k] = X[j * n + i] * si;
          B[p * nb + k] = y[i] * si;
        } else {
          if (!step.at(markov.t[i] - markov.t[prev])) return undefined;
          const { r, f } = step;
          logDetV += step.logQ;
          for (let j = 0; j < p; j++) B[j * nb + k] = (X[j * n + i] * si - r * X[j * n + prev] * sp) * f;
          B[p * nb + k] = (y[i] * si - r * y[prev] * sp) * f;
        }
        prev = i;
        sp = si;
      }
      accumulate(A, B, nb, m);
      continue;
    }
    // V and the whitened [X y] reuse one buffer each across blocks (the factor is kept only for `full`)
    const V = full ? new Float64Array(nb * nb) : model.buffer('V', maxNb * maxNb);
    fill()(block, V);
    if (choleskyLowerInPlace(V, nb) !== 0) return undefined;
    for (let a = 0; a < nb; a++) logDetV += 2 * Math.log(V[a * nb + a]);
    if (full) factors.push(V);
    // B = the block's rows of [X y] (column-major nb × m), whitened in place: B ← L⁻¹B
    for (let j = 0; j < p; j++) for (let a = 0; a < nb; a++) B[j * nb + a] = X[j * n + block[a]];
    for (let a = 0; a < nb; a++) B[p * nb + a] = y[block[a]];
    for (let c = 0; c < nb; c++) {
      const lc = c * nb;
      const d = V[lc + c];
      for (let r = 0; r < m; r++) {
        const br = r * nb;
        const x = (B[br + c] /= d);
        if (x !== 0) for (let i = c + 1; i < nb; i++) B[br + i] -= V[lc + i] * x;
      }
    }
    accumulate(A, B, nb, m);
  }
  return full ? complete(model, A, logDetV, logW, factors, fill) : finish(model, A, logDetV);
}

/** The full evaluation from A = [X̃ ỹ]ᵀ[X̃ ỹ] and log|V|: β̂, its covariance, the fitted values and (lme) the conditional modes from each block's factor of V. */
function complete(model: NlmeModel, A: Float64Array, logDetV: number, logW: Float64Array, factors: Float64Array[], fill?: () => ReturnType<NlmeModel['blockCovariance']>): Evaluation | undefined {
  const { n, p, X, y } = model.frame;
  const m = p + 1;
  const crit = finish(model, A, logDetV);
  if (!crit) return undefined;
  const { logLik, parts: { rss } } = crit;
  const Np = model.reml ? n - p : n;

  // β̂ solves L_Xᵀ β = (row p of the factor); L_X is the leading p × p block of A's factor
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) beta[j] = A[j * m + p];
  backSolveLowerTranspose(A, p, beta, 0, m);
  const unscaledVarBeta = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    forwardSolveLower(A, p, e, 0, m);
    backSolveLowerTranspose(A, p, e, 0, m);
    unscaledVarBeta.set(e, j * p);
  }
  const fixedFitted = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) fixedFitted[i] += X[j * n + i] * beta[j];
  const sigma = Math.sqrt(rss / Np);
  const LX = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let i = j; i < p; i++) LX[j * p + i] = A[j * m + i];
  const vInvResid = new Float64Array(n);
  const out = { logLik, beta, sigma, rss, unscaledVarBeta, LX, fixedFitted, fitted: fixedFitted, logW, vInvResid };
  if (model.reLevels.length === 0) return out;
  // Conditional modes: Zb̂ = K V⁻¹ (y − Xβ̂) per block, K = V − Λ (the random-effects part)
  const fittedInner = fixedFitted.slice();
  // one buffer each for the blocks' residuals and K (the fill writes all of K)
  const maxNb = largestBlock(model);
  const sBuf = new Float64Array(maxNb);
  const kBuf = new Float64Array(maxNb * maxNb);
  model.blocks.forEach((block, b) => {
    const nb = block.length;
    const s = sBuf.subarray(0, nb);
    for (let a = 0; a < nb; a++) s[a] = y[block[a]] - fixedFitted[block[a]];
    forwardSolveLower(factors[b], nb, s);
    backSolveLowerTranspose(factors[b], nb, s);
    for (let a = 0; a < nb; a++) vInvResid[block[a]] = s[a];
    const K = kBuf.subarray(0, nb * nb);
    fill!()(block, K, true);
    for (let a = 0; a < nb; a++) {
      let v = 0;
      for (let c = 0; c < nb; c++) v += K[c * nb + a] * s[c];
      fittedInner[block[a]] += v;
    }
  });
  return { ...out, fitted: fittedInner };
}
