/**
 * Profile-likelihood confidence intervals as lme4's confint(m, method = "profile"): the model is
 * refitted by ML (lme4's profile does the same, also for REML fits), and for each parameter — the
 * random-effect SDs and correlations, σ, and each β — the signed root deviance
 *   ζ(x) = sign(x − x̂) √(min over the other parameters of dev(x, ·) − dev̂)
 * is followed outwards until ζ = ±z_{1−α/2}. lme4 interpolates ζ with splines through a grid of points;
 * here each endpoint is found by root-finding on ζ itself, so the intervals agree to the accuracy
 * of lme4's interpolation. An endpoint beyond a parameter's bound (an SD of 0, a correlation of ±1) is
 * the bound, as lme4 reports it; one that never reaches ζ (a flat profile) is null.
 */
import { QuadratError } from '../errors/quadratError';
import { type LmmFit, fitDesign } from '../lmm/fitDesign';
import { type LmmFactor } from '../lmm/lmmFactor';
import { bobyqa } from '../optim/minimize';
import { qnorm } from './distributions';
import { type IntervalRow } from './confintWald';
import { sdcorValues, varParamNames } from './parameterNames';

export interface ProfileOptions {
  level?: number;
  /** Called after each parameter with (done, total). */
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
}

/** θ from the sd/cor parameters and σ (Σ_term = D R D, θ = chol(Σ/σ²) by columns); null if not PSD. */
function thetaFromSdcor(sizes: number[], v: Float64Array, sigma: number): Float64Array | null {
  const out: number[] = [];
  let k = 0;
  for (const S of sizes) {
    const sd = new Array<number>(S);
    const R = Array.from({ length: S }, () => new Array<number>(S).fill(0));
    // v holds, per column c, rows r ≥ c: sd on the diagonal, correlations below
    const idx: [number, number][] = [];
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) idx.push([r, c]);
    for (const [r, c] of idx) {
      const x = v[k++];
      if (r === c) sd[r] = x;
      else R[r][c] = R[c][r] = x;
    }
    for (let r = 0; r < S; r++) R[r][r] = 1;
    const A = R.map((row, r) => row.map((x, c) => (x * sd[r] * sd[c]) / (sigma * sigma)));
    // tolerant Cholesky (a zero SD gives a zero column)
    const L = Array.from({ length: S }, () => new Array<number>(S).fill(0));
    for (let c = 0; c < S; c++) {
      let d = A[c][c];
      for (let j = 0; j < c; j++) d -= L[c][j] * L[c][j];
      const scale = Math.max(A[c][c], 1e-300);
      if (d < -1e-10 * scale) return null;
      const lcc = d > 1e-14 * scale ? Math.sqrt(d) : 0;
      L[c][c] = lcc;
      for (let r = c + 1; r < S; r++) {
        let s = A[r][c];
        for (let j = 0; j < c; j++) s -= L[r][j] * L[c][j];
        if (lcc === 0) {
          if (Math.abs(s) > 1e-8 * Math.sqrt(Math.max(A[r][r], 0) * scale)) return null;
          L[r][c] = 0;
        } else L[r][c] = s / lcc;
      }
    }
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) out.push(L[r][c]);
  }
  return Float64Array.from(out);
}

/**
 * Find x with ζ(x) = target moving away from x0 (ζ(x0) = 0): secant steps until bracketed, then
 * Illinois regula falsi. Returns the bound when ζ stays short of the target up to it, null when it
 * never gets there.
 */
function solveSide(zeta: (x: number) => number, x0: number, target: number, step: number, bound: number): number | null {
  let xa = x0;
  let za = 0;
  let x = target > 0 ? Math.min(x0 + Math.abs(step) * target, bound) : Math.max(x0 + Math.abs(step) * target, bound);
  let z = zeta(x);
  for (let it = 0; it < 60 && !((z - target) * (za - target) <= 0); it++) {
    if (x === bound) return Number.isFinite(bound) ? bound : null;
    const slope = (z - za) / (x - xa);
    let next = slope > 0 ? x + (target - z) / slope : x + (x - xa);
    const maxStep = 10 * Math.abs(x - xa);
    if (Math.abs(next - x) > maxStep) next = x + Math.sign(next - x) * maxStep;
    if (target > 0 ? next <= x : next >= x) next = x + (x - xa);
    next = target > 0 ? Math.min(next, bound) : Math.max(next, bound);
    xa = x;
    za = z;
    x = next;
    z = zeta(x);
  }
  if (!((z - target) * (za - target) <= 0)) return null;
  // Illinois on [xa, x]
  let fa = za - target;
  let fb = z - target;
  let a = xa;
  let b = x;
  let side = 0;
  for (let it = 0; it < 100; it++) {
    if (Math.abs(fb) < 1e-6 || Math.abs(b - a) <= 1e-12 * Math.max(1, Math.abs(b))) break;
    const c = b - (fb * (b - a)) / (fb - fa);
    const fc = zeta(c) - target;
    if (fc * fb < 0) {
      a = b;
      fa = fb;
      side = 0;
    } else if (side === 1) fa /= 2;
    else side = 1;
    b = c;
    fb = fc;
  }
  return b;
}

