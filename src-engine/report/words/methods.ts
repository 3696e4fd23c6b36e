/**
 * The methods paragraph for a fit: model, response, fixed effects and coding, random-effects
 * structure, estimation (REML/ML, optimizer), the df method of the tests, software and references.
 * Every clause follows from the report and the options it was fitted with; nothing is assumed.
 */
import { filterWords } from './filterWords';
import { ROMAN, type ReportContext } from '../context';
import { REFERENCE_R, type SoftwareInfo } from '../software';
import { type Rich } from '../tableModel';
import { CITE, type RefKey, referenceList } from './references';
import { estimationName } from '../tables/notes';
import { listWords, randomStructureWords } from './randomStructure';
import { nlmeMethodsText } from './nlmeMethods';
import { countMethodsText } from './countMethods';

export interface MethodsText {
  paragraphs: Rich[];
  references: Rich[];
}

function fixedWords(ctx: ReportContext): string {
  const f = ctx.formula;
  const mains = f.fixedTerms.filter((t) => t.factors.length === 1).map((t) => t.label);
  const inters = f.fixedTerms.filter((t) => t.factors.length > 1).map((t) => t.factors.join(' × '));
  const parts = [...mains];
  if (inters.length === 1) parts.push(`the ${inters[0]} interaction`);
  else if (inters.length > 1) parts.push(`the ${listWords(inters)} interactions`);
  if (parts.length === 0) return f.intercept ? 'an intercept as the only fixed effect' : 'no fixed effects';
  const what = parts.length > 1 || inters.length ? `${listWords(parts)} as fixed effects` : `${parts[0]} as a fixed effect`;
  return f.intercept ? what : `${what} (without an intercept, so each level of a factor gets its own mean)`;
}

/** "Sex was coded with treatment contrasts, reference level Female" for the factors in the fixed part. */
function codingWords(ctx: ReportContext): string {
  if (!ctx.table) return '';
  const used = new Set(ctx.formula.fixedTerms.flatMap((t) => t.factors));
  const refs: string[] = [];
  // Without an intercept R codes the first factor with one indicator per level: it has no reference.
  const first = ctx.formula.intercept ? undefined : ctx.formula.fixedTerms.find((t) => t.factors.length === 1 && ctx.table?.columns.some((c) => c.name === t.label && c.type === 'factor'))?.label;
  for (const c of ctx.table.columns) if (c.type === 'factor' && used.has(c.name) && c.name !== first) refs.push(`${c.name} (reference level ${c.levels[0]})`);
  if (refs.length === 0) return '';
  return ` Categorical predictors were coded with treatment (dummy) contrasts, R's default: ${listWords(refs)}.`;
}

const FAMILY_WORDS: Record<string, string> = {
  binomial: 'with binomial distributions',
  poisson: 'with Poisson distributions',
  Gamma: 'with gamma distributions',
  'inverse.gaussian': 'with inverse Gaussian distributions',
  gaussian: 'and normally distributed',
};

/** "the proportion incidence out of size" for cbind responses, else the response's name. */
function responseWords(ctx: ReportContext): string {
  const label = ctx.formula.response.label;
  const m = /^cbind\((.+?),\s*(.+)\)$/.exec(label);
  if (!m) return label;
  const total = /^(.+?)\s*-\s*(.+)$/.exec(m[2]);
  return total && total[2].trim() === m[1].trim() ? `the number of ${m[1]} out of ${total[1].trim()}` : `${m[1]} successes against ${m[2]} failures`;
}

const OPTIMIZER: Record<string, { name: string; ref: RefKey }> = {
  bobyqa: { name: 'the BOBYQA derivative-free optimizer', ref: 'powell2009' },
  'nelder-mead': { name: 'the Nelder–Mead simplex optimizer', ref: 'nelder1965' },
  'quasi-newton': { name: 'a projected quasi-Newton (BFGS) optimizer', ref: 'nocedal2006' },
};

/** The optimizer as the methods name it; a gradient count means θ was fitted on the exact gradient (lmm/gradientFit.ts). */
function optimizerWords(optimizer: { name: string; gradients?: number } | undefined, cite: (k: RefKey) => string): string {
  const opt = optimizer ? OPTIMIZER[optimizer.name] : undefined;
  if (!opt) return '';
  const onGradient = optimizer?.gradients ? ' on the analytic gradient of the profiled deviance' : '';
  return ` with ${opt.name}${onGradient} (${cite(opt.ref)})`;
}

