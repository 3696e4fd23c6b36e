/**
 * `quadrat fit … --family choose [--zi "~ spp"] [--disp "~ mined"]`: the count-model chooser on the command line (the
 * app's fit.chooseCount): Poisson, NB2, NB1, ZIP, ZINB, hurdle Poisson and hurdle NB2 of the formula,
 * fitted one after another with the glmmTMB engine (Poisson's likelihood is glmer's), each with
 * DHARMa's tests from simulations; then the AIC table and the recommendation. --json writes
 * `quadrat.countChooser/1` with the rows and the recommendation.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type CandidateFit, chooseCount, countCandidates, NO_LOGLIK } from '../../src-engine/tmb/countChooser';
import { fitTmb } from '../../src-engine/tmb/fitTmb';
import { tmbPredictionsUnsupported } from '../../src-engine/tmb/predictTmb';
import { tmbSimulatedTests } from '../../src-engine/tmb/simulateTmb';
import { criteria } from '../../src-engine/tmb/tmbSummary';
import { notCountsReason } from '../../src-engine/tmb/countResponse';
import { type ParsedOptions, UsageError } from './args';
import { readDataOptions } from './dataOptions';

const NOT_HERE = ['ddf', 'anova', 'link', 'nagq', 'diagnostics', 'report', 'weights', 'ml'] as const;

export async function chooseCountCli(opts: ParsedOptions): Promise<number> {
  for (const o of NOT_HERE) if (opts[o] !== undefined) throw new UsageError(`fit: --${o} does not apply to --family choose (the count-model chooser)`);
  const zero = opts.zi === undefined ? '~ 1' : String(opts.zi).trim();
  if (!zero.startsWith('~')) throw new UsageError('fit: --zi is a one-sided formula starting with ~, e.g. "~ 1" or "~ spp"');
  // the negative binomials keep the dispersion formula (the Poissons have no dispersion parameter)
  const disp = opts.disp === undefined ? '~1' : String(opts.disp).trim();
  if (!disp.startsWith('~')) throw new UsageError('fit: --disp is a one-sided formula starting with ~, e.g. "~ mined"');
  const data = await readDataOptions(String(opts.data), opts, 'fit');
  const formula = String(opts.formula);
  const notCounts = notCountsReason(data.table, formula);
  if (notCounts) throw new QuadratError('data', `The count-model chooser fits count models: ${notCounts}`);
  const fits: CandidateFit[] = countCandidates(zero, disp).map((c) => {
    const req = { formula, family: c.family, ziformula: c.ziformula, dispformula: c.dispformula };
    try {
      const fit = fitTmb(data.table, req);
      // glmmTMB's logLik() is NA without a positive-definite Hessian: no AIC to rank
      if (!fit.pdHess) return { label: c.label, aic: null, logLik: null, df: fit.npar, converged: fit.converged, dispersionP: null, dispersionRatio: null, zeroP: null, zeroRatio: null, error: NO_LOGLIK };
      // a family without a random generator (predictTmb.ts) has no simulated tests: NA
      const info = tmbPredictionsUnsupported(fit.model) ? undefined : tmbSimulatedTests(fit.model, fit).info;
      return {
        label: c.label, aic: criteria(fit.objective, fit.npar, fit.nobs).aic, logLik: fit.logLik, df: fit.npar, converged: fit.converged,
        dispersionP: info?.dispersion.pValue ?? null, dispersionRatio: info?.dispersion.ratio ?? null, zeroP: info?.zeroInflation?.pValue ?? null, zeroRatio: info?.zeroInflation?.ratio ?? null,
      };
    } catch (e) {
      if (!(e instanceof QuadratError)) throw e;
      return { label: c.label, aic: null, logLik: null, df: null, converged: false, dispersionP: null, dispersionRatio: null, zeroP: null, zeroRatio: null, error: e.message };
    }
  });
  const r = chooseCount(fits);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ schema: 'quadrat.countChooser/1', formula, zero, disp, rows: r.rows, recommended: r.recommended, recommendation: r.recommendation }) + '\n');
    return 0;
  }
  const f = (x: number | null, d: number) => (x === null || !Number.isFinite(x) ? 'NA' : x.toFixed(d));
  const lines = [`Count models of ${formula} (zero part ${zero}${disp === '~1' ? '' : `; negative binomials' dispersion ${disp}`})`, '', `${'Model'.padEnd(15)} ${'df'.padStart(3)} ${'logLik'.padStart(10)} ${'AIC'.padStart(9)} ${'dAIC'.padStart(7)} ${'disp'.padStart(6)} ${'p'.padStart(6)} ${'zeros'.padStart(6)} ${'p'.padStart(6)}`];
  for (const x of r.rows) {
    lines.push(`${x.label.padEnd(15)} ${String(x.df ?? 'NA').padStart(3)} ${f(x.logLik, 2).padStart(10)} ${f(x.aic, 2).padStart(9)} ${f(x.deltaAIC, 2).padStart(7)} ${f(x.dispersionRatio, 2).padStart(6)} ${f(x.dispersionP, 3).padStart(6)} ${f(x.zeroRatio, 2).padStart(6)} ${f(x.zeroP, 3).padStart(6)}${x.error ? `  ${x.error}` : x.problem ? `  ${x.problem}` : ''}`);
  }
  lines.push('', 'disp, zeros: DHARMa-style dispersion ratio and observed/expected zeros from 250 simulations of each fit (fixed seed).', `Recommended: ${r.recommendation}`, '');
  process.stdout.write(lines.join('\n'));
  return 0;
}
