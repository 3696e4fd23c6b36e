/**
 * The methods paragraph of a count model fitted as glmmTMB: the family in words, the zero-inflation
 * or hurdle part and the dispersion model, estimation by the Laplace approximation, the Wald z tests
 * and AIC comparisons, software and references. Every clause follows from the report's tmb block.
 */
import { type FitReport } from '../../lmm/fitReport';
import { type ReportContext } from '../context';
import { REFERENCE_R, type SoftwareInfo } from '../software';
import { type Rich } from '../tableModel';
import { type MethodsText } from './methods';
import { CITE, type RefKey, referenceList } from './references';
import { listWords } from './randomStructure';

const FAMILY_WORDS: Record<string, string> = {
  poisson: 'a Poisson distribution',
  nbinom2: 'a negative binomial distribution with quadratic variance (variance μ(1 + μ/φ), glmmTMB nbinom2)',
  nbinom1: 'a negative binomial distribution with linear variance (variance μ(1 + φ), glmmTMB nbinom1)',
  truncated_poisson: 'a zero-truncated Poisson distribution',
  truncated_nbinom2: 'a zero-truncated negative binomial distribution with quadratic variance (glmmTMB truncated_nbinom2)',
  genpois: 'a generalized Poisson distribution (variance μφ, glmmTMB genpois)',
  beta_family: 'a beta distribution (mean μ and precision φ, variance μ(1 − μ)/(1 + φ), glmmTMB beta_family)',
  betabinomial: 'a beta-binomial distribution (successes out of trials, precision φ, glmmTMB betabinomial)',
  tweedie: 'a Tweedie distribution (variance φμ^p, the power p estimated, glmmTMB tweedie)',
  Gamma: 'a Gamma distribution (shape φ, variance μ²/φ)',
  lognormal: 'a lognormal distribution (mean μ and standard deviation φ on the data scale, glmmTMB lognormal)',
  gaussian: 'a normal distribution (identity link, residual variance σ² modelled on the log scale, glmmTMB gaussian)',
};

/** What the response is, by family: the paragraph's "a generalized linear mixed model for …". */
const RESPONSE_WORDS: Record<string, string> = { beta_family: 'proportions', betabinomial: 'proportions of successes', tweedie: 'non-negative values', Gamma: 'positive values', lognormal: 'positive values', gaussian: 'continuous values' };
/** Whether a glmmTMB family models counts (the report's "Count Model"), not proportions or positive values. */
export const isCountResponse = (family: string) => !(family in RESPONSE_WORDS);

const terms = (rows: { term: string }[]) => rows.map((r) => r.term).filter((t) => t !== '(Intercept)');

const ZI_MARK = ' (zero-inflation)';

/**
 * The random effects of one model part (the conditional model, or the zero-inflation model whose
 * groups the report marks " (zero-inflation)") in words, as the lme4 methods text words them:
 * "random intercepts for site (23 levels)", "correlated random intercepts and random slopes of DOY by
 * spp (7 levels)"; [] without random effects.
 */
export function countRandomWords(report: Pick<FitReport, 'random' | 'correlations' | 'groups'>, zi: boolean): string[] {
  const byGroup = new Map<string, string[]>();
  for (const r of report.random) {
    if (r.group.endsWith(ZI_MARK) !== zi) continue;
    const g = zi ? r.group.slice(0, -ZI_MARK.length) : r.group;
    byGroup.set(g, [...(byGroup.get(g) ?? []), r.term ?? '(Intercept)']);
  }
  // groups with intercepts only share one phrase, as before random slopes were fitted
  const interceptsOnly: string[] = [];
  const withSlopes: string[] = [];
  for (const [g, ts] of byGroup) {
    const name = report.groups[g] ? `${g} (${report.groups[g]} levels)` : g;
    const slopes = ts.filter((t) => t !== '(Intercept)');
    if (slopes.length === 0) { interceptsOnly.push(name); continue; }
    const intercept = ts.length > slopes.length;
    const corr = report.correlations.filter((c) => c.group === (zi ? `${g}${ZI_MARK}` : g));
    const kind = intercept ? `${corr.some((c) => c.corr !== 0) ? 'correlated' : 'uncorrelated'} random intercepts and ` : '';
    withSlopes.push(`${kind}random slopes of ${listWords(slopes)} by ${name}`);
  }
  return [...(interceptsOnly.length ? [`random intercepts for ${listWords(interceptsOnly)}`] : []), ...withSlopes];
}

export function countMethodsText(ctx: ReportContext, software: SoftwareInfo): MethodsText {
  const { report } = ctx;
  const t = report.tmb!;
  const cited: RefKey[] = [];
  const cite = (...keys: RefKey[]) => {
    cited.push(...keys);
    return keys.map((k) => CITE[k]).join('; ');
  };
  const fixed = terms(report.fixed);
  const groups = countRandomWords(report, false);
  const p1: Rich = [
    `We fitted a ${t.family === 'gaussian' ? '' : 'generalized '}linear mixed model for ${RESPONSE_WORDS[t.family] ?? 'counts'} to ${ctx.formula.response.label} (`,
    { i: 'N' },
    ` = ${report.nobs} observations) with ${FAMILY_WORDS[t.family] ?? t.family} and ${report.link === 'identity' ? 'an' : 'a'} ${report.link} link, ${fixed.length ? `${listWords(fixed)} as fixed effect${fixed.length > 1 ? 's' : ''}` : 'an intercept as the only fixed effect'}`,
    groups.length ? ` and ${listWords(groups)}.` : '.',
  ];
  if (t.ziformula !== '~0') {
    const zi = terms(t.zi);
    const by = zi.length ? `depending on ${listWords(zi)}` : 'constant across observations';
    p1.push(
      t.hurdle
        ? ` As a hurdle model, the probability of a zero was modelled separately (logit link, ${by}), and the counts above zero by the truncated distribution.`
        : ` Excess zeros were modelled as zero inflation: a probability of a structural zero (logit link) ${by}.`,
    );
    const ziRandom = countRandomWords(report, true);
    if (ziRandom.length) p1.push(` The ${t.hurdle ? 'zero' : 'zero-inflation'} model had ${listWords(ziRandom)}.`);
  }
  if (t.dispformula !== '~1') p1.push(` The dispersion parameter φ depended on ${listWords(terms(t.disp))} (log link).`);
  const p2: Rich = [
    `Parameters were estimated by maximum likelihood with the Laplace approximation, as in the R package glmmTMB (${cite('brooks2017')}). Coefficients were tested with Wald `,
    { i: 'z' },
    ` tests; models of different families and zero-inflation structures fitted to the same ${RESPONSE_WORDS[t.family] ? 'data' : 'counts'} were compared by AIC.`,
  ];
  const p3: Rich = [
    `Models were fitted in ${software.name} ${software.version}, which reimplements these methods; its results are tested against R ${REFERENCE_R.R} (${cite('rcore')}) with glmmTMB 1.1.5.`,
  ];
  if (!report.converged) p3.push(' The optimizer did not report convergence, so the estimates should be treated with caution.');
  return { paragraphs: [p1, p2, p3], references: referenceList(cited) };
}
