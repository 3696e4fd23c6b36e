/**
 * Learn mode's notes (issue 20): what each part of an lme4 result is, in plain words with the model's
 * own numbers — n, p and q and what X and Z are, REML or ML, the df method, a singular fit, the ICC,
 * fixed vs random. Kept out of React so the numbers are unit-tested. Sources: Bates, Mächler, Bolker
 * & Walker (2015), "Fitting linear mixed-effects models using lme4", J. Stat. Softw. 67(1) (§2.3 the
 * model's X, Z and Λθ; §3.3 the deviance and the REML criterion); Zuur, Ieno, Walker, Saveliev & Smith
 * (2009), "Mixed Effects Models and Extensions in Ecology with R", ch. 5 (random intercepts, the
 * induced correlation, REML and ML, model selection).
 */
import type { ReportHead } from '../../src-main/api/contract';

export interface LearnNote {
  id: 'dimensions' | 'fixed-random' | 'estimation' | 'df' | 'singular' | 'icc';
  title: string;
  text: string;
  source: string;
}

/** One random-effects term: its grouping factor, how many levels it has, and its terms. */
export interface ReTermSize {
  group: string;
  levels: number;
  terms: string[];
}

/**
 * The random-effects terms with their sizes. lme4 names the parts of a `||` term "g", "g.1", …; the
 * number of levels is the grouping factor's.
 */
export function reTermSizes(report: Pick<ReportHead, 'random' | 'groups'>): ReTermSize[] {
  const out = new Map<string, ReTermSize>();
  for (const r of report.random) {
    if (r.group === 'Residual' || r.term === null) continue;
    const levels = report.groups[r.group] ?? report.groups[r.group.replace(/\.\d+$/, '')] ?? 0;
    const t = out.get(r.group) ?? { group: r.group, levels, terms: [] };
    t.terms.push(r.term);
    out.set(r.group, t);
  }
  return [...out.values()];
}

/** q, the number of random effects (columns of Z): Σ levels × terms over the random-effects terms. */
export function qOf(report: Pick<ReportHead, 'random' | 'groups'>): number {
  return reTermSizes(report).reduce((s, t) => s + t.levels * t.terms.length, 0);
}

const BATES = 'Bates et al. (2015), J. Stat. Softw. 67(1)';
const ZUUR = 'Zuur et al. (2009), Mixed Effects Models and Extensions in Ecology with R';

const plural = (k: number, one: string, many = `${one}s`) => `${k.toLocaleString('en')} ${k === 1 ? one : many}`;