/**
 * β̂_j(θ), [(R_XᵀR_X)⁻¹]_jj, r²(θ) and log|L|² from the factorization at θ: with the X block L_XX of
 * its dense rest and c_X the X part of its y row, β̂ = L_XX⁻ᵀ c_X.
 */
function betaAndVariance(f: LmmFactor, j: number): { beta: number; vjj: number; pwrss: number; ldL2: number } {
  const { L, m, qRest } = f.rest();
  const p = f.design.p;
  const off = qRest * m + qRest;
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) beta[a] = L[off + a * m + p]; // y row (index p within the block)
  for (let a = p - 1; a >= 0; a--) {
    let s = beta[a];
    for (let r = a + 1; r < p; r++) s -= L[off + a * m + r] * beta[r];
    beta[a] = s / L[off + a * m + a];
  }
  // [(L_XX L_XXᵀ)⁻¹]_jj = ‖L_XX⁻¹ e_j‖²
  const x = new Float64Array(p);
  x[j] = 1;
  let vjj = 0;
  for (let c = j; c < p; c++) {
    const xc = (x[c] /= L[off + c * m + c]);
    vjj += xc * xc;
    if (xc !== 0) for (let r = c + 1; r < p; r++) x[r] -= L[off + c * m + r] * xc;
  }
  return { beta: beta[j], vjj, pwrss: f.pwrss, ldL2: f.ldL2 };
}

/** What both kinds of profile share: the ML fit, its deviance, the normal quantile, cancel and progress. */
interface ProfileContext {
  fit: LmmFit;
  /** The ML deviance at the optimum. */
  base: number;
  z: number;
  check: () => void;
  progress: () => void;
}

export function confintProfile(fit0: LmmFit, options: ProfileOptions = {}): IntervalRow[] {
  const level = options.level ?? 0.95;
  const design = fit0.model.design;
  const fit = fit0.reml ? fitDesign(design, false) : fit0;
  const total = varParamNames(design).length + 1 + design.p;
  let done = 0;
  const ctx: ProfileContext = {
    fit,
    base: fit.objective,
    z: qnorm(1 - (1 - level) / 2),
    check: () => {
      if (options.signal?.aborted) throw new QuadratError('cancelled', 'Profiling was cancelled.');
    },
    progress: () => options.onProgress?.(++done, total),
  };
  return [...varParIntervals(ctx), ...fixedIntervals(ctx)];
}

