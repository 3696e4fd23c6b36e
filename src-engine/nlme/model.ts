/**
 * The marginal model of gls() and lme(): y ~ N(Xβ, σ² V) with V block diagonal,
 *   V_b = Λ_b + Σ_q Z_qb Ψ_q Z_qbᵀ,   Λ = W⁻¹ C W⁻¹,
 * W = diag(varWeights) from the variance function, C the correlation structure (block diagonal by its
 * groups) and the random-effects terms of lme. The blocks are the outermost random-effects groups
 * (lme), else the correlation groups, else single observations (gls).
 */
import { QuadratError } from '../errors/quadratError';
import { type CorStruct } from './corStruct/corStruct';
import { type NlmeFrame } from './frame';
import { levelCholesky, levelParCount, type ReLevel, reParCount } from './reStruct';
import { type VarFunc } from './varFunc/varFunc';

export interface ParLayout {
  readonly varStruct: readonly [number, number];
  readonly corStruct: readonly [number, number];
  readonly reStruct: readonly [number, number];
  readonly total: number;
}

export class NlmeModel {
  readonly layout: ParLayout;
  private blockList: number[][] | undefined;

  constructor(
    readonly frame: NlmeFrame,
    readonly reml: boolean,
    readonly varFunc: VarFunc | undefined,
    readonly corStruct: CorStruct | undefined,
    readonly reLevels: readonly ReLevel[],
  ) {
    const nv = varFunc?.nPar ?? 0;
    const nc = corStruct?.nPar ?? 0;
    const nr = reParCount(reLevels);
    this.layout = { varStruct: [0, nv], corStruct: [nv, nv + nc], reStruct: [nv + nc, nv + nc + nr], total: nv + nc + nr };
    const outer = reLevels[0];
    if (outer && corStruct) {
      for (const m of corStruct.members) {
        if (m.some((i) => outer.codes[i] !== outer.codes[m[0]])) {
          throw new QuadratError('model', `The correlation structure's groups (${corStruct.formula}) must be nested within the random-effects groups (${outer.name}): one of its groups spans several ${outer.name} groups.`);
        }
      }
    }
  }

  /** The blocks of V (made on first use: gls without correlation never needs its n single rows). */
  get blocks(): number[][] {
    return (this.blockList ??= this.makeBlocks());
  }

  private makeBlocks(): number[][] {
    const n = this.frame.n;
    if (this.reLevels.length > 0) {
      const outer = this.reLevels[0];
      const blocks: number[][] = outer.labels.map(() => []);
      for (let i = 0; i < n; i++) blocks[outer.codes[i]].push(i);
      return blocks.filter((b) => b.length > 0);
    }
    if (this.corStruct) return this.corStruct.members.map((m) => [...m]);
    return Array.from({ length: n }, (_, i) => [i]);
  }

  /** The parts of a parameter vector. */
  slice(par: ArrayLike<number>, which: keyof Omit<ParLayout, 'total'>): number[] {
    const [a, b] = this.layout[which];
    const out: number[] = [];
    for (let k = a; k < b; k++) out.push(par[k]);
    return out;
  }

  private unitLogWeights: Float64Array | undefined;
  private readonly buffers = new Map<string, Float64Array>();

  /**
   * The model's work array `name` with at least `size` entries, kept for the next evaluation (its
   * contents are the caller's): the optimizer's evaluations reuse them instead of allocating typed arrays
   * off V8's heap each time (linalg/packedViews.ts says why that costs).
   */
  buffer(name: string, size: number): Float64Array {
    const b = this.buffers.get(name);
    if (b && b.length >= size) return b;
    const fresh = new Float64Array(size);
    this.buffers.set(name, fresh);
    return fresh;
  }

  /** log w_i, into `out` when given (read-only: without a variance function, one shared array of zeros). */
  logWeights(par: ArrayLike<number>, fitted: Float64Array | undefined, out?: Float64Array): Float64Array {
    if (this.varFunc) return this.varFunc.logWeights(this.slice(par, 'varStruct'), fitted, out);
    return (this.unitLogWeights ??= new Float64Array(this.frame.n));
  }

  /** Each level's Cholesky factor L_q of Ψ_q at `par` (row-major lower k × k). */
  levelFactors(par: ArrayLike<number>): Float64Array[] {
    const re = this.slice(par, 'reStruct');
    let at = 0;
    return this.reLevels.map((lev) => {
      const L = levelCholesky(re, at, lev);
      at += levelParCount(lev);
      return L;
    });
  }

  /**
   * Per level, the loadings u_q(i) = L_qᵀ z_q(i) (row-major n × k): z_q(i)ᵀ Ψ_q z_q(j) = u_q(i)·u_q(j).
   * Valid until the next call (one buffer per level serves every evaluation).
   */
  reLoadings(par: ArrayLike<number>): { codes: Int32Array; k: number; u: Float64Array }[] {
    const n = this.frame.n;
    const factors = this.levelFactors(par);
    return this.reLevels.map((lev, q) => {
      const k = lev.terms.length;
      const L = factors[q];
      const u = this.buffer(`loadings${q}`, n * k);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let r = c; r < k; r++) s += L[r * k + c] * lev.z[i * k + r];
          u[i * k + c] = s;
        }
      }
      return { codes: lev.codes, k, u };
    });
  }

  /**
   * A function filling block b's V (column-major nb × nb, lower triangle) at `par`, and the
   * random-effects part K = V − Λ alone (for the conditional modes) when `reOnly`.
   */
  blockCovariance(par: ArrayLike<number>, logW: Float64Array): (block: readonly number[], out: Float64Array, reOnly?: boolean) => void {
    // sd multipliers 1/w, in a buffer of the model's (this closure lives for one evaluation only)
    const w = this.buffer('sd', this.frame.n);
    for (let i = 0; i < w.length; i++) w[i] = Math.exp(-logW[i]);
    const corr = this.corStruct?.correlation(this.slice(par, 'corStruct'));
    const groupOf = this.corStruct?.groupOf;
    const levels = this.reLoadings(par);
    const nl = levels.length;
    // V's Cholesky factorization and solves read its lower triangle only; K (reOnly) is read whole
    return (block, out, reOnly = false) => {
      const nb = block.length;
      for (let a = 0; a < nb; a++) {
        const i = block[a];
        const wi = w[i];
        const gi = groupOf ? groupOf[i] : -1;
        for (let c = a; c < nb; c++) {
          const j = block[c];
          let v = 0;
          if (!reOnly) {
            if (a === c) v = wi * wi;
            else if (corr && groupOf![j] === gi) v = corr(i, j) * wi * w[j];
          }
          for (let q = 0; q < nl; q++) {
            const lev = levels[q];
            if (lev.codes[i] !== lev.codes[j]) continue;
            const k = lev.k;
            const u = lev.u;
            for (let m = 0; m < k; m++) v += u[i * k + m] * u[j * k + m];
          }
          out[a * nb + c] = v; // column a, row c (lower triangle)
          if (reOnly) out[c * nb + a] = v;
        }
      }
    };
  }
}
