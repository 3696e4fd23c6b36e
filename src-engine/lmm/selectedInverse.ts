/**
 * Z = (L_θL_θᵀ)⁻¹ on the pattern of the supernodal factor L, by selected inversion (Takahashi), supernode by
 * supernode from the last: Z_Ps = −Z_PP L_Ps L_ss⁻¹, Z_ss = L_ss⁻ᵀ(L_ss⁻¹ − L_Psᵀ Z_Ps). What depends only
 * on the pattern is worked out once per factorizer (this plan): where every Z_PP entry a supernode reads
 * lives, so the inversion, run for every exact gradient (the field design's BFGS and its Satterthwaite
 * df), reads Z by index instead of searching the owning supernode's pattern per entry. Consecutive
 * supernodes with the same random-effects pattern (the plots of one site: the site's and the years'
 * columns) read the same Z_PP, which none of them writes; it is gathered once into a dense block for all.
 */
import { choleskyInverse } from '../linalg/blockedInverse';
import { lowerInverseColumn } from '../linalg/triangularInverse';
import { lowerBound, type Supernode } from './supernodalAssembly';

export interface SelectedInverse {
  /** The dense rest's random-effects block of Z (q × q, column-major). */
  Zrr: Float64Array;
  /** Supernode s's Z_ss (column-major S × S) at Zss[ssAt[s]…]. */
  Zss: Float64Array;
  ssAt: Int32Array;
  q: number;
}

export class SelectedInversePlan {
  private readonly ssAt: Int32Array;
  private readonly psAt: Int32Array;
  /** Rows of each pattern that are random effects (the first Rp; X and y come after). */
  private readonly Rps: Int32Array;
  /** Z = [Zrr | Zss | Zps] in one buffer; per supernode, the buffer index of each Z_PP entry (a, b) at zAt[s] + b·Rp + a. */
  private readonly Z: Float64Array;
  private readonly zIndex: Int32Array;
  private readonly zAt: Int32Array;
  /** sharesZpp[s]: supernode s reads the Z_PP that supernode s + 1 (inverted just before it) read. */
  private readonly sharesZpp: Uint8Array;
  /** The Z_PP block in use, dense (column-major Rp × Rp). */
  private readonly Zpp: Float64Array;
  private readonly ssOff: number;
  private readonly psOff: number;
  private readonly G: Float64Array;
  private readonly Y: Float64Array;
  private readonly H: Float64Array;

  /**
   * `qE` eliminated columns owned by `owner`; the dense rest's first `q` columns are random effects.
   * `generalOnly`: every supernode by the general loops (tests compare the 1 × 1 and 2 × 2 paths with them).
   */
  constructor(
    private readonly nodes: readonly Supernode[],
    owner: Int32Array,
    qE: number,
    private readonly q: number,
    private readonly generalOnly = false,
  ) {
    const reEnd = qE + q;
    const n = nodes.length;
    this.ssAt = new Int32Array(n + 1);
    this.psAt = new Int32Array(n + 1);
    this.Rps = new Int32Array(n);
    this.zAt = new Int32Array(n + 1);
    let maxS = 1;
    let maxRp = 1;
    for (let s = 0; s < n; s++) {
      const { S, pattern } = nodes[s];
      let Rp = 0;
      while (Rp < pattern.length && pattern[Rp] < reEnd) Rp++;
      this.Rps[s] = Rp;
      this.ssAt[s + 1] = this.ssAt[s] + S * S;
      this.psAt[s + 1] = this.psAt[s] + Rp * S;
      this.zAt[s + 1] = this.zAt[s] + Rp * Rp;
      maxS = Math.max(maxS, S);
      maxRp = Math.max(maxRp, Rp);
    }
    this.ssOff = q * q;
    this.psOff = this.ssOff + this.ssAt[n];
    this.Z = new Float64Array(this.psOff + this.psAt[n]);
    const at = (x: number, y: number): number => {
      const a = x > y ? x : y;
      const b = x > y ? y : x;
      if (b >= qE) return (b - qE) * q + (a - qE);
      const u = owner[b];
      const { col0, S, pattern } = nodes[u];
      if (a < col0 + S) return this.ssOff + this.ssAt[u] + (b - col0) * S + (a - col0);
      return this.psOff + this.psAt[u] + (b - col0) * this.Rps[u] + lowerBound(pattern, a);
    };
    this.zIndex = new Int32Array(this.zAt[n]);
    for (let s = 0; s < n; s++) {
      const pat = nodes[s].pattern;
      const Rp = this.Rps[s];
      for (let b = 0; b < Rp; b++) for (let a = 0; a < Rp; a++) this.zIndex[this.zAt[s] + b * Rp + a] = at(pat[a], pat[b]);
    }
    // the same rows in the same order: the same Z entries, gathered into the same places
    this.sharesZpp = new Uint8Array(n);
    for (let s = 0; s + 1 < n; s++) {
      const Rp = this.Rps[s];
      if (Rp !== this.Rps[s + 1]) continue;
      const a = nodes[s].pattern;
      const b = nodes[s + 1].pattern;
      let same = true;
      for (let i = 0; i < Rp && same; i++) same = a[i] === b[i];
      this.sharesZpp[s] = same ? 1 : 0;
    }
    this.Zpp = new Float64Array(maxRp * maxRp);
    this.G = new Float64Array(maxS * maxS);
    this.Y = new Float64Array(maxRp * maxS);
    this.H = new Float64Array(maxS * maxS);
  }

