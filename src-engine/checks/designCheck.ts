/**
 * The design check before fitting (issue 20): read the data against the model the user is building and
 * say what in the design will make the fit misleading or fail — each finding with what it means, what
 * to do, and a fix the app can apply in one click (a new formula). Pure: no fit is run.
 */
import { columnLabels, getColumn, type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type ResponseFamily } from '../design/glmResponse';
import { type MixedDesign, type ReTerm } from '../design/mixedDesign';
import { glmResponse } from '../glmm/response';
import { separationCheck } from '../glmm/separation';
import { dropSlopeFix, fixedInsteadFix, regroupFix, scaleFix } from './formulaFixes';
import { reusedIds } from './nesting';

export type DesignFindingCode = 'reused-ids' | 'singleton-groups' | 'no-within-variation' | 'few-levels' | 'scales' | 'separation';

export interface DesignFix {
  /** What clicking the fix does, in words. */
  label: string;
  /** The model's formula after the fix. */
  formula: string;
}

export interface DesignFinding {
  code: DesignFindingCode;
  severity: 'warning' | 'info';
  /** The columns concerned (grouping factors, covariates, the response). */
  columns: string[];
  /** What was found and what it means for the fit. */
  meaning: string;
  /** What to do about it. */
  action: string;
  /** The one-click fix, or null where the choice is the user's (merge levels, collect more groups). */
  fix: DesignFix | null;
}

export interface DesignCheckOptions {
  /** A GLMM family; gaussian or absent for an LMM. */
  family?: string;
  /** Columns to treat as factors even if numeric. */
  factors?: readonly string[];
}

/** lme4's checkScaleX tolerance: SDs more than 1000× apart (or from 1). */
const SCALE_TOL = Math.log(1000);
/** Fewer levels than this and a variance is estimated from too few groups (Bolker et al. 2009; Harrison et al. 2018). */
const MIN_LEVELS = 5;
/** Singletons are normal in field data (a brood of one chick); the finding is for when they are common. */
const SINGLETON_SHARE = 0.25;

export function designCheck(table: Table, formula: string, options: DesignCheckOptions = {}): DesignFinding[] {
  const family = options.family && options.family !== 'gaussian' ? (options.family as ResponseFamily) : undefined;
  const design = buildDesign(table, formula, { family, factors: options.factors });
  const simple = design.reterms.filter((t) => !t.group.includes(':') && getColumn(table, t.group));
  const reused = reusedIdFindings(table, design, simple, formula);
  // the reused IDs' few levels are the same problem, solved by the same fix
  const regrouped = new Set(reused.map((f) => f.columns[1]));
  return [
    ...reused,
    ...singletonFindings(design),
    ...withinFindings(design, formula),
    ...fewLevelFindings(design, formula).filter((f) => !regrouped.has(f.columns[0])),
    ...scaleFindings(table, design, formula),
    ...separationFindings(design, family),
  ];
}

function reusedIdFindings(table: Table, design: MixedDesign, simple: readonly ReTerm[], formula: string): DesignFinding[] {
  const randomGroups = [...new Set(simple.map((t) => t.group))];
  const fixedFactors = Object.entries(design.fixedTerms?.variableInfo ?? {})
    .filter(([name, info]) => info.type === 'factor' && getColumn(table, name))
    .map(([name]) => name);
  const labelsOf = (name: string) => {
    const all = columnLabels(getColumn(table, name)!);
    return Array.from(design.rows, (r) => all[r] ?? '');
  };
  const out: DesignFinding[] = [];
  for (const group of randomGroups) {
    const higher = [...randomGroups.filter((g) => g !== group).map((g) => ({ name: g, random: true })), ...fixedFactors.filter((f) => !randomGroups.includes(f)).map((f) => ({ name: f, random: false }))];
    for (const h of higher) {
      const found = reusedIds(labelsOf(group), labelsOf(h.name), h.random);
      if (!found) continue;
      out.push({
        code: 'reused-ids',
        severity: 'warning',
        columns: [h.name, group],
        meaning: `The same ${group} IDs occur in different levels of ${h.name} (${found.reused} of ${found.nLevels} ${group} IDs, e.g. "${found.example}", appear in ${found.maxSpread} levels of ${h.name}). As written, (… | ${group}) treats ${group} "${found.example}" of every ${h.name} as one and the same group: a nested design written as crossed. The model then has ${found.nLevels} ${group} groups where the data have ${found.nCombinations}.`,
        action: `If ${group} "${found.example}" in one ${h.name} is a different unit from ${group} "${found.example}" in another, make the IDs unique: group by ${h.name}:${group} (as (1 | ${h.name}/${group}) does). If the same ${group} really is observed in several levels of ${h.name}, the design is crossed and the formula is right.`,
        fix: fixOrNull(regroupFix(formula, group, h.name), `Group by ${h.name}:${group} (unique ${group} within ${h.name})`),
      });
      break;
    }
  }
  return out;
}

function singletonFindings(design: MixedDesign): DesignFinding[] {
  const out: DesignFinding[] = [];
  for (const t of uniqueGroups(design.reterms)) {
    // a binomial cbind row of size k is k observations
    const counts = new Float64Array(t.levels.length);
    t.refs.forEach((r, i) => (counts[r] += design.trials ? design.trials[i] : 1));
    let singles = 0;
    for (const c of counts) if (c === 1) singles++;
    // every group a single observation is an observation-level random effect (GLMM overdispersion), on purpose
    if (singles === t.levels.length || singles < SINGLETON_SHARE * t.levels.length) continue;
    out.push({
      code: 'singleton-groups',
      severity: 'info',
      columns: [t.group],
      meaning: `${singles} of the ${t.levels.length} levels of ${t.group} have a single observation. Such a group tells nothing about the variation within groups, only a little about the variation between them; many of them make the ${t.group} variance hard to tell apart from the residual variance.`,
      action: `Check that the ${t.group} IDs are right (a typing error makes a new group of one). If they are, the fit is still valid; a random slope per ${t.group} cannot be estimated from such groups.`,
      fix: null,
    });
  }
  return out;
}

