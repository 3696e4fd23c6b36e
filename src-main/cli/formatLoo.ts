/** loo's print(loo(fit)): the estimates table and the Pareto k summary (print.loo, loo 2.5.1). */
import { type LooResult, paretoKCounts } from '../../src-engine/bayes/loo/loo';

export function formatLoo(r: LooResult): string {
  const n = r.pointwise.elpd_loo.length;
  const rows = [['elpd_loo', r.elpd_loo], ['p_loo', r.p_loo], ['looic', r.looic]] as const;
  const est = rows.map(([, e]) => e.estimate.toFixed(1));
  const se = rows.map(([, e]) => e.se.toFixed(1));
  const w1 = Math.max('Estimate'.length, ...est.map((s) => s.length));
  const w2 = Math.max('SE'.length, ...se.map((s) => s.length));
  const out = [`Computed from ${r.draws} by ${n} log-likelihood matrix`, '', `${' '.repeat(8)} ${'Estimate'.padStart(w1)} ${'SE'.padStart(w2)}`];
  rows.forEach(([name], i) => out.push(`${name.padEnd(8)} ${est[i].padStart(w1)} ${se[i].padStart(w2)}`));
  out.push('------');
  const k = paretoKCounts(r.pointwise.pareto_k);
  if (k.ok + k.bad + k.veryBad === 0) out.push('', 'All Pareto k estimates are good (k < 0.5).');
  else {
    const pct = (c: number) => `${((100 * c) / n).toFixed(1)}%`;
    out.push('Pareto k diagnostic values:', '                         Count Pct.');
    out.push(`(-Inf, 0.5]   (good)     ${String(k.good).padStart(5)} ${pct(k.good)}`);
    out.push(` (0.5, 0.7]   (ok)       ${String(k.ok).padStart(5)} ${pct(k.ok)}`);
    out.push(`   (0.7, 1]   (bad)      ${String(k.bad).padStart(5)} ${pct(k.bad)}`);
    out.push(`   (1, Inf)   (very bad) ${String(k.veryBad).padStart(5)} ${pct(k.veryBad)}`);
  }
  out.push("See help('pareto-k-diagnostic') for details.");
  return out.join('\n') + '\n';
}