export function learnNotes(report: ReportHead): LearnNote[] {
  const n = report.nobs;
  const p = report.fixed.length;
  const sizes = reTermSizes(report);
  const q = qOf(report);
  const zParts = sizes.map((t) => `${plural(t.levels, `level of ${t.group}`, `levels of ${t.group}`)} × ${plural(t.terms.length, 'term')} (${t.terms.join(', ')}) = ${t.levels * t.terms.length}`);
  const notes: LearnNote[] = [
    {
      id: 'dimensions',
      title: `n = ${n}, p = ${p}, q = ${q}`,
      text:
        `n = ${n} is the number of observations the model used (rows with a missing value in a model variable are left out). ` +
        `p = ${p} is the number of fixed-effect coefficients — the columns of the model matrix X: ${report.fixed.map((f) => f.term).join(', ')}. ` +
        `q = ${q} is the number of random effects — the columns of Z, one per level of each grouping factor and term: ${zParts.join('; ')}. ` +
        `The model is y = Xβ + Zb + ε, with b ~ N(0, σ²ΛθΛθᵀ) and ε ~ N(0, σ²I): X and β carry what is the same for every group, Z and b how each group departs from it.`,
      source: `${BATES}, §2.3`,
    },
    {
      id: 'fixed-random',
      title: 'Fixed or random?',
      text:
        `A fixed effect is estimated for its own sake (each coefficient in the fixed-effects table). A random effect treats the levels of a grouping factor — ${sizes.map((t) => t.group.replace(/\.\d+$/, '')).filter((g, i, a) => a.indexOf(g) === i).join(', ') || 'the groups'} — as a sample from a population, ` +
        `and estimates only the spread of that population (the variances in the random-effects table); the group values themselves are predicted, not estimated. ` +
        `Use a random effect for grouping you want to generalise beyond (sites, bags, broods), with enough levels (5 or more) to estimate a variance.`,
      source: `${ZUUR}, ch. 5`,
    },
    {
      id: 'estimation',
      title: report.method === 'REML' ? 'Fitted by REML' : 'Fitted by maximum likelihood (ML)',
      text:
        (report.method === 'REML'
          ? `REML (restricted maximum likelihood) estimates the variances from the part of the data left after the fixed effects are fitted, so they are not biased downwards by the ${p} fixed effects — the better choice for reporting variances. `
          : `Maximum likelihood estimates everything at once; its variances are a little too small (by about the ${p} fixed effects' share of the data), but its likelihoods can be compared between models with different fixed effects. `) +
        `Compare models that differ in their fixed effects by likelihood ratio with ML fits (the comparison refits REML models by ML, as anova() does); compare random-effects structures with REML.`,
      source: `${BATES}, §3.3; ${ZUUR}, ch. 5`,
    },
  ];
  if (report.ddf) {
    notes.push({
      id: 'df',
      title: report.ddf === 'kenward-roger' ? 'Kenward–Roger degrees of freedom' : report.ddf === 'satterthwaite' ? 'Satterthwaite degrees of freedom' : 'No denominator df',
      text:
        report.ddf === 'none'
          ? 'The t values are shown without p-values: lme4 gives none, because the t statistic of a mixed model does not follow a t distribution with a known df.'
          : `A mixed model's t statistic is only approximately t-distributed, and with what df depends on how much each coefficient is informed by the groups rather than the observations: ` +
            `a treatment applied to whole sites has about as many df as there are sites, not rows. ` +
            (report.ddf === 'satterthwaite'
              ? 'Satterthwaite (lmerTest\'s default) matches the variance of each estimate to a scaled χ².'
              : 'Kenward–Roger also inflates the standard errors for the uncertainty in the variances, which matters with few groups; it needs a REML fit.') +
            ` The df in the table therefore differ between coefficients.`,
      source: 'Kuznetsova, Brockhoff & Christensen (2017), J. Stat. Softw. 82(13) (lmerTest)',
    });
  }
  if (report.singular) {
    notes.push({
      id: 'singular',
      title: 'A singular fit',
      text:
        'Singular means that a variance is estimated as exactly zero, or a correlation as ±1: the data hold no information about that part of the random effects, so the fitted model is simpler than the one written. ' +
        'It is not an error; simplify the random effects (drop the term with zero variance, or write (x || g) to drop a correlation) and check that the fixed effects do not change.',
      source: `${BATES}, §3.1`,
    });
  }
  const residual = report.random.find((r) => r.group === 'Residual');
  const intercepts = report.random.filter((r) => r.group !== 'Residual' && r.term === '(Intercept)');
  if (!report.glmm && residual && intercepts.length === 1 && sizes.length === 1 && sizes[0].terms.length === 1) {
    const icc = intercepts[0].variance / (intercepts[0].variance + residual.variance);
    notes.push({
      id: 'icc',
      title: `ICC = ${icc.toFixed(3)}`,
      text:
        `The intraclass correlation is the share of the variance that lies between groups: ${intercepts[0].variance.toPrecision(4)} / (${intercepts[0].variance.toPrecision(4)} + ${residual.variance.toPrecision(4)}) = ${icc.toFixed(3)}. ` +
        `It is also the correlation the model implies between two observations of the same ${intercepts[0].group}: the reason their errors cannot be treated as independent.`,
      source: `${ZUUR}, ch. 5`,
    });
  }
  return notes;
}
