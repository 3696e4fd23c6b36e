/**
 * The exact gradient of the Laplace objective F(ψ) = f(b̂, ψ) + Σ_t n_t θ_t + ½ log det H(b̂, ψ) in the
 * outer parameters ψ = (β, βzi, βdisp, θ), f(b, ψ) = −Σᵢ ℓᵢ + ½ Σⱼ bⱼ² e^{−2θ}, by the implicit-function
 * theorem (as TMB's automatic differentiation of the same objective): ∇_b f = 0 at b̂, so
 *   dF/dψ = ∂f/∂ψ + n_t[θ] + ½ tr(H⁻¹ dH/dψ),   db̂/dψ = −H⁻¹ ∂(∇_b f)/∂ψ.
 * H = Zᵀ W Z + diag(e^{−2θ}), W = −ℓ_ηη, so dH/dψ involves W′ = −ℓ_ηηη times dη̂/dψ = Xψ + Z db̂/dψ.
 * Per observation i (zᵢ its row of Z): hᵢ = zᵢ H⁻¹ zᵢᵀ; one adjoint solve λ = ½ H⁻¹ Σᵢ W′ᵢ hᵢ zᵢᵀ
 * carries the modes' movement, ξᵢ = zᵢ λ; then with ν one of η (β), κ (βdisp), ζ (βzi):
 *   dF/dβ_ν = X_νᵀ r_ν,   r_ν,i = −ℓ_ν − ½ hᵢ ℓ_ηην + ξᵢ ℓ_ην     (ℓ_ηη, ℓ_ηηη for ν = η)
 *   dF/dθ_t = Σ_{j ∈ t} [1 − pⱼ b̂ⱼ² − pⱼ (H⁻¹)ⱼⱼ + 2 pⱼ λⱼ b̂ⱼ],   pⱼ = e^{−2θ_t}.
 * The same construction as glmer's (glmm/laplaceGradient.ts), and as there only H⁻¹'s selected
 * entries are formed (reHessian.ts: the diagonal and the pairs one observation couples).
 */
import { D, N_PARTIALS } from './densityPartials';
import { type LaplaceState, type Predictors, type TmbProblem } from './laplace';

const { e: E, ee: EE, eee: EEE, k: K, ek: EK, eek: EEK, z: Z, ez: EZ, eez: EEZ, p: P, ep: EP, eep: EEP } = D;

/** A linear predictor's design: n×p column-major. */
export interface LinearDesign { readonly X: Float64Array; readonly p: number }

/** The designs of the three linear predictors (zi and disp absent when not modelled). */
export interface OuterDesigns { readonly cond: LinearDesign; readonly zi?: LinearDesign; readonly disp?: LinearDesign }

/**
 * dF/dψ in the order (β, βzi, βdisp, θ, psi) at the point of the last laplaceObjective evaluation (whose
 * state and predictors are passed), or undefined when that evaluation did not reach a factor.
 */
export function laplaceGradient(p: TmbProblem, at: Predictors, state: LaplaceState, designs: OuterDesigns): Float64Array | undefined {
  const { hessian, partials, b } = state;
  if (!hessian || !state.factored || !partials) return undefined;
  const { n, q, terms } = p;
  hessian.invert();
  const invDiag = hessian.inverseDiagonal();
  const prec = new Float64Array(q);
  terms.forEach((t, k) => prec.fill(1 / (at.sd[k] * at.sd[k]), t.offset, t.offset + t.nLevels));

  // hᵢ = zᵢ H⁻¹ zᵢᵀ, and the adjoint's right-hand side Σᵢ W′ᵢ hᵢ zᵢᵀ (W′ = −ℓ_ηηη)
  const h = new Float64Array(n);
  const rhs = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    h[i] = hessian.leverage(i);
    const a = -0.5 * partials[i * N_PARTIALS + EEE] * h[i];
    for (const t of terms) rhs[t.index[i]] += a * t.z[i];
  }
  const lambda = hessian.solve(rhs);

  const { cond, zi, disp } = designs;
  const rEta = new Float64Array(n), rKappa = new Float64Array(n), rZeta = new Float64Array(n);
  // the family parameter (tweedie's psi) is one coefficient on a column of ones
  let rPsi = 0;
  for (let i = 0; i < n; i++) {
    let xi = 0;
    for (const t of terms) xi += t.z[i] * lambda[t.index[i]];
    const o = i * N_PARTIALS, hh = 0.5 * h[i];
    rEta[i] = -partials[o + E] - hh * partials[o + EEE] + xi * partials[o + EE];
    rKappa[i] = -partials[o + K] - hh * partials[o + EEK] + xi * partials[o + EK];
    rZeta[i] = -partials[o + Z] - hh * partials[o + EEZ] + xi * partials[o + EZ];
    rPsi += -partials[o + P] - hh * partials[o + EEP] + xi * partials[o + EP];
  }
  const grad: number[] = [];
  const crossprod = (d: LinearDesign | undefined, r: Float64Array) => {
    if (!d) return;
    for (let j = 0; j < d.p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += d.X[j * n + i] * r[i];
      grad.push(s);
    }
  };
  crossprod(cond, rEta);
  crossprod(zi, rZeta);
  crossprod(disp, rKappa);
  for (const t of terms) {
    let s = 0;
    for (let j = t.offset; j < t.offset + t.nLevels; j++) s += 1 - prec[j] * (b[j] * b[j] + invDiag[j] - 2 * lambda[j] * b[j]);
    grad.push(s);
  }
  if (at.psi.length) grad.push(rPsi);
  return Float64Array.from(grad);
}
