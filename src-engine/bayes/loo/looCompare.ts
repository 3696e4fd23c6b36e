/**
 * loo::loo_compare: models ordered by elpd_loo, best first; elpd_diff is each model's elpd_loo minus
 * the best one's and se_diff the SE of the sum of pointwise differences, √(n · var(elpd_i − elpd_best_i)).
 */
import { QuadratError } from '../../errors/quadratError';
import { type LooResult, total } from './loo';

export interface LooCompareRow {
  model: string;
  elpd_diff: number;
  se_diff: number;
  elpd_loo: number;
  se_elpd_loo: number;
  p_loo: number;
  se_p_loo: number;
  looic: number;
  se_looic: number;
}

export function looCompare(models: readonly { name: string; loo: LooResult }[]): LooCompareRow[] {
  if (models.length < 2) throw new QuadratError('input', 'loo_compare needs at least two models.');
  const n = models[0].loo.pointwise.elpd_loo.length;
  if (models.some((m) => m.loo.pointwise.elpd_loo.length !== n)) {
    throw new QuadratError('input', 'loo_compare needs models fitted to the same observations (their numbers of observations differ).');
  }
  const sorted = [...models].sort((a, b) => b.loo.elpd_loo.estimate - a.loo.elpd_loo.estimate);
  const best = sorted[0].loo.pointwise.elpd_loo;
  return sorted.map(({ name, loo }, idx) => {
    const diff = loo.pointwise.elpd_loo.map((v, i) => v - best[i]);
    return {
      model: name,
      elpd_diff: idx === 0 ? 0 : total(diff).estimate,
      se_diff: idx === 0 ? 0 : total(diff).se,
      elpd_loo: loo.elpd_loo.estimate,
      se_elpd_loo: loo.elpd_loo.se,
      p_loo: loo.p_loo.estimate,
      se_p_loo: loo.p_loo.se,
      looic: loo.looic.estimate,
      se_looic: loo.looic.se,
    };
  });
}
