/**
 * Runs one job inside a worker: the only place that calls the engine for the app. Synchronous
 * engine code polls `signal.aborted`, which reads the shared cancel flag.
 */
import { advise, verdictProblem } from '../../src-engine/advisor/advise';
import { designPreview } from '../../src-engine/design/designPreview';
import { isGlmmSpec } from '../../src-engine/lmm/fitLmm';
import { type ResponseFamily } from '../../src-engine/design/glmResponse';
import { runVerdictRuns } from '../../src-engine/advisor/convergenceVerdict';
import { predict } from '../../src-engine/inference/predict/predict';
import { effects } from '../../src-engine/inference/predict/effects';
import { conditionalEffects } from '../../src-engine/bayes/fit/conditionalEffects';
import { ppCheck } from '../../src-engine/bayes/fit/ppCheck';
import { fitHypotheses } from '../../src-engine/bayes/hypothesis/fitHypotheses';
import { looFromDraws } from '../../src-engine/bayes/loo/looFromDraws';
import { buildBrmsModel } from '../../src-engine/bayes/model/buildBrmsModel';
import { describeBy } from '../../src-engine/data/describeBy';
import { designCheck } from '../../src-engine/checks/designCheck';
import { candidateFactorCheck } from '../../src-engine/checks/candidateFactors';
import { importDelimited } from '../../src-engine/data/importDelimited';
import { detectFileFormat } from '../../src-engine/data/detectFileFormat';
import { fitLmm } from '../../src-engine/lmm/fitLmm';
import { bayesChainJob } from '../../src-engine/bayes/fit/bayesChain';
import { bayesPriorsJob, bayesSummaryJob } from '../../src-engine/bayes/fit/bayesJobs';
import { importXlsx } from '../../src-engine/io/importXlsx';
import { readDataFile } from '../../src-engine/io/readDataFile';
import { summarizeColumn } from '../api/columnSummary';
import { splitReport } from '../store/fitVectors';
import { fitUnitsJob } from './fitUnitsJob';
import { runInferenceJob } from './inferenceJobs';
import { fitTmb } from '../../src-engine/tmb/fitTmb';
import { tmbFitReport } from '../../src-engine/tmb/report/asFitReport';
import { fitNlme } from '../../src-engine/nlme/fitNlme';
import { nlmeFitReport } from '../../src-engine/nlme/asFitReport';
import { varianceStep } from '../../src-engine/nlme/varianceStep';
import { type EngineProgress, type JobInput } from './protocol';

export interface JobControl {
  onProgress: (p: EngineProgress) => void;
  signal: { readonly aborted: boolean };
}

export async function runJob(job: JobInput, control: JobControl): Promise<unknown> {
  switch (job.kind) {
    case 'fit-lmm':
      return splitReport(fitLmm(job.table, job.request, control));
    case 'fit-units':
      return fitUnitsJob(job, control.signal);
    case 'check-candidates':
      return candidateFactorCheck(job.table, job.fixedFormula, job.candidates, job.family);
    case 'advise':
      return advise(job.table, job.request, { verdict: job.verdict });
    case 'verdict-runs': {
      const problem = verdictProblem(job.table, job.request);
      let done = 0;
      return runVerdictRuns(problem, job.names, { signal: control.signal, onRun: () => control.onProgress({ evaluations: ++done, objective: null }) });
    }
    case 'design-preview': {
      const { formula, weights, family } = job.request;
      return designPreview(job.table, formula, { weights, ...(isGlmmSpec(job.request) ? { family: family as ResponseFamily } : {}) });
    }
    case 'bayes-effects':
      return conditionalEffects(job.table, job.spec, job.draws, job.x, job.by);
    case 'bayes-ppcheck':
      return ppCheck(buildBrmsModel(job.table, job.request).model, job.table, job.draws, job.options);
    case 'bayes-hypothesis':
      return fitHypotheses(buildBrmsModel(job.table, job.request).model, job.draws, job.hypotheses, job.alpha, job.seed);
    case 'bayes-loo':
      return looFromDraws(buildBrmsModel(job.table, job.request).model, job.draws, job.chains);
    case 'effects':
      return effects(job.table, job.request, job.x, job.by, { level: job.level }, { signal: control.signal });
    case 'predict':
      return predict(job.table, job.request, job.rows, job.options, { signal: control.signal });
    case 'design-check':
      return designCheck(job.table, job.formula, { family: job.family });
    case 'describe':
      return describeBy(job.table, job.columns, job.by);
    case 'column-summary':
      return summarizeColumn(job.column);
    case 'bayes-chain':
      return bayesChainJob(job.table, job.request, job.chain, {
        isCancelled: () => control.signal.aborted,
        onProgress: (_chain, iteration, total) => control.onProgress({ evaluations: iteration, objective: null, total }),
      });
    case 'bayes-priors':
      return bayesPriorsJob(job.table, job.request);
    case 'bayes-summary':
      return bayesSummaryJob(job.table, job.request, job.chains, job.wallMs);
    case 'fit-tmb': {
      // fitTmb checks the abort flag before every Laplace evaluation, so cancel stops it there
      const start = performance.now();
      const fit = fitTmb(job.table, job.call, { signal: control.signal });
      return splitReport(tmbFitReport(job.table, job.call, fit, performance.now() - start));
    }
    case 'fit-nlme': {
      const start = performance.now();
      const fit = fitNlme(job.table, job.spec, { signal: control.signal });
      return splitReport(nlmeFitReport(fit, performance.now() - start));
    }
    case 'nlme-variance-step':
      return varianceStep(job.table, job.spec, job.candidates);
    case 'confint':
    case 'boot-chunk':
    case 'ranova':
    case 'step':
    case 'emmeans':
    case 'r2':
    case 'contest':
      return runInferenceJob(job, control);
    case 'import': {
      const { source, sheet, levelOrder } = job;
      if (source.kind === 'path') return readDataFile(source.path, { sheet, columnTypes: source.columnTypes, levelOrder });
      const format = detectFileFormat(source.fileName, source.bytes.subarray(0, 16));
      return format === 'xlsx'
        ? importXlsx(source.bytes, { fileName: source.fileName, sheet, levelOrder })
        : importDelimited(source.bytes, { fileName: source.fileName, levelOrder });
    }
  }
}
