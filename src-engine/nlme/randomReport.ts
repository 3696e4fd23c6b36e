/**
 * lme's random-effects parts of the report: VarCorr (each level's SDs σ·√diag(Ψ) and correlations)
 * and ranef (the conditional modes b̂ = ΨZᵀV⁻¹(y − Xβ̂) per group that has rows).
 */
import { type NlmeModel } from './model';
import { type RandomReport, type RanefReport } from './report';
import { psiOf, type ReLevel } from './reStruct';

export function randomEffects(model: NlmeModel, par: ArrayLike<number>, vInvResid: Float64Array, sigma: number): { random: RandomReport[]; ranef: RanefReport[] } {
  const factors = model.levelFactors(par);
  const random: RandomReport[] = [];
  const ranef: RanefReport[] = [];
  for (const [l, lev] of model.reLevels.entries()) {
    const q = lev.terms.length;
    const Psi = psiOf(factors[l], q);
    const sd = Array.from({ length: q }, (_, i) => sigma * Math.sqrt(Psi[i * q + i]));
    const corr = Array.from(Psi, (v, idx) => v / Math.sqrt(Psi[Math.floor(idx / q) * (q + 1)] * Psi[(idx % q) * (q + 1)]));
    random.push({ level: lev.name, terms: [...lev.terms], sd, corr, ...(lev.diagonal ? { diagonal: true } : {}) });
    const { labels, values } = levelModes(lev, Psi, vInvResid);
    ranef.push({ level: lev.name, labels, terms: [...lev.terms], values });
  }
  return { random, ranef };
}

/** One level's b̂_g = Ψ Σ_{i in g} z_i (V⁻¹r)_i for the groups with rows, in R's level order. */
function levelModes(lev: ReLevel, Psi: Float64Array, vInvResid: Float64Array): { labels: string[]; values: number[] } {
  const q = lev.terms.length;
  const zs = new Float64Array(lev.labels.length * q);
  for (let i = 0; i < vInvResid.length; i++) for (let c = 0; c < q; c++) zs[lev.codes[i] * q + c] += lev.z[i * q + c] * vInvResid[i];
  const present = new Set(lev.codes);
  const used = lev.labels.map((_, g) => g).filter((g) => present.has(g));
  const values: number[] = [];
  for (const g of used) for (let r = 0; r < q; r++) values.push(Array.from({ length: q }, (_, c) => Psi[r * q + c] * zs[g * q + c]).reduce((a, b) => a + b, 0));
  return { labels: used.map((g) => lev.labels[g]), values };
}