  /**
   * Z after a factorization: `D[s]` supernode s's factored diagonal block, `O[s]` its L_Ps (column-major
   * R × S, the first Rp rows random effects), `rest` the dense rest's factor (leading dimension m). The
   * arrays returned are views on the plan's buffer, valid until the next run.
   */
  run(D: readonly Float64Array[], O: readonly Float64Array[], rest: Float64Array, m: number): SelectedInverse {
    const { nodes, q, Z, zIndex, zAt, ssAt, psAt, Rps, ssOff, psOff, G, Y, H, Zpp, sharesZpp } = this;
    // Z_rr = L₂₂⁻ᵀ L₂₂⁻¹ on the random-effects part of the dense rest
    Z.set(choleskyInverse(rest, q, m), 0);
    Z.fill(0, ssOff); // as fresh arrays: an entry is never read before it is written, but stay safe if one were
    for (let s = nodes.length - 1; s >= 0; s--) {
      const { S, pattern: pat } = nodes[s];
      const R = pat.length;
      const Rp = Rps[s];
      const W = O[s];
      if (!sharesZpp[s]) {
        const z0 = zAt[s];
        for (let i = 0; i < Rp * Rp; i++) Zpp[i] = Z[zIndex[z0 + i]];
      }
      if (S === 1 && !this.generalOnly) {
        this.scalarNode(D[s][0], W, Rp, psOff + psAt[s], ssOff + ssAt[s]);
        continue;
      }
      if (S === 2 && !this.generalOnly) {
        this.pairNode(D[s], W, R, Rp, psOff + psAt[s], ssOff + ssAt[s]);
        continue;
      }
      // G = L_ss⁻¹ (lower), column by column into the zeroed buffer
      G.fill(0, 0, S * S);
      for (let j = 0; j < S; j++) lowerInverseColumn(D[s], S, S, G, j);
      // Y = Z_PP W (Rp × S), then Z_Ps = −Y G
      Y.fill(0, 0, Rp * S);
      for (let a = 0; a < Rp; a++)
        for (let b = 0; b < Rp; b++) {
          const z = Zpp[b * Rp + a];
          if (z === 0) continue;
          for (let c = 0; c < S; c++) Y[c * Rp + a] += z * W[c * R + b];
        }
      const ps = psOff + psAt[s];
      for (let c = 0; c < S; c++)
        for (let a = 0; a < Rp; a++) {
          let t = 0;
          for (let k = c; k < S; k++) t += Y[k * Rp + a] * G[c * S + k];
          Z[ps + c * Rp + a] = -t;
        }
      // Z_ss = Gᵀ (G − Wᵀ Z_Ps)
      for (let c = 0; c < S; c++)
        for (let r = 0; r < S; r++) {
          let t = 0;
          for (let a = 0; a < Rp; a++) t += W[r * R + a] * Z[ps + c * Rp + a];
          H[c * S + r] = (r >= c ? G[c * S + r] : 0) - t;
        }
      const ss = ssOff + ssAt[s];
      for (let c = 0; c < S; c++)
        for (let r = 0; r < S; r++) {
          let t = 0;
          for (let k = r; k < S; k++) t += G[r * S + k] * H[c * S + k];
          Z[ss + c * S + r] = t;
        }
    }
    return { Zrr: Z.subarray(0, q * q), Zss: Z.subarray(ssOff, psOff), ssAt, q };
  }

