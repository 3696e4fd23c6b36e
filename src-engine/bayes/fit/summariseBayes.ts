/**
 * Chains' outputs → brms's summary: the per-chain draws of each quantity are summarised together
 * (posterior's rank-normalized split-R̂, bulk/tail ESS, MCSE), so the numbers are the same whether the
 * chains ran in one thread or on several workers. Then the HMC checks and the advice brms/rstan give.
 */
import { type BrmsModel } from '../model/brmsModel';
import { brmsName } from '../model/brmsNames';
import { type ImproperPosterior } from '../model/improperPosterior';
import { type PriorRow } from '../model/priors';
import { hmcChecks } from '../diagnostics/hmcChecks';
import { summariseDraws } from '../diagnostics/summary';
import { mcseSd } from '../diagnostics/mcse';
import { mean } from '../diagnostics/draws';
import { type BayesSettings } from './bayesRequest';
import { type BayesChainOutput } from './bayesChain';
import { BAYES_SCHEMA, type BayesGroupSummary, type BayesReport, type BayesSummaryRow } from './bayesReport';

const RHAT_LIMIT = 1.01;
const ESS_LIMIT = 400;

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function row(label: string, parameter: string, chains: readonly BayesChainOutput[], j: number): BayesSummaryRow {
  const K = chains[0].names.length;
  const x = chains.map((c) => {
    const out = new Float64Array(c.numSamples);
    for (let i = 0; i < c.numSamples; i++) out[i] = c.values[i * K + j];
    return out;
  });
  const s = summariseDraws(x);
  return {
    label,
    parameter,
    Estimate: s.estimate,
    'Est.Error': s.estError,
    'l-95% CI': s.lower,
    'u-95% CI': s.upper,
    Rhat: finiteOrNull(s.rhat),
    Bulk_ESS: finiteOrNull(s.essBulk),
    Tail_ESS: finiteOrNull(s.essTail),
    mcseMean: finiteOrNull(s.mcseMean),
    mcseSd: finiteOrNull(mcseSd(x)),
  };
}

export function linksLine(model: BrmsModel): string {
  const f = model.family;
  return `mu = ${f.link}${f.dpar ? `; ${f.dpar} = identity` : ''}`;
}

export interface SummariseInput {
  model: BrmsModel;
  formula: string;
  priorTable: PriorRow[];
  improper: ImproperPosterior | null;
  settings: BayesSettings;
  chains: readonly BayesChainOutput[];
  buildMs: number;
  wallMs?: number;
}

