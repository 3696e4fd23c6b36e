/**
 * The exact θ block of the Hessian of lmerTest's devfun_vp(θ, σ̂) for models whose random-effects terms
 * are all scalar, from one factorization at θ̂ and the dense inverse of its rest (instead of numDeriv's
 * 4nθ(nθ + 1) factorizations; InstEval: 48).
 *
 * With V = W⁻¹ + Σ_k ψ_k Z_k Z_kᵀ, ψ_k = θ_k², devfun_vp = log|V|-part + r²/σ², where the log-det part
 * is log|L_θ|² (ML) or log|L_θ|² + log|R_X|² (REML), and r² = yᵀPy (β profiled). The classical results
 *   ∂(log-det)/∂ψ_k = tr(Q V_k),  ∂²(log-det)/∂ψ_k∂ψ_l = −tr(Q V_k Q V_l),  V_k = Z_k Z_kᵀ
 *   ∂r²/∂ψ_k = −yᵀP V_k P y,      ∂²r²/∂ψ_k∂ψ_l = 2 yᵀP V_k P V_l P y
 * (Q = V⁻¹ for ML, P = V⁻¹ − V⁻¹X(XᵀV⁻¹X)⁻¹XᵀV⁻¹ for REML) become, by Henderson's equations,
 *   Λ Zᵀ Q Z Λ = I − Ψ,   Z_kᵀ P y = ũ_k / θ_k,
 * where Ψ is the random-effects block of the inverse of the factored system: A⁻¹ = (ΛᵀZᵀWZΛ + I)⁻¹ for
 * ML's log-det part, of the system with X (Ψ_C) for REML's and for r². So, with blocks k, l of Ψ,
 *   tr(Q V_k Q V_l) = ‖δ_kl I − Ψ_kl‖²_F / (θ_k² θ_l²),   yᵀP V_k P V_l P y = ũ_kᵀ(δ_kl I − Ψ_C,kl)ũ_l / (θ_k² θ_l²)
 * and ∂²/∂θ_k∂θ_l = 4θ_kθ_l ∂²/∂ψ_k∂ψ_l + 2δ_kl ∂/∂ψ_k.
 *
 * Ψ from the block-0 + dense-rest factorization L = [D 0; L₂₁ L₂₂] (block 0 scalar, D diagonal): with
 * J = L₂₂⁻¹ (over the rest's random effects and X), Σ = JᵀJ and k_i = L₂₁ e_i / d_i,
 *   Ψ₀₀ = D⁻² + KᵀΣK,   Ψ₀ᵣ = −KᵀΣ[:, RE],   Ψᵣᵣ = Σ[RE, RE]
 * (for A⁻¹ the same with J's leading random-effects block alone). The squared Frobenius norms of Ψ₀₀
 * need ‖KᵀΣK‖²_F = Σ_ij (k_iᵀΣk_j)², summed over its upper triangle eight columns at a time (restInverse's
 * levels(): no n × n M = ΣKKᵀ is formed). A⁻¹'s norms (ML) follow from
 * Ψ_C's: the two differ by a rank-p term (mlNorms).
 */
import { type RestInverse, restInverse } from '../linalg/wasmInverse';
import { BlockFactor, type LmmFactor } from '../lmm/lmmFactor';
import { type LmmModel } from '../lmm/lmmModel';
import { unscaledVcovFromFactor } from '../lmm/solve';
import { templatesInvertible } from './varparDerivatives';

/** Per pair of blocks ‖Ψ_kl‖²_F and per block tr Ψ_kk, for one Ψ (Σ of order n: the rest's random effects, then X if n > qRest). */
interface PsiNorms {
  frob: Float64Array; // nb × nb
  trace: Float64Array;
}

