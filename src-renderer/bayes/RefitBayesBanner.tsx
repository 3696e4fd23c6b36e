/** Under a separated GLMM's result: refit it Bayesian with normal(0, 2.5) on b in one click, shown beside it. */
import { useWorkbench } from '../app/context';
import { useBayes } from './bayesBench';

export function RefitBayesBanner({ fitId, family }: { fitId: number; family: string }) {
  const wb = useWorkbench();
  const job = useBayes((s) => s.job);
  if (family !== 'binomial' && family !== 'poisson') return null;
  return (
    <div className="banner info" data-testid="refit-bayes-banner">
      A separated coefficient has no finite maximum-likelihood estimate. A Bayesian fit with the weakly informative prior normal(0, 2.5) on the coefficients (brms) keeps it finite and gives a
      credible interval.{' '}
      <button type="button" className="btn small" data-testid="refit-bayes" disabled={!!job} onClick={() => void wb.bayes.refitGlmm(fitId)}>
        Refit Bayesian with normal(0, 2.5) on b
      </button>
    </div>
  );
}