function withinFindings(design: MixedDesign, formula: string): DesignFinding[] {
  const out: DesignFinding[] = [];
  for (const t of design.reterms) {
    const S = t.termNames.length;
    for (let j = 0; j < S; j++) {
      const name = t.termNames[j];
      if (name === '(Intercept)' || variesWithin(t, j)) continue;
      out.push({
        code: 'no-within-variation',
        severity: 'warning',
        columns: [t.group, name],
        meaning: `${name} does not vary within any level of ${t.group}: each ${t.group} has one value of ${name}. A random slope of ${name} by ${t.group} is then confounded with the ${t.group} intercepts and cannot be estimated (the fit ends singular or does not converge).`,
        action: `Drop ${name} from the random part for ${t.group}; keep it as a fixed effect, which the between-group differences estimate.`,
        fix: fixOrNull(dropSlopeFix(formula, t.group, name), `Remove the random slope of ${name} by ${t.group}`),
      });
    }
  }
  return out;
}

function variesWithin(t: ReTerm, j: number): boolean {
  const S = t.termNames.length;
  const first = new Float64Array(t.levels.length).fill(NaN);
  for (let i = 0; i < t.refs.length; i++) {
    const g = t.refs[i];
    const v = t.z[i * S + j];
    if (Number.isNaN(first[g])) first[g] = v;
    else if (first[g] !== v) return true;
  }
  return false;
}

function fewLevelFindings(design: MixedDesign, formula: string): DesignFinding[] {
  return uniqueGroups(design.reterms)
    .filter((t) => t.levels.length < MIN_LEVELS)
    .map((t) => ({
      code: 'few-levels' as const,
      severity: 'warning' as const,
      columns: [t.group],
      meaning: `${t.group} has only ${t.levels.length} levels. Its variance is estimated from ${t.levels.length} group effects — as from a sample of ${t.levels.length} values — so the estimate is very uncertain and often exactly 0 (a singular fit), and it says little about the population of ${t.group}s.`,
      action: `With fewer than ${MIN_LEVELS} levels, model ${t.group} as a fixed effect (its levels are then compared, not generalized over), or keep the random effect and report that its variance is poorly estimated.`,
      fix: fixOrNull(fixedInsteadFix(formula, t.group), `Make ${t.group} a fixed effect`),
    }));
}

function scaleFindings(table: Table, design: MixedDesign, formula: string): DesignFinding[] {
  const numeric = (design.fixedTerms?.numericVariables ?? []).filter((v) => getColumn(table, v)?.type === 'numeric');
  const sds = numeric.map((v) => {
    const col = getColumn(table, v);
    return sdOf(Array.from(design.rows, (r) => (col && col.type === 'numeric' ? col.values[r] : NaN)));
  });
  const ok = numeric.map((_, i) => Number.isFinite(sds[i]) && sds[i] > 0);
  const vars = numeric.filter((_, i) => ok[i]);
  const s = sds.filter((_, i) => ok[i]);
  if (!vars.length) return [];
  const logs = s.map(Math.log);
  const spread = Math.max(...logs) - Math.min(...logs);
  if (spread <= SCALE_TOL && logs.every((l) => Math.abs(l) <= SCALE_TOL)) return [];
  const list = vars.map((v, i) => `${v} (SD ${s[i].toPrecision(3)})`).join(', ');
  return [
    {
      code: 'scales',
      severity: 'info',
      columns: vars,
      meaning: `The covariates are on very different scales: ${list}. The optimizer works on all of them at once; scales 1000× apart make the fit slower and convergence warnings likely (lme4: "Some predictor variables are on very different scales").`,
      action: 'Centre and scale the covariates (scale(x): mean 0, SD 1). The estimates are then per SD of each covariate; multiply back by 1/SD to report them on the original scale. Centring also makes the intercept and random intercepts refer to the average covariate values.',
      fix: fixOrNull(scaleFix(formula, vars), `Centre and scale ${vars.join(', ')}`),
    },
  ];
}

function separationFindings(design: MixedDesign, family: ResponseFamily | undefined): DesignFinding[] {
  if (family !== 'binomial') return [];
  const sep = separationCheck(design, design.y, glmResponse(design).weights, family);
  if (!sep) return [];
  return [
    {
      code: 'separation',
      severity: 'warning',
      columns: [design.responseName],
      meaning: `Complete separation: ${sep.cells.join('; ')}. The likelihood has no finite maximum for the coefficients of those cells: glmer reports estimates near ±20 with enormous standard errors, which are not results.`,
      action: 'Merge the levels with all-0 or all-1 responses into neighbouring ones, drop them, or fit with a weakly informative prior on the coefficients (a Bayesian fit).',
      fix: null,
    },
  ];
}

/** `(1 | g) + (0 + x | g)` is one grouping factor. */
function uniqueGroups(terms: readonly ReTerm[]): ReTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.group) ? false : (seen.add(t.group), true)));
}

function sdOf(x: readonly number[]): number {
  const v = x.filter(Number.isFinite);
  if (v.length < 2) return NaN;
  const m = v.reduce((s, a) => s + a, 0) / v.length;
  return Math.sqrt(v.reduce((s, a) => s + (a - m) ** 2, 0) / (v.length - 1));
}

function fixOrNull(formula: string | null, label: string): DesignFix | null {
  return formula ? { label, formula } : null;
}