function psiNorms(f: BlockFactor, inv: RestInverse, n: number, restBlock: Int32Array): PsiNorms {
  const nb = f.blocks.length;
  const { qRest } = f.cp;
  const frob = new Float64Array(nb * nb);
  const trace = new Float64Array(nb);
  // rest × rest: per column, each block's rows summed into its entry in row order (a running sum per
  // entry); run while the helper threads start the level loop below
  const restNorms = () => {
    const Sigma = inv.sigma;
    const { restOffset } = f.cp;
    for (let b = 0; b < qRest; b++) {
      const kb = restBlock[b];
      const col = b * n;
      trace[kb] += Sigma[col + b];
      for (let k = 1; k < nb; k++) {
        let s = frob[k * nb + kb];
        for (let a = col + restOffset[k], end = a + f.blocks[k].nl; a < end; a++) s += Sigma[a] * Sigma[a];
        frob[k * nb + kb] = s;
      }
    }
  };
  // block 0: per level k_lᵀΣk_l, per rest row Σ_l (Σk_l)², and ‖KᵀΣK‖²_F, from the level loop
  const L11 = f.L11;
  // K's columns k_l = L₂₁ e_l / d_l, from the factorization's pattern and level rows
  const nl = f.blocks[0].nl;
  const { kq, qsq, trMM } = inv.levels({ patStart: f.cp.patStart, patRows: f.cp.patRows, B: f.levelRows(0, nl), d: L11.subarray(0, nl) }, restNorms);
  for (let l = 0; l < nl; l++) {
    const d2 = 1 / (L11[l] * L11[l]);
    frob[0] += d2 * d2 + 2 * d2 * kq[l];
    trace[0] += d2 + kq[l];
  }
  for (let a = 0; a < qRest; a++) {
    frob[restBlock[a]] += qsq[a]; // (0, block of a)
    frob[restBlock[a] * nb] += qsq[a];
  }
  frob[0] += trMM;
  return { frob, trace };
}

/**
 * Ψ_C x for each x given per block (level-major); returns Ψ_C x per block, per x. All x at once (restInverse's
 * psi(): one pass over Σ, 10.7 MB for InstEval, for all of them).
 */
function applyPsi(f: BlockFactor, inv: RestInverse, n: number, xs: readonly (readonly Float64Array[])[]): Float64Array[][] {
  const { blocks, cp } = f;
  const xrs = xs.map((x) => {
    const xr = new Float64Array(n);
    for (let k = 1; k < blocks.length; k++) xr.set(x[k], cp.restOffset[k]);
    return xr;
  });
  const { out0, w } = inv.psi(xs.map((x) => x[0]), xrs);
  return xs.map((_, v) => blocks.map((b, k) => (k === 0 ? out0[v] : w[v].slice(cp.restOffset[k], cp.restOffset[k] + b.nl))));
}

/** Σ_i x_i y_i in index order. */
function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** ‖A⁻¹_kl‖²_F and tr A⁻¹_kk from Ψ_C's and the rank-p difference Ψ_C − A⁻¹ = U V Uᵀ. */
function mlNorms(f: BlockFactor, psiC: PsiNorms, bilinear: (U: readonly Float64Array[][], W: readonly Float64Array[][]) => Float64Array[], nb: number): PsiNorms {
  const { p } = f.cp;
  const { L, m, qRest } = f.rest();
  const U = Array.from({ length: p }, (_, j) => f.rowModes(qRest + j).u);
  const V = unscaledVcovFromFactor(L, qRest * m + qRest, m, p); // p×p column-major, symmetric
  const UPsiU = bilinear(U, U); // per (k, l): [a·p + b] = U_aᵀ Ψ_C,kl U_b
  // per block: G_k = U_kᵀU_k (p×p)
  const G = Array.from({ length: nb }, (_, k) => {
    const g = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) g[a * p + b] = dot(U[a][k], U[b][k]);
    return g;
  });
  const mul = (A: Float64Array, B: Float64Array) => {
    const out = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let t = 0; t < p; t++) out[i * p + j] += A[i * p + t] * B[t * p + j];
    return out;
  };
  const tr = (A: Float64Array) => {
    let s = 0;
    for (let i = 0; i < p; i++) s += A[i * p + i];
    return s;
  };
  const frob = psiC.frob.slice();
  const trace = psiC.trace.slice();
  for (let k = 0; k < nb; k++) {
    // tr (U V Uᵀ)_kk = tr(V G_k)
    trace[k] -= tr(mul(V, G[k]));
    for (let l = 0; l < nb; l++) {
      // UPsiU for (l, k) holds U_aᵀ Ψ_C,lk U_b: tr(V · that)
      const cross = tr(mul(V, UPsiU[l * nb + k]));
      const sq = tr(mul(mul(V, G[l]), mul(V, G[k])));
      frob[k * nb + l] += -2 * cross + sq;
    }
  }
  return { frob, trace };
}

/** Whether the model has the exact θ block's shape: the block-0 + dense-rest factorization, every term scalar. */
export function scalarBlockShape(model: LmmModel): boolean {
  return !model.supernodalPath && model.blocks.every((b) => b.S === 1);
}

/** Whether the exact θ block applies at θ: its shape, and every θ clear of 0. */
export function scalarHessianApplies(model: LmmModel, theta: Float64Array): boolean {
  return scalarBlockShape(model) && templatesInvertible(model.blocks, theta);
}