  /**
   * run()'s steps for a 2 × 2 supernode (a slope's levels: the field design's sites), operation for
   * operation, in registers: G = L_ss⁻¹ as lowerInverseColumn forms it, then per pattern row a the row of
   * Y = Z_PP W, Z_Ps = −Y G and the sums of Wᵀ Z_Ps (each sum over a in order, as the general loops).
   */
  private pairNode(L: Float64Array, W: Float64Array, R: number, Rp: number, ps: number, ss: number): void {
    const { Z, Zpp } = this;
    // G = L_ss⁻¹, column by column from zeros (lowerInverseColumn)
    let G0 = 1;
    let G1 = 0;
    const x0 = (G0 /= L[0]);
    if (x0 !== 0) G1 -= L[1] * x0;
    G1 /= L[3];
    let G3 = 1;
    G3 /= L[3];
    let h00 = 0;
    let h01 = 0;
    let h10 = 0;
    let h11 = 0;
    for (let a = 0; a < Rp; a++) {
      let y0 = 0;
      let y1 = 0;
      for (let b = 0; b < Rp; b++) {
        const z = Zpp[b * Rp + a];
        if (z === 0) continue;
        y0 += z * W[b];
        y1 += z * W[R + b];
      }
      let t = 0;
      t += y0 * G0;
      t += y1 * G1;
      const p0 = -t;
      t = 0;
      t += y1 * G3;
      const p1 = -t;
      Z[ps + a] = p0;
      Z[ps + Rp + a] = p1;
      h00 += W[a] * p0;
      h01 += W[R + a] * p0;
      h10 += W[a] * p1;
      h11 += W[R + a] * p1;
    }
    // H = G − Wᵀ Z_Ps (G lower), then Z_ss = Gᵀ H
    const H0 = G0 - h00;
    const H1 = G1 - h01;
    const H2 = 0 - h10;
    const H3 = G3 - h11;
    let t = 0;
    t += G0 * H0;
    t += G1 * H1;
    Z[ss] = t;
    t = 0;
    t += G3 * H1;
    Z[ss + 1] = t;
    t = 0;
    t += G0 * H2;
    t += G1 * H3;
    Z[ss + 2] = t;
    t = 0;
    t += G3 * H3;
    Z[ss + 3] = t;
  }

  /** run()'s steps for a 1 × 1 supernode (the levels of a scalar term: most of them), operation for operation. */
  private scalarNode(d: number, W: Float64Array, Rp: number, ps: number, ss: number): void {
    const { Z, Zpp } = this;
    const g = 1 / d;
    let h = g;
    let u = 0;
    // two rows of Y = Z_PP W at a time (Z_PP is symmetric: row a is column a), so that their sums'
    // additions overlap; each sum, and u's, in the order of the one-row loop
    let a = 0;
    for (; a + 1 < Rp; a += 2) {
      let y = 0;
      let y1 = 0;
      const r0 = a * Rp;
      const r1 = r0 + Rp;
      for (let b = 0; b < Rp; b++) {
        const w = W[b];
        const z = Zpp[r0 + b];
        const z1 = Zpp[r1 + b];
        if (z !== 0) y += z * w;
        if (z1 !== 0) y1 += z1 * w;
      }
      let t = 0;
      t += y * g;
      Z[ps + a] = -t;
      u += W[a] * -t;
      t = 0;
      t += y1 * g;
      Z[ps + a + 1] = -t;
      u += W[a + 1] * -t;
    }
    if (a < Rp) {
      let y = 0;
      for (let b = 0; b < Rp; b++) {
        const z = Zpp[a * Rp + b];
        if (z !== 0) y += z * W[b];
      }
      let t = 0;
      t += y * g;
      Z[ps + a] = -t;
      u += W[a] * -t;
    }
    h -= u;
    let t = 0;
    t += g * h;
    Z[ss] = t;
  }
}
