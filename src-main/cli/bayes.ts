/**
 * `quadrat bayes --data FILE --formula "…" --family binomial [--prior "normal(0, 2.5)" --class b]…`:
 * a Bayesian GLMM as brms fits it (docs/bayes.md), chains on worker threads, printed as brms's
 * summary(fit) or with --json the quadrat.bayes/1 object.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { z } from 'zod';
import { type BayesChainOutput, runBayesChain } from '../../src-engine/bayes/fit/bayesChain';
import { type BayesRequest, bayesSettings } from '../../src-engine/bayes/fit/bayesRequest';
import { type BayesReport } from '../../src-engine/bayes/fit/bayesReport';
import { bayesMethods, brmsRCode } from '../../src-engine/bayes/fit/brmsRCode';
import { type HypothesisRow } from '../../src-engine/bayes/hypothesis/hypothesis';
import { fitHypotheses } from '../../src-engine/bayes/hypothesis/fitHypotheses';
import { drawsOfChains } from '../../src-engine/bayes/fit/conditionalEffects';
import { summariseBayes } from '../../src-engine/bayes/fit/summariseBayes';
import { buildBrmsModel } from '../../src-engine/bayes/model/buildBrmsModel';
import { improperPosterior } from '../../src-engine/bayes/model/improperPosterior';
import { type Table } from '../../src-engine/data/table';
import { type PoolEngineHost } from '../host/pool';
import { type BrmsModel } from '../../src-engine/bayes/model/brmsModel';
import { type PriorRow } from '../../src-engine/bayes/model/priors';
import { cliWorkerHost } from './cliWorkers';
import { checkOptions } from './apiOptions';
import { helpText, type OptionSpec, parseOptions, UsageError } from './args';
import { splitPriorArgs } from './bayesPriors';
import { type Command } from './commands';
import { DATA_OPTIONS, readDataOptions } from './dataOptions';
import { formatBayes } from './formatBayes';
import { formatHypotheses } from './formatHypothesis';
import { formatLoo } from './formatLoo';
import { loo, type LooResult } from '../../src-engine/bayes/loo/loo';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'value', help: 'brms/lme4 formula, e.g. "y | trials(n) ~ treatment + (1 | tank)"' },
  family: { kind: 'value', help: 'gaussian (default), bernoulli, binomial, poisson or negbinomial' },
  prior: { kind: 'value', help: 'a prior as set_prior(), e.g. "normal(0, 2.5)"; repeatable, each followed by its --class [--coef --group --lb --ub]' },
  class: { kind: 'value', help: "the prior's class: b, Intercept, sd, cor, sigma, shape" },
  coef: { kind: 'value', help: "the prior's coefficient (brms's name), optional" },
  group: { kind: 'value', help: "the prior's grouping factor, optional" },
  lb: { kind: 'value', help: "lower bound of the prior's class (b or Intercept), optional" },
  ub: { kind: 'value', help: "upper bound of the prior's class (b or Intercept), optional" },
  chains: { kind: 'value', help: 'Markov chains (default 4)' },
  iter: { kind: 'value', help: 'iterations per chain, warm-up included (default 2000)' },
  warmup: { kind: 'value', help: 'warm-up iterations per chain (default iter/2)' },
  seed: { kind: 'value', help: 'random seed (default 1); the same seed gives the same draws' },
  'adapt-delta': { kind: 'value', help: 'target acceptance of the step-size adaptation (default 0.8; 0.95–0.99 against divergences)' },
  'max-treedepth': { kind: 'value', help: 'maximum NUTS tree depth (default 10)' },
  workers: { kind: 'value', help: 'worker threads for the chains (default: the cores, at most the chains)' },
  hypothesis: { kind: 'multi', help: 'a brms hypothesis on the draws, e.g. "treatmentexposed > 0" or "b_x = 0"; repeatable' },
  alpha: { kind: 'value', help: 'alpha of the hypothesis tests (default 0.05: 90% CI one-sided, 95% two-sided)' },
  loo: { kind: 'flag', help: "PSIS-LOO as loo::loo(fit): elpd_loo, p_loo, looic with SEs and Pareto k diagnostics" },
  'r-code': { kind: 'flag', help: 'print the brms R code that refits this model and a methods paragraph, without sampling' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.bayes/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

const SUMMARY = 'fit a Bayesian GLMM as brms does (NUTS, brms priors) and print summary(fit)';
const HELP = `Fit a Bayesian mixed model with brms's parameterization and default priors, sampled by Stan's
NUTS, and print brms's summary (Estimate, Est.Error, 95% CI, Rhat, Bulk_ESS, Tail_ESS).

  quadrat bayes --data d.csv --formula "y | trials(n) ~ x + (1 | g)" --family binomial \\
    --prior "normal(0, 2.5)" --class b --prior "student_t(3, 0, 2.5)" --class sd`;

const int = (lo: number, hi: number) => z.number().int(`must be a whole number from ${lo} to ${hi}`).min(lo, `must be a whole number from ${lo} to ${hi}`).max(hi, `must be a whole number from ${lo} to ${hi}`);
const settingsSchema = z.object({
  chains: int(1, 64).default(4),
  iter: int(1, 10_000_000).default(2000),
  warmup: int(0, 10_000_000).optional(),
  seed: int(0, 2 ** 32 - 1).default(1),
  adaptDelta: z.number().gt(0, 'must lie strictly between 0 and 1').lt(1, 'must lie strictly between 0 and 1').default(0.8),
  maxTreedepth: int(1, 20).default(10),
  workers: int(1, 64).optional(),
});
const FIELDS = {
  chains: { option: 'chains', as: 'number' },
  iter: { option: 'iter', as: 'number' },
  warmup: { option: 'warmup', as: 'number' },
  seed: { option: 'seed', as: 'number' },
  adaptDelta: { option: 'adapt-delta', as: 'number' },
  maxTreedepth: { option: 'max-treedepth', as: 'number' },
  workers: { option: 'workers', as: 'number' },
} as const;

function progress(done: number[], total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\rbayes: ${done.map((d, k) => `chain ${k + 1} ${Math.round((100 * d) / total)}%`).join('  ')}   `);
}

/** The chains on the host's worker threads, or here without one (--workers 1 or one chain). */
async function runChains(table: Table, request: BayesRequest, chains: number, host: PoolEngineHost | undefined, model: ReturnType<typeof buildBrmsModel>['model']): Promise<BayesChainOutput[]> {
  const total = request.iter ?? 2000;
  const done = new Array<number>(chains).fill(0);
  if (!host) {
    return Array.from({ length: chains }, (_, k) =>
      runBayesChain(model, request, k, {
        onProgress: (c, it) => {
          done[c] = it;
          if (it % 100 === 0) progress(done, total);
        },
      }),
    );
  }
  return Promise.all(
    Array.from({ length: chains }, (_, k) =>
      host.run({ kind: 'bayes-chain', table, request, chain: k }, {
        timeLimitMs: 24 * 3600 * 1000,
        onProgress: (p) => {
          done[k] = p.evaluations;
          progress(done, total);
        },
      }).result,
    ),
  );
}