function applies(f: LmmFactor): f is BlockFactor {
  return f instanceof BlockFactor && f.blocks.every((b) => b.S === 1) && templatesInvertible(f.blocks, f.theta);
}

/**
 * The dense inverse the θ block at `f` needs, begun: where the inverse kernel has helper threads they start
 * on it now, while the caller does other work (the df's first derivatives); undefined where the block does
 * not apply. Give it to scalarThetaHessian with the same factor.
 */
export function beginScalarThetaHessian(f: LmmFactor): RestInverse | undefined {
  if (!applies(f)) return undefined;
  const { blocks, cp } = f;
  const { m, qRest, p } = cp;
  // psi() takes at most nb · max(p, 1) vectors: bilinear's xs for U = [ũ] and for mlNorms' p modes
  return restInverse(f.rest().L, qRest + p, m, { levels: blocks[0].nl, entries: cp.patStart[blocks[0].nl], vectors: blocks.length * Math.max(p, 1) });
}

/**
 * The nθ × nθ θ block of devfun_vp's Hessian (column-major) at the factorization's θ and σ (see the file comment);
 * undefined where it does not apply (scalarHessianApplies). `f` must be complete; `begun`, if given, is
 * beginScalarThetaHessian(f).
 */
export function scalarThetaHessian(f: LmmFactor, sigma: number, reml: boolean, begun?: RestInverse): Float64Array | undefined {
  const inv = begun ?? beginScalarThetaHessian(f);
  if (!inv || !applies(f)) return undefined;
  const { blocks, theta, cp } = f;
  const { m, qRest, p } = cp;
  const nb = blocks.length;
  const nC = qRest + p;
  const restBlock = new Int32Array(qRest);
  for (let k = 1; k < nb; k++) restBlock.fill(k, cp.restOffset[k], cp.restOffset[k] + blocks[k].nl);

  const psiC = psiNorms(f, inv, nC, restBlock);
  // Uᵀ Ψ_C,kl W per pair of blocks: Ψ_C applied to W restricted to block l, then dotted with U's block k
  const bilinear = (U: readonly Float64Array[][], W: readonly Float64Array[][]): Float64Array[] => {
    const out = Array.from({ length: nb * nb }, () => new Float64Array(U.length * W.length));
    const xs: Float64Array[][] = [];
    for (let l = 0; l < nb; l++) for (const w of W) xs.push(blocks.map((blk, k) => (k === l ? w[k] : new Float64Array(blk.nl))));
    const psiX = applyPsi(f, inv, nC, xs);
    for (let l = 0; l < nb; l++)
      W.forEach((_, b) => {
        const v = psiX[l * W.length + b];
        U.forEach((u, a) => {
          for (let k = 0; k < nb; k++) out[k * nb + l][a * W.length + b] = dot(u[k], v[k]);
        });
      });
    return out;
  };
  const { u } = f.rowModes(m - 1); // ũ per block
  const uu = u.map((v) => dot(v, v));
  const bil = bilinear([u], [u]).map((v) => v[0]);
  // ML's log-det part needs A⁻¹ = Ψ_C − U V Uᵀ (U: the modes A⁻¹ΛᵀZᵀW x_j of X's columns, V = (R_XᵀR_X)⁻¹):
  // ‖Ψ_A,kl‖² = ‖Ψ_C,kl‖² − 2 tr(V U_lᵀ Ψ_C,lk U_k) + tr(V U_lᵀU_l V U_kᵀU_k)
  const psiLd = reml ? psiC : mlNorms(f, psiC, bilinear, nb);

  const s2 = sigma * sigma;
  const th = blocks.map((b) => theta[b.thetaIndex[0]]);
  const nTheta = theta.length;
  const H = new Float64Array(nTheta * nTheta); // column-major
  for (let k = 0; k < nb; k++)
    for (let l = 0; l < nb; l++) {
      const same = k === l;
      const q = blocks[k].nl;
      const ld = (same ? q - 2 * psiLd.trace[k] : 0) + psiLd.frob[k * nb + l];
      const r2 = (same ? uu[k] : 0) - (bil[k * nb + l] + bil[l * nb + k]) / 2;
      let h = (4 / (th[k] * th[l])) * (-ld + (2 / s2) * r2);
      if (same) h += (2 * (q - psiLd.trace[k] - uu[k] / s2)) / (th[k] * th[k]);
      H[blocks[l].thetaIndex[0] * nTheta + blocks[k].thetaIndex[0]] = h;
    }
  return H;
}