/** Profile intervals of the SDs, correlations and σ (lme4's .sigNN/.sigma rows), on devfun2's scale. */
function varParIntervals({ fit, base, z, check, progress }: ProfileContext): IntervalRow[] {
  const { model } = fit;
  const design = model.design;
  const { n } = design;
  const logDetW = model.logDetW;
  const sizes = design.reterms.map((t) => t.termNames.length);
  const params = varParamNames(design);
  const names = [...params.map((v) => v.name), 'sigma'];
  const isCor = [...params.map((v) => v.row !== v.col), false];
  const opt = Float64Array.from([...sdcorValues(design, fit.theta, fit.sigma), fit.sigma]);
  const nvp = opt.length;
  const lowerVp = isCor.map((c) => (c ? -1 : 0));
  const upperVp = isCor.map((c) => (c ? 1 : Infinity));
  const scale = Array.from(opt, (v, i) => (isCor[i] ? 1 : Math.max(Math.abs(v), 1e-3 * fit.sigma)));

  /** dev(sd/cor, σ) with β profiled (lme4's devfun2). */
  const dd = (v: Float64Array): number => {
    const sigma = v[nvp - 1];
    if (!(sigma > 0)) return Infinity;
    const theta = thetaFromSdcor(sizes, v, sigma);
    if (!theta) return Infinity;
    const f = model.factorAt(theta, false);
    if (!f) return Infinity;
    const s2 = sigma * sigma;
    return f.ldL2 - logDetW + f.pwrss / s2 + n * Math.log(2 * Math.PI * s2);
  };

  const rows: IntervalRow[] = [];
  for (let w = 0; w < nvp; w++) {
    check();
    const others = Array.from({ length: nvp }, (_, i) => i).filter((i) => i !== w);
    let start: Float64Array = Float64Array.from(others, (i) => opt[i] / scale[i]);
    const zeta = (x: number): number => {
      check();
      const full = opt.slice();
      full[w] = x;
      const g = (y: Float64Array) => {
        others.forEach((i, k) => (full[i] = y[k] * scale[i]));
        return dd(full);
      };
      const opts = {
        lower: others.map((i) => lowerVp[i] / scale[i]),
        upper: others.map((i) => upperVp[i] / scale[i]),
        rhobeg: 0.02,
        rhoend: 1e-7,
        ftolAbs: 1e-10,
        maxEvaluations: 20_000,
      };
      // the warm start, and for each correlation a start at each end: near a boundary the profile can
      // have a second, lower valley (e.g. a correlation at ±1 while an SD goes to 0)
      let res = bobyqa(g, start, opts);
      others.forEach((i, k) => {
        if (!isCor[i]) return;
        for (const end of [-0.999, 0.999]) {
          const s0 = start.slice();
          s0[k] = end;
          const r = bobyqa(g, s0, opts);
          if (r.f < res.f - 1e-10) res = r;
        }
      });
      start = res.x;
      return Math.sign(x - opt[w]) * Math.sqrt(Math.max(0, res.f - base));
    };
    const pw = opt[w];
    const shift = pw === 0 ? 0.001 : pw * 1.01;
    const zs = zeta(shift);
    const slopeInv = zs !== 0 ? (shift - pw) / zs : scale[w];
    const interval: (number | null)[] = [];
    for (const target of [-z, z]) {
      start = Float64Array.from(others, (i) => opt[i] / scale[i]);
      const bound = target < 0 ? lowerVp[w] : upperVp[w];
      interval.push(target < 0 && pw <= lowerVp[w] ? lowerVp[w] : solveSide(zeta, pw, target, slopeInv, bound));
    }
    rows.push({ term: names[w], estimate: pw, lower: interval[0], upper: interval[1] });
    progress();
  }
  return rows;
}

/** Profile intervals of each β_j, θ optimised with β_j held (the penalized RSS has a closed form in β_j). */
function fixedIntervals({ fit, base, z, check, progress }: ProfileContext): IntervalRow[] {
  const { model } = fit;
  const design = model.design;
  const { n, p } = design;
  const logDetW = model.logDetW;
  const rows: IntervalRow[] = [];
  // β_j: with β_j fixed at b the penalized RSS is r²(θ) + (b − β̂_j(θ))² / [(R_XᵀR_X)⁻¹]_jj
  const lowerTheta = model.thetaLayout.lower;
  for (let j = 0; j < p; j++) {
    check();
    const est = fit.pls.beta[j];
    const se = fit.sigma * Math.sqrt(fit.pls.unscaledVcov[j * p + j]);
    let start: Float64Array = fit.theta.slice();
    const zeta = (b: number): number => {
      check();
      const g = (theta: Float64Array) => {
        const f = model.factorAt(theta, false);
        if (!f) return Infinity;
        const at = betaAndVariance(f, j);
        const r2 = at.pwrss + (b - at.beta) ** 2 / at.vjj;
        return at.ldL2 - logDetW + n * (1 + Math.log((2 * Math.PI * r2) / n));
      };
      const res = bobyqa(g, start, { lower: lowerTheta, rhobeg: 0.02, rhoend: 1e-7, ftolAbs: 1e-10, maxEvaluations: 20_000 });
      start = res.x;
      return Math.sign(b - est) * Math.sqrt(Math.max(0, res.f - base));
    };
    const interval = [-z, z].map((target) => {
      start = fit.theta.slice();
      return solveSide(zeta, est, target, se, target < 0 ? -Infinity : Infinity);
    });
    rows.push({ term: design.fixedNames[j], estimate: est, lower: interval[0], upper: interval[1] });
    progress();
  }
  return rows;
}