export function summariseBayes(input: SummariseInput): BayesReport {
  const t0 = performance.now();
  const { model, settings } = input;
  const chains = [...input.chains].sort((a, b) => a.chain - b.chain);
  const names = chains[0].names;
  const at = (n: string) => names.indexOf(n);
  const data = model.data;
  const fixed: BayesSummaryRow[] = [];
  if (data.hasIntercept) fixed.push(row('Intercept', 'b_Intercept', chains, at('b_Intercept')));
  for (const nm of data.bNames) fixed.push(row(brmsName(nm), `b_${brmsName(nm)}`, chains, at(`b_${brmsName(nm)}`)));
  const random: BayesGroupSummary[] = data.terms.map((t) => {
    const cs = t.coefNames.map(brmsName);
    const rows = cs.map((c) => row(`sd(${c})`, `sd_${t.group}__${c}`, chains, at(`sd_${t.group}__${c}`)));
    if (t.cor) for (let k = 1; k < cs.length; k++) for (let j = 0; j < k; j++) {
      const p = `cor_${t.group}__${cs[j]}__${cs[k]}`;
      rows.push(row(`cor(${cs[j]},${cs[k]})`, p, chains, at(p)));
    }
    return { group: t.group, levels: t.levels.length, rows };
  });
  const dpar = model.family.dpar;
  const spec = dpar ? [row(dpar, dpar, chains, at(dpar))] : [];
  const checks = hmcChecks(chains.map((c) => ({ divergent: c.divergent, treedepth: c.treedepth, energy: c.energy, settings: { maxTreedepth: c.maxTreedepth } })));
  const all = [...random.flatMap((g) => g.rows), ...fixed, ...spec];
  const warnings = adviceFor(all, checks, input.improper, settings);
  const notes = [...new Set(chains.flatMap((c) => c.notes))];
  const summaryMs = performance.now() - t0;
  return {
    schema: BAYES_SCHEMA,
    formula: input.formula,
    family: model.family.name,
    links: linksLine(model),
    nobs: data.n,
    settings,
    totalDraws: chains.reduce((s, c) => s + c.numSamples, 0),
    random,
    fixed,
    spec,
    priors: input.priorTable,
    sampler: {
      divergent: checks.divergent,
      warmupDivergent: chains.reduce((s, c) => s + c.warmupDivergent, 0),
      treedepthHits: checks.treedepthHits,
      maxTreedepth: checks.maxTreedepth,
      ebfmi: checks.ebfmi,
      stepsize: chains.map((c) => c.adaptedStepsize),
      meanAcceptStat: chains.map((c) => mean(c.acceptStat)),
    },
    warnings,
    notes,
    timing: { buildMs: input.buildMs, chainMs: chains.map((c) => c.ms), summaryMs, wallMs: input.wallMs ?? input.buildMs + chains.reduce((s, c) => s + c.ms, 0) + summaryMs },
  };
}

function adviceFor(rows: readonly BayesSummaryRow[], checks: ReturnType<typeof hmcChecks>, improper: ImproperPosterior | null, s: BayesSettings): string[] {
  const out: string[] = [];
  if (improper) out.push(improper.message);
  if (checks.divergent > 0) {
    out.push(
      `There were ${checks.divergent} divergent transitions after warm-up: the sampler could not follow part of the posterior (often a funnel near a group-level SD of 0), so the estimates may be biased. ` +
        `Increase adapt_delta above ${s.adaptDelta} (e.g. 0.95 or 0.99); if they persist, use stronger priors on the SDs or fewer group-level effects.`,
    );
  }
  if (checks.treedepthHits > 0) {
    out.push(`${checks.treedepthHits} transitions after warm-up reached the maximum tree depth of ${checks.maxTreedepth}: an efficiency concern, not a validity one. Increase max_treedepth or rescale the predictors.`);
  }
  if (checks.lowEbfmiChains.length) {
    out.push(`Chain${checks.lowEbfmiChains.length > 1 ? 's' : ''} ${checks.lowEbfmiChains.map((k) => k + 1).join(', ')} had an E-BFMI below 0.3: the sampler explores the tails poorly (heavy tails or a funnel); reparameterize or tighten the priors.`);
  }
  const highRhat = rows.filter((r) => r.Rhat === null || r.Rhat > RHAT_LIMIT);
  if (highRhat.length) {
    out.push(`Rhat is above ${RHAT_LIMIT} (or not available) for ${highRhat.map((r) => r.parameter).join(', ')}: the chains have not converged to the same distribution. Run more iterations, look at the trace plots, or give weakly informative priors.`);
  }
  const lowBulk = rows.filter((r) => r.Bulk_ESS === null || r.Bulk_ESS < ESS_LIMIT);
  if (lowBulk.length) {
    out.push(`The bulk effective sample size is below ${ESS_LIMIT} for ${lowBulk.map((r) => r.parameter).join(', ')}: posterior means and medians may be unreliable. Run more iterations.`);
  }
  const lowTail = rows.filter((r) => r.Tail_ESS === null || r.Tail_ESS < ESS_LIMIT);
  if (lowTail.length) {
    out.push(`The tail effective sample size is below ${ESS_LIMIT} for ${lowTail.map((r) => r.parameter).join(', ')}: the 95% interval limits may be unreliable. Run more iterations.`);
  }
  return out;
}
