/**
 * A starting θ better than lme4's all-ones for scalar random intercepts: a one-way ANOVA (method of
 * moments) estimate of each intercept term's variance relative to the within-group variance of the
 * OLS residuals. It is only a starting point — the optimiser starts from whichever of this and lme4's
 * default has the lower criterion — but on large crossed designs it saves dozens of evaluations.
 */
import { choleskyLowerInPlace, backSolveLowerTranspose, forwardSolveLower } from '../linalg/denseCholesky';
import { type MixedDesign } from '../design/mixedDesign';
import { type ThetaLayout } from './reBlocks';

export function momentTheta(design: MixedDesign, layout: ThetaLayout): Float64Array | undefined {
  const { n, p, X } = design;
  const w = design.weights;
  // weighted OLS: XᵀWX β = XᵀW(y − offset)
  const XtX = new Float64Array(p * p);
  const Xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let i = j; i < p; i++) {
      let t = 0;
      for (let r = 0; r < n; r++) t += (w ? w[r] : 1) * X[j * n + r] * X[i * n + r];
      XtX[j * p + i] = t;
    }
    let t = 0;
    for (let r = 0; r < n; r++) t += (w ? w[r] : 1) * X[j * n + r] * (design.y[r] - (design.offset ? design.offset[r] : 0));
    Xty[j] = t;
  }
  if (choleskyLowerInPlace(XtX, p) !== 0) return undefined;
  forwardSolveLower(XtX, p, Xty);
  backSolveLowerTranspose(XtX, p, Xty);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = design.y[i] - (design.offset ? design.offset[i] : 0);
    for (let j = 0; j < p; j++) s -= design.X[j * n + i] * Xty[j];
    r[i] = s;
  }

  // Additive fixed-effects fit of all intercept terms by backfitting (coarsest factor first, so nested
  // factors split their variance sensibly), then each term's effect variance net of noise.
  const terms: { k: number; refs: Int32Array; G: number; eff: Float64Array; count: Float64Array }[] = [];
  let k = 0; // index into θ, term by term in lme4 order
  for (const term of design.reterms) {
    const S = term.termNames.length;
    if (S === 1 && term.z.every((v) => v === 1)) {
      const G = term.levels.length;
      const count = new Float64Array(G);
      for (let i = 0; i < n; i++) count[term.refs[i]]++;
      terms.push({ k, refs: term.refs, G, eff: new Float64Array(G), count });
    }
    k += (S * (S + 1)) / 2;
  }
  if (terms.length === 0) return undefined;
  terms.sort((a, b) => a.G - b.G);
  const partial = new Float64Array(n);
  for (let sweep = 0; sweep < 6; sweep++) {
    for (const t of terms) {
      const sum = new Float64Array(t.G);
      for (let i = 0; i < n; i++) {
        let v = r[i];
        for (const o of terms) if (o !== t) v -= o.eff[o.refs[i]];
        partial[i] = v;
        sum[t.refs[i]] += v;
      }
      for (let g = 0; g < t.G; g++) t.eff[g] = t.count[g] > 0 ? sum[g] / t.count[g] : 0;
    }
  }
  let ss = 0;
  for (let i = 0; i < n; i++) {
    let v = r[i];
    for (const t of terms) v -= t.eff[t.refs[i]];
    ss += v * v;
  }
  const dfResid = n - p - terms.reduce((s, t) => s + t.G - 1, 0);
  if (dfResid <= 0 || !(ss > 0)) return undefined;
  const sigma2 = ss / dfResid;
  const theta = layout.initial.slice();
  for (const t of terms) {
    let v = 0;
    let noise = 0;
    let used = 0;
    for (let g = 0; g < t.G; g++) {
      if (t.count[g] === 0) continue;
      v += t.eff[g] * t.eff[g];
      noise += 1 / t.count[g];
      used++;
    }
    const varBetween = v / used - (sigma2 * noise) / used;
    theta[t.k] = Math.max(Math.sqrt(Math.max(varBetween, 0) / sigma2), 0.05);
  }
  return theta;
}
