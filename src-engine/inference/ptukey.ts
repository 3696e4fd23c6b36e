/**
 * The studentized range distribution, P(Q ≤ q) for the range of `nmeans` normal means studentized by
 * an independent σ̂ with `df` degrees of freedom (R's ptukey with nranges = 1): Copenhaver & Holland
 * (1988) — Gauss–Legendre quadrature of the range probability (wprob) over the distribution of σ̂.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; ~1e-15 relative). */
const LANCZOS = [0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7];
function gammaln(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaln(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const XLEG = [0.9815606342467192, 0.9041172563704749, 0.7699026741943047, 0.5873179542866175, 0.3678314989981802, 0.1252334085114689];
const ALEG = [0.04717533638651183, 0.10693932599531843, 0.16007832854334622, 0.20316742672306592, 0.2334925365383548, 0.2491470458134028];
const XLEGQ = [0.9894009349916499, 0.9445750230732326, 0.8656312023878318, 0.755404408355003, 0.6178762444026438, 0.45801677765722737, 0.2816035507792589, 0.09501250983763744];
const ALEGQ = [0.027152459411754096, 0.062253523938647894, 0.09515851168249279, 0.12462897125553388, 0.14959598881657674, 0.16915651939500254, 0.18260341504492358, 0.1894506104550685];

/** Probability that the range of `cc` standard normals is below w (R's wprob, rr = 1). */
function wprob(w: number, cc: number): number {
  const qsqz = w * 0.5;
  if (qsqz >= 8) return 1;
  let pr = 2 * normalCdf(qsqz, 0, 1) - 1;
  pr = pr >= Math.exp(-50 / cc) ? pr ** cc : 0;
  const wincr = w > 3 ? 2 : 3;
  let blb = qsqz;
  const binc = (8 - qsqz) / wincr;
  let bub = blb + binc;
  let einsum = 0;
  const cc1 = cc - 1;
  for (let wi = 1; wi <= wincr; wi++) {
    let elsum = 0;
    const a = 0.5 * (bub + blb);
    const b = 0.5 * (bub - blb);
    for (let jj = 1; jj <= 12; jj++) {
      let j: number;
      let xx: number;
      if (6 < jj) {
        j = 12 - jj + 1;
        xx = XLEG[j - 1];
      } else {
        j = jj;
        xx = -XLEG[j - 1];
      }
      const ac = a + b * xx;
      const qexpo = ac * ac;
      if (qexpo > 60) break;
      const pplus = 2 * normalCdf(ac, 0, 1);
      const pminus = 2 * normalCdf(ac, w, 1);
      let rinsum = pplus * 0.5 - pminus * 0.5;
      if (rinsum >= Math.exp(-30 / cc1)) {
        rinsum = ALEG[j - 1] * Math.exp(-(0.5 * qexpo)) * rinsum ** cc1;
        elsum += rinsum;
      }
    }
    elsum *= (2 * b * cc) / Math.sqrt(2 * Math.PI);
    einsum += elsum;
    blb = bub;
    bub += binc;
  }
  pr += einsum;
  if (pr <= Math.exp(-30)) return 0;
  return Math.min(pr, 1);
}

/** P(Q ≤ q); `upper` gives P(Q > q) (R: ptukey(q, nmeans, df, lower.tail = FALSE)). */
export function ptukey(q: number, nmeans: number, df: number, upper = false): number {
  const tail = (p: number) => (upper ? 1 - p : p);
  if (!(q > 0)) return tail(0);
  if (df < 2 || nmeans < 2) return NaN;
  if (!Number.isFinite(q)) return tail(1);
  if (df > 25000) return tail(wprob(q, nmeans));
  const f2 = df * 0.5;
  let f2lf = f2 * Math.log(df) - df * Math.LN2 - gammaln(f2);
  const f21 = f2 - 1;
  const ff4 = df * 0.25;
  const ulen = df <= 100 ? 1 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  f2lf += Math.log(ulen);
  let ans = 0;
  for (let i = 1; i <= 50; i++) {
    let otsum = 0;
    const twa1 = (2 * i - 1) * ulen;
    for (let jj = 1; jj <= 16; jj++) {
      let j: number;
      let t1: number;
      let qsqz: number;
      if (8 < jj) {
        j = jj - 8 - 1;
        t1 = f2lf + f21 * Math.log(twa1 + XLEGQ[j] * ulen) - (XLEGQ[j] * ulen + twa1) * ff4;
        qsqz = q * Math.sqrt((XLEGQ[j] * ulen + twa1) * 0.5);
      } else {
        j = jj - 1;
        t1 = f2lf + f21 * Math.log(twa1 - XLEGQ[j] * ulen) + (XLEGQ[j] * ulen - twa1) * ff4;
        qsqz = q * Math.sqrt((-(XLEGQ[j] * ulen) + twa1) * 0.5);
      }
      if (t1 >= -30) otsum += wprob(qsqz, nmeans) * ALEGQ[j] * Math.exp(t1);
    }
    if (i * ulen >= 1 && otsum <= 1e-14) break;
    ans += otsum;
  }
  return tail(Math.min(ans, 1));
}
