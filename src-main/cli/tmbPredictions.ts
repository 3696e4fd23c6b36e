/**
 * What `quadrat fit --family …` (glmmTMB models) adds after summary(glmmTMB): the marginal means per
 * factor (emmeans: the conditional mean, P(zero), the response mean including the zero part), DHARMa's
 * simulated-residual tests, and with --json ranef(m, condVar = TRUE) of both components. Taken from
 * the same report the app stores (src-engine/tmb/report/asFitReport.ts), so the numbers are the app's.
 */
import { type TmbInfo } from '../../src-engine/tmb/report/asFitReport';

const num = (x: number | undefined, d = 4) => (x !== undefined && Number.isFinite(x) ? x.toPrecision(d) : 'NA');
const pval = (p: number) => (p < 2.2e-16 ? '< 2.2e-16' : p.toPrecision(3));

/** The part of the stored report's `tmb` block that --json adds to quadrat.tmb/1. */
export function tmbPredictionsJson(t: TmbInfo): Pick<TmbInfo, 'ranef' | 'means' | 'meansNote' | 'simulated'> {
  return { ranef: t.ranef, means: t.means, ...(t.meansNote ? { meansNote: t.meansNote } : {}), simulated: t.simulated };
}

export function formatTmbPredictions(t: TmbInfo): string {
  const lines: string[] = [];
  const zeroWord = t.hurdle ? 'P(zero)' : 'P(str.zero)';
  for (const m of t.means ?? []) {
    const hasZi = m.rows.some((r) => r.zi !== null);
    const w = Math.max(m.factor.length, ...m.rows.map((r) => r.level.length));
    lines.push('', `Marginal means by ${m.factor} (random effects at zero, other factors averaged; ${Math.round(m.level * 100)}% limits of the response mean, df ${m.df}):`);
    lines.push(`${m.factor.padEnd(w)} ${'cond'.padStart(10)} ${'SE'.padStart(10)}${hasZi ? ` ${zeroWord.padStart(11)} ${'SE'.padStart(10)}` : ''} ${'response'.padStart(10)} ${'SE'.padStart(10)} ${'lower'.padStart(10)} ${'upper'.padStart(10)}`);
    for (const r of m.rows) {
      const zi = hasZi ? ` ${num(r.zi?.estimate).padStart(11)} ${num(r.zi?.SE).padStart(10)}` : '';
      lines.push(`${r.level.padEnd(w)} ${num(r.cond.estimate).padStart(10)} ${num(r.cond.SE).padStart(10)}${zi} ${num(r.response.estimate).padStart(10)} ${num(r.response.SE).padStart(10)} ${num(r.response.lowerCL).padStart(10)} ${num(r.response.upperCL).padStart(10)}`);
    }
    for (const note of m.notes) lines.push(`note: ${note}`);
  }
  if (t.meansNote) lines.push('', t.meansNote);
  const s = t.simulated;
  if (s) {
    lines.push('', `Simulated residuals (DHARMa, ${s.nsim} simulations, seed ${s.seed}):`);
    lines.push(`  dispersion ratio ${num(s.dispersion.ratio, 3)}, p ${pval(s.dispersion.pValue)}`);
    if (s.zeroInflation) lines.push(`  zeros observed/expected ${num(s.zeroInflation.ratio, 3)}, p ${pval(s.zeroInflation.pValue)}`);
    lines.push(`  uniformity (KS) D ${num(s.uniformity.D, 3)}, p ${pval(s.uniformity.pValue)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