export function methodsText(ctx: ReportContext, software: SoftwareInfo): MethodsText {
  const { report } = ctx;
  if (report.nlme) return nlmeMethodsText(ctx, software);
  if (report.tmb) return countMethodsText(ctx, software);
  const cited: RefKey[] = [];
  const cite = (...keys: RefKey[]) => {
    cited.push(...keys);
    return keys.map((k) => CITE[k]).join('; ');
  };
  const random = randomStructureWords(ctx);
  const g = report.glmm;
  const modelWords = g ? `a generalized linear mixed-effects model (${report.family} family, ${report.link} link)` : 'a linear mixed-effects model';
  const p1: Rich = [
    `We fitted ${modelWords} to ${responseWords(ctx)} (`,
    { i: 'N' },
    ` = ${report.nobs} observations) with ${fixedWords(ctx)}.${codingWords(ctx)} The model included ${random.terms}.`,
  ];
  if (random.relations) p1.push(' ' + random.relations);
  if (ctx.filter) p1.push(filterWords(ctx.filter));
  const offsets = ctx.formula.offsets;
  if (offsets.length) p1.push(` The linear predictor included ${listWords(offsets)} as ${offsets.length > 1 ? 'offsets' : 'an offset'} (coefficient fixed at 1).`);
  if (g) {
    p1.push(` Conditional on the random effects, observations were assumed to be independent ${FAMILY_WORDS[report.family] ?? `with a ${report.family} distribution`}.`);
  } else if (ctx.weights) {
    p1.push(` Residuals were assumed to be independent and normally distributed, with variance inversely proportional to the prior weights in ${ctx.weights}.`);
  } else p1.push(' Residuals were assumed to be independent and normally distributed with constant variance.');

  const method = report.method === 'REML' ? 'restricted maximum likelihood (REML)' : 'maximum likelihood (ML)';
  const optText = optimizerWords(report.optimizer, cite);
  const p2: Rich = g
    ? [`Parameters were estimated by ${method} with the likelihood evaluated by ${estimationName(g.nAGQ)}${optText}, the conditional modes of the random effects being found by penalized iteratively reweighted least squares as in lme4's glmer (${cite('bates2015')}).`]
    : [`Parameters were estimated by ${method}${optText}, using the penalized least-squares formulation of lme4 (${cite('bates2015')}).`];
  const anova = report.anova.length > 0 ? ` and Type ${ROMAN[ctx.anovaType]} ` : '';
  const tests: Rich = anova ? [{ i: 't' }, ' tests', anova, { i: 'F' }, ' tests'] : [{ i: 't' }, ' tests'];
  if (g) {
    p2.push(' Fixed effects were tested with Wald ', { i: g.statisticName === 't value' ? 't' : 'z' }, ' tests, as glmer reports them; models were compared by likelihood-ratio tests.');
    if (g.overdispersion) {
      const o = g.overdispersion;
      p2.push(` Overdispersion was assessed by the ratio of the Pearson χ² statistic to the residual degrees of freedom (χ²/df = ${o.ratio.toFixed(2)}, `, { i: 'p' }, ` ${o.pValue < 0.001 ? '< .001' : `= ${o.pValue.toFixed(3).replace(/^0/, '')}`}).`);
    }
    if (g.separation) p2.push(` Some cells of the design showed separation (${g.separation.cells.map((c) => c.replace(/:.*/, '')).join('; ')}), so the coefficients involving them have no finite maximum-likelihood estimate.`);
  } else if (ctx.ddf === 'satterthwaite') {
    p2.push(' Fixed effects were tested with ', ...tests, ` using Satterthwaite's approximation to the denominator degrees of freedom (${cite('satterthwaite1946')}), as implemented in lmerTest (${cite('kuznetsova2017')}).`);
  } else if (ctx.ddf === 'kenward-roger') {
    p2.push(
      ' Fixed effects were tested with ',
      ...tests,
      ` using the Kenward–Roger adjusted covariance matrix and denominator degrees of freedom (${cite('kenward1997')}), as implemented in pbkrtest and lmerTest (${cite('halekoh2014', 'kuznetsova2017')}).`,
    );
  } else {
    p2.push(' Fixed effects are reported with their ', { i: 't' }, ' values and no ', { i: 'p' }, ` values, as lme4 reports them, because the null distribution of these statistics in a mixed model is not known exactly (${cite('bates2015')}).`);
  }
  if (report.method === 'ML' && !g) p2.push(' Maximum likelihood was used so that models differing in their fixed effects can be compared by likelihood-ratio tests.');

  const r = REFERENCE_R;
  const p3: Rich = [
    `Models were fitted in ${software.name} ${software.version}, which reimplements these methods; its results are tested against R ${r.R} (${cite('rcore')}) with lme4 ${r.lme4}, lmerTest ${r.lmerTest} and pbkrtest ${r.pbkrtest}.`,
  ];
  if (report.singular) p3.push(' The fit was singular: at least one variance component was estimated as zero or a correlation as ±1, so the data do not support the full random-effects structure.');
  if (!report.converged) p3.push(' The optimizer did not report convergence, so the estimates should be treated with caution.');
  return { paragraphs: [p1, p2, p3], references: referenceList(cited) };
}
