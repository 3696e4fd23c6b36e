/**
 * The exact gradient of the Laplace objective F(ψ) = f(b̂, ψ) + Σ_t n_t ½ log det Σ_t + ½ log det H(b̂, ψ)
 * in the outer parameters ψ = (β, βzi, βdisp, θ), f(b, ψ) = −Σᵢ ℓᵢ + ½ Σ_t Σ_l u_lᵀ P_t u_l (u_l the k
 * effects of level l, P_t = Σ_t⁻¹), by the implicit-function theorem (as TMB's automatic
 * differentiation of the same objective): ∇_b f = 0 at b̂, so
 *   dF/dψ = ∂f/∂ψ + n_t ½ tr(P ∂Σ/∂θ) + ½ tr(H⁻¹ dH/dψ),   db̂/dψ = −H⁻¹ ∂(∇_b f)/∂ψ.
 * H = Zᵀ W Z + blockdiag(P_t), W = −ℓ_ηη, so dH/dψ involves W′ = −ℓ_ηηη times dη̂/dψ = Xψ + Z db̂/dψ.
 * Per observation i (zᵢ its row of Z): hᵢ = zᵢ H⁻¹ zᵢᵀ; one adjoint solve λ = ½ H⁻¹ Σᵢ W′ᵢ hᵢ zᵢᵀ
 * carries the modes' movement, ξᵢ = zᵢ λ; then with ν one of η (β), κ (βdisp), ζ (βzi):
 *   dF/dβ_ν = X_νᵀ r_ν,   r_ν,i = −ℓ_ν − ½ hᵢ ℓ_ηην + ξᵢ ℓ_ην     (ℓ_ηη, ℓ_ηηη for ν = η)
 *   dF/dθ_m = n_t ½ tr(P Σ′) − ½ tr(P Σ′ P A),   A = Σ_l [u_l u_lᵀ + (H⁻¹)_ll − λ_l u_lᵀ − u_l λ_lᵀ],
 * with Σ′ = ∂Σ_t/∂θ_m (reCovariance.ts), since ∂P = −P Σ′ P; for a scalar term (σ = e^θ) this is
 * Σ_l [1 − p b̂ₗ² − p (H⁻¹)ₗₗ + 2 p λₗ b̂ₗ], p = e^{−2θ}.
 * The same construction as glmer's (glmm/laplaceGradient.ts), and as there only H⁻¹'s selected
 * entries are formed (reHessian.ts: the diagonal and the pairs one observation couples).
 */
import { D, N_PARTIALS } from './densityPartials';
import { type LaplaceState, type Predictors, type TmbProblem } from './laplace';

const { e: E, ee: EE, eee: EEE, k: K, ek: EK, eek: EEK, z: Z, ez: EZ, eez: EEZ } = D;

/** A linear predictor's design: n×p column-major. */
export interface LinearDesign { readonly X: Float64Array; readonly p: number }

/** The designs of the three linear predictors (zi and disp absent when not modelled). */
export interface OuterDesigns { readonly cond: LinearDesign; readonly zi?: LinearDesign; readonly disp?: LinearDesign }

/**
 * dF/dψ in the order (β, βzi, βdisp, θ) at the point of the last laplaceObjective evaluation (whose
 * state and predictors are passed), or undefined when that evaluation did not reach a factor.
 */
export function laplaceGradient(p: TmbProblem, at: Predictors, state: LaplaceState, designs: OuterDesigns): Float64Array | undefined {
  const { hessian, partials, b } = state;
  if (!hessian || !state.factored || !partials) return undefined;
  const { n, q, terms } = p;
  hessian.invert();

  // hᵢ = zᵢ H⁻¹ zᵢᵀ, and the adjoint's right-hand side Σᵢ W′ᵢ hᵢ zᵢᵀ (W′ = −ℓ_ηηη)
  const h = new Float64Array(n);
  const rhs = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    h[i] = hessian.leverage(i);
    const a = -0.5 * partials[i * N_PARTIALS + EEE] * h[i];
    for (const t of terms) for (let c = 0; c < t.k; c++) rhs[t.index[i] + c] += a * t.z[i * t.k + c];
  }
  const lambda = hessian.solve(rhs);

  const { cond, zi, disp } = designs;
  const rEta = new Float64Array(n), rKappa = new Float64Array(n), rZeta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let xi = 0;
    for (const t of terms) for (let c = 0; c < t.k; c++) xi += t.z[i * t.k + c] * lambda[t.index[i] + c];
    const o = i * N_PARTIALS, hh = 0.5 * h[i];
    rEta[i] = -partials[o + E] - hh * partials[o + EEE] + xi * partials[o + EE];
    rKappa[i] = -partials[o + K] - hh * partials[o + EEK] + xi * partials[o + EK];
    rZeta[i] = -partials[o + Z] - hh * partials[o + EEZ] + xi * partials[o + EZ];
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
  terms.forEach((t, u) => {
    const k = t.k;
    const A = new Float64Array(k * k);
    for (let l = 0; l < t.nLevels; l++) {
      const o = t.offset + l * k;
      for (let x = 0; x < k; x++)
        for (let y = 0; y < k; y++)
          A[x * k + y] += b[o + x] * b[o + y] + hessian.inverseAt(o + x, o + y) - lambda[o + x] * b[o + y] - b[o + x] * lambda[o + y];
    }
    const { prec: P, dSigma } = at.cov[u];
    const PAP = mul(mul(P, A, k), P, k);
    // tr(P Σ′) and tr(P Σ′ P A) = tr(Σ′ · PAP) for symmetric matrices
    for (const dS of dSigma) grad.push(0.5 * t.nLevels * traceProduct(P, dS) - 0.5 * traceProduct(dS, PAP));
  });
  return Float64Array.from(grad);
}

function mul(X: Float64Array, Y: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let c = 0; c < k; c++) for (let j = 0; j < k; j++) out[i * k + j] += X[i * k + c] * Y[c * k + j];
  return out;
}

/** tr(X Y) for symmetric Y: Σ X_ij Y_ij. */
function traceProduct(X: Float64Array, Y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < X.length; i++) s += X[i] * Y[i];
  return s;
}
