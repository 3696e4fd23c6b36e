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
 * With random effects in the zero-inflation formula too, an observation has rows z̃ᵢ = (z_ηᵢ, z_ζᵢ) in
 * both predictors, W = −∇²ℓ in (η, ζ), and the same holds with sums over the predictors a, b, c:
 * Gᵢ = z̃ᵢ H⁻¹ z̃ᵢᵀ (2×2), λ = H⁻¹ Σᵢ z̃ᵢᵀ uᵢ with u_c = −½ Σ_ab G_ab ℓ_abc, ξᵢ = z̃ᵢ λ, and
 *   r_ν,i = −ℓ_ν − ½ Σ_ab G_ab ℓ_abν + Σ_c ξ_c ℓ_cν.
 *   dF/dθ_m = n_t ½ tr(P Σ′) − ½ tr(P Σ′ P A),   A = Σ_l [u_l u_lᵀ + (H⁻¹)_ll − λ_l u_lᵀ − u_l λ_lᵀ],
 * with Σ′ = ∂Σ_t/∂θ_m (reCovariance.ts), since ∂P = −P Σ′ P; for a scalar term (σ = e^θ) this is
 * Σ_l [1 − p b̂ₗ² − p (H⁻¹)ₗₗ + 2 p λₗ b̂ₗ], p = e^{−2θ}.
 * The same construction as glmer's (glmm/laplaceGradient.ts), and as there only H⁻¹'s selected
 * entries are formed (reHessian.ts: the diagonal and the pairs one observation couples).
 */
import { D, N_PARTIALS } from './densityPartials';
import { type LaplaceState, type Predictors, type TmbProblem } from './laplace';

const {
  e: E, ee: EE, eee: EEE, k: K, ek: EK, eek: EEK, z: Z, ez: EZ, eez: EEZ, zz: ZZ, ezz: EZZ, zzz: ZZZ,
  zk: ZK, ezk: EZK, zzk: ZZK, p: PS, ep: EPS, eep: EEPS, zp: ZPS, ezp: EZPS, zzp: ZZPS,
} = D;

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

  // Gᵢ = z̃ᵢ H⁻¹ z̃ᵢᵀ by predictor (η, ζ) as (G_ηη, 2G_ηζ, G_ζζ), and the adjoint's right-hand side
  // Σᵢ z̃ᵢᵀ uᵢ, u_c = −½ Σ_ab G_ab ℓ_abc for c = η, ζ (W′ = −ℓ‴; only η without zi random effects)
  const G = new Float64Array(3 * n);
  const rhs = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    hessian.leverageByChannel(i, G, 3 * i);
    const o = i * N_PARTIALS, g0 = G[3 * i], g1 = G[3 * i + 1], g2 = G[3 * i + 2];
    const uE = -0.5 * (g0 * partials[o + EEE] + g1 * partials[o + EEZ] + g2 * partials[o + EZZ]);
    const uZ = -0.5 * (g0 * partials[o + EEZ] + g1 * partials[o + EZZ] + g2 * partials[o + ZZZ]);
    for (const t of terms) {
      const a = t.channel === 0 ? uE : uZ;
      for (let c = 0; c < t.k; c++) rhs[t.index[i] + c] += a * t.z[i * t.k + c];
    }
  }
  const lambda = hessian.solve(rhs);

  const { cond, zi, disp } = designs;
  const rEta = new Float64Array(n), rKappa = new Float64Array(n), rZeta = new Float64Array(n);
  // the family parameter (tweedie's psi) is one coefficient on a column of ones
  let rPsi = 0;
  for (let i = 0; i < n; i++) {
    // ξ = z̃ᵢ λ by predictor
    let xiE = 0, xiZ = 0;
    for (const t of terms) {
      let v = 0;
      for (let c = 0; c < t.k; c++) v += t.z[i * t.k + c] * lambda[t.index[i] + c];
      if (t.channel === 0) xiE += v;
      else xiZ += v;
    }
    const o = i * N_PARTIALS, gee = 0.5 * G[3 * i], gez = 0.5 * G[3 * i + 1], gzz = 0.5 * G[3 * i + 2];
    const pt = partials;
    rEta[i] = -pt[o + E] - gee * pt[o + EEE] - gez * pt[o + EEZ] - gzz * pt[o + EZZ] + xiE * pt[o + EE] + xiZ * pt[o + EZ];
    rKappa[i] = -pt[o + K] - gee * pt[o + EEK] - gez * pt[o + EZK] - gzz * pt[o + ZZK] + xiE * pt[o + EK] + xiZ * pt[o + ZK];
    rZeta[i] = -pt[o + Z] - gee * pt[o + EEZ] - gez * pt[o + EZZ] - gzz * pt[o + ZZZ] + xiE * pt[o + EZ] + xiZ * pt[o + ZZ];
    rPsi += -pt[o + PS] - gee * pt[o + EEPS] - gez * pt[o + EZPS] - gzz * pt[o + ZZPS] + xiE * pt[o + EPS] + xiZ * pt[o + ZPS];
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
  if (at.psi.length) grad.push(rPsi);
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
