/**
 * The brms R code that refits a Quadrat Bayesian model (brm() with the same formula, family, user
 * priors via set_prior(), chains, iter, warmup, seed and control), and a methods paragraph that writes
 * out the priors and sampler settings with the references (Bürkner 2017; Hoffman & Gelman 2014;
 * Vehtari et al. 2021). Pure strings: the app's export and `quadrat bayes --r-code` print them.
 */
import { dataExprToR } from '../../data/compute/exprToR';
import { type PriorRow, type UserPrior } from '../model/priors';
import { type BayesRequest, bayesSettings } from './bayesRequest';

/** An R string literal. */
const rString = (s: string): string => JSON.stringify(s);

/** brms's family constructors for the families Quadrat fits (binomial and poisson are stats's). */
const FAMILY_CALL: Record<string, string> = {
  gaussian: 'gaussian()',
  bernoulli: 'bernoulli()',
  binomial: 'binomial()',
  poisson: 'poisson()',
  negbinomial: 'negbinomial()',
};

function setPrior(p: UserPrior): string {
  const args = [rString(p.prior), `class = ${rString(p.class)}`];
  if (p.coef) args.push(`coef = ${rString(p.coef)}`);
  if (p.group) args.push(`group = ${rString(p.group)}`);
  if (p.lb !== undefined) args.push(`lb = ${p.lb}`);
  if (p.ub !== undefined) args.push(`ub = ${p.ub}`);
  return `set_prior(${args.join(', ')})`;
}

export interface RCodeData {
  /** The data file as the user has it, read with read.csv. */
  file: string;
  /** Columns to treat as factors. */
  factors?: readonly string[];
  /** R's subset = column == "value", as the fit used it. */
  subset?: { column: string; value: string };
  /** A row filter (src-engine/data/compute), as subset(d, …). */
  filter?: string;
}

export function brmsRCode(request: BayesRequest, data: RCodeData): string {
  const s = bayesSettings(request);
  const family = (request.family ?? 'gaussian').toLowerCase();
  const lines = ['library(brms)', `d <- read.csv(${rString(data.file)})`];
  for (const f of data.factors ?? []) lines.push(`d[[${rString(f)}]] <- factor(d[[${rString(f)}]])`);
  if (data.subset) lines.push(`d <- d[d[[${rString(data.subset.column)}]] %in% ${rString(data.subset.value)}, , drop = FALSE]`);
  if (data.filter) lines.push(`d <- subset(d, ${dataExprToR(data.filter)})`);
  const args = [`  bf(${request.formula})`, '  data = d', `  family = ${FAMILY_CALL[family] ?? `${family}()`}`];
  const priors = request.priors ?? [];
  if (priors.length === 1) args.push(`  prior = ${setPrior(priors[0])}`);
  if (priors.length > 1) args.push(`  prior = c(\n    ${priors.map(setPrior).join(',\n    ')}\n  )`);
  args.push(`  chains = ${s.chains}, iter = ${s.iter}, warmup = ${s.warmup}, seed = ${s.seed}`);
  args.push(`  control = list(adapt_delta = ${s.adaptDelta}, max_treedepth = ${s.maxTreedepth})`);
  lines.push(`fit <- brm(\n${args.join(',\n')}\n)`, 'summary(fit)');
  return lines.join('\n') + '\n';
}

const FAMILY_TEXT: Record<string, string> = {
  gaussian: 'Gaussian (identity link)',
  bernoulli: 'Bernoulli (logit link)',
  binomial: 'binomial (logit link)',
  poisson: 'Poisson (log link)',
  negbinomial: 'negative binomial (log link)',
};

/** get_prior()'s rows written out: "b: normal(0, 2.5) (user)", with the coefficient and group when set. */
function priorText(rows: readonly PriorRow[]): string {
  const parts = rows
    .filter((r) => r.prior !== '' || r.source === 'user')
    .map((r) => {
      const what = [r.class, r.coef && `coefficient ${r.coef}`, r.group && `group ${r.group}`].filter(Boolean).join(', ');
      const bounds = r.lb || r.ub ? ` bounded to [${r.lb || '-Inf'}, ${r.ub || 'Inf'}]` : '';
      return `${what}: ${r.prior || 'flat (improper)'}${bounds}${r.source === 'user' ? ' (set by us)' : ' (brms default)'}`;
    });
  return parts.join('; ');
}

export function bayesMethods(request: BayesRequest, priorTable: readonly PriorRow[]): string {
  const s = bayesSettings(request);
  const family = (request.family ?? 'gaussian').toLowerCase();
  return (
    `We fitted a Bayesian ${FAMILY_TEXT[family] ?? family} mixed model, ${request.formula}, with the parameterization and ` +
    `priors of the R package brms (Bürkner 2017), in Quadrat. The posterior was sampled by the No-U-Turn Sampler ` +
    `(Hoffman & Gelman 2014) with Stan's adaptation: ${s.chains} chains of ${s.iter} iterations each, the first ${s.warmup} ` +
    `discarded as warm-up (${s.chains * (s.iter - s.warmup)} post-warm-up draws), target acceptance rate (adapt_delta) ` +
    `${s.adaptDelta}, maximum tree depth ${s.maxTreedepth}, seed ${s.seed}. Priors: ${priorText(priorTable)}. ` +
    `Convergence was assessed by the rank-normalized split R̂ and the bulk and tail effective sample sizes ` +
    `(Vehtari et al. 2021). Estimates are posterior means with 95% equal-tailed credible intervals.\n\n` +
    'Bürkner, P.-C. (2017). brms: An R package for Bayesian multilevel models using Stan. Journal of Statistical Software, 80(1), 1–28.\n' +
    'Hoffman, M. D., & Gelman, A. (2014). The No-U-Turn Sampler: adaptively setting path lengths in Hamiltonian Monte Carlo. Journal of Machine Learning Research, 15, 1593–1623.\n' +
    'Vehtari, A., Gelman, A., Simpson, D., Carpenter, B., & Bürkner, P.-C. (2021). Rank-normalization, folding, and localization: an improved R̂ for assessing convergence of MCMC. Bayesian Analysis, 16(2), 667–718.\n'
  );
}