export async function runBayes(argv: string[]): Promise<number> {
  const { rest, priors } = splitPriorArgs(argv, 'bayes');
  const opts = parseOptions(rest, SPEC, 'bayes');
  if (opts.help) {
    process.stdout.write(helpText('bayes', HELP, SPEC));
    return 0;
  }
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError('bayes: --data FILE is required');
  if (typeof opts.formula !== 'string' || !opts.formula.trim()) throw new UsageError('bayes: --formula "response ~ terms + (1 | group)" is required');
  const o = checkOptions(settingsSchema, FIELDS, opts, 'bayes');
  const request: BayesRequest = {
    formula: opts.formula,
    family: typeof opts.family === 'string' ? opts.family.toLowerCase() : 'gaussian',
    priors,
    chains: o.chains,
    iter: o.iter,
    warmup: o.warmup,
    seed: o.seed,
    adaptDelta: o.adaptDelta,
    maxTreedepth: o.maxTreedepth,
    ...(opts.loo ? { logLik: true } : {}),
  };
  const settings = bayesSettings(request);
  const t0 = performance.now();
  // the workers load while the data are read and the model built
  const workers = Math.min(o.workers ?? Math.min(settings.chains, availableParallelism()), settings.chains);
  const host = opts['r-code'] || workers <= 1 ? undefined : cliWorkerHost(workers);
  let chains: BayesChainOutput[];
  let model: BrmsModel;
  let priorTable: PriorRow[];
  let table: Table;
  let buildMs: number;
  try {
    table = (await readDataOptions(opts.data, opts, 'bayes')).table;
    ({ model, priorTable } = buildBrmsModel(table, request));
    buildMs = performance.now() - t0;
    if (opts['r-code']) {
      const factors = typeof opts.factor === 'string' ? opts.factor.split(',').map((f) => f.trim()).filter(Boolean) : [];
      process.stdout.write(brmsRCode(request, { file: basename(opts.data), factors, ...(typeof opts.filter === 'string' ? { filter: opts.filter } : {}) }) + '\n' + bayesMethods(request, priorTable));
      return 0;
    }
    chains = await runChains(table, request, settings.chains, host, model);
  } finally {
    await host?.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const report: BayesReport = summariseBayes({ model, formula: request.formula, priorTable, improper: improperPosterior(model), settings, chains, buildMs, wallMs: performance.now() - t0 });
  const hyps = Array.isArray(opts.hypothesis) ? opts.hypothesis : [];
  const alpha = typeof opts.alpha === 'string' ? Number(opts.alpha) : 0.05;
  if (!(alpha > 0 && alpha < 0.5)) throw new UsageError('bayes: --alpha must be a number between 0 and 0.5, e.g. 0.05');
  // as the app: prior draws of the coefficients give point hypotheses their Savage–Dickey ratio
  const hypotheses = hyps.length ? fitHypotheses(model, drawsOfChains(chains[0].names, chains), hyps, alpha, settings.seed) : undefined;
  const looResult = opts.loo ? loo(chainLogLik(chains), chains.length) : undefined;
  if (opts.json) {
    // quadrat.bayes/1 extended compatibly: the tests and LOO only when asked for
    const out: BayesReport & { hypotheses?: { alpha: number; class: 'b'; rows: HypothesisRow[] }; loo?: LooResult } = { ...report };
    if (hypotheses) out.hypotheses = { alpha, class: 'b', rows: hypotheses };
    if (looResult) out.loo = looResult;
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    process.stdout.write(formatBayes(report, basename(opts.data)));
    if (hypotheses) process.stdout.write('\n' + formatHypotheses(hypotheses, alpha));
    if (looResult) process.stdout.write('\n' + formatLoo(looResult));
  }
  return 0;
}

/** Observation i's log-likelihood over all draws, chains one after another. */
function chainLogLik(chains: readonly BayesChainOutput[]): Float64Array[] {
  const total = chains.reduce((s, c) => s + c.numSamples, 0);
  const n = chains[0].logLik!.length / chains[0].numSamples;
  return Array.from({ length: n }, (_, i) => {
    const v = new Float64Array(total);
    let at = 0;
    for (const c of chains) {
      v.set(c.logLik!.subarray(i * c.numSamples, (i + 1) * c.numSamples), at);
      at += c.numSamples;
    }
    return v;
  });
}

export const bayes: Command = { summary: SUMMARY, run: runBayes };
