/**
 * Priors as brms takes them: one prior per class (b, Intercept, sd, cor, sigma, shape), optionally per
 * coefficient and group, the most specific winning (coef+group > group > class > brms's default),
 * with bounds lb/ub on b and Intercept. Validated against the model with messages that list what
 * exists. priorTable() gives get_prior()'s rows (user priors marked as prior_summary() marks them).
 */
import { QuadratError } from '../../errors/quadratError';
import { compareLabels } from '../../data/levels';
import { type BrmsFamily } from './brmsFamily';
import { brmsName } from './brmsNames';
import { defaultPriors } from './defaultPriors';
import { formatPrior, parsePrior, positiveSupport, type PriorDist } from './priorDistribution';
import { type Bounds, UNBOUNDED } from './transform';

export type PriorClass = 'b' | 'Intercept' | 'sd' | 'cor' | 'sigma' | 'shape';

/** A prior as brms's set_prior() takes it. */
export interface UserPrior {
  readonly prior: string;
  readonly class: string;
  readonly coef?: string;
  readonly group?: string;
  readonly lb?: number;
  readonly ub?: number;
}

/** What priors can be put on: the model's structure and its response (for the defaults). */
export interface PriorStructure {
  readonly family: BrmsFamily;
  readonly y: Float64Array;
  readonly hasIntercept: boolean;
  /** R's names of the population-level coefficients (intercept excluded). */
  readonly bNames: readonly string[];
  readonly terms: readonly { readonly group: string; readonly coefNames: readonly string[]; readonly cor: boolean }[];
}

export interface PriorRow {
  prior: string;
  class: string;
  coef: string;
  group: string;
  resp: string;
  dpar: string;
  nlpar: string;
  lb: string;
  ub: string;
  source: string;
}

export interface ResolvedPriors {
  readonly b: readonly PriorDist[];
  readonly bBounds: Bounds;
  readonly Intercept: PriorDist;
  readonly interceptBounds: Bounds;
  /** sigma or shape, if the family has one. */
  readonly dpar: PriorDist | undefined;
  /** Per term, per coefficient. */
  readonly sd: readonly (readonly PriorDist[])[];
  /** Per term, LKJ's η (only read for correlated terms with 2+ coefficients). */
  readonly corEta: readonly number[];
}

interface Parsed {
  readonly cls: PriorClass;
  readonly coef: string;
  readonly group: string;
  readonly dist: PriorDist;
  readonly lb: number | undefined;
  readonly ub: number | undefined;
}

const CLASSES: readonly PriorClass[] = ['b', 'Intercept', 'sd', 'cor', 'sigma', 'shape'];

function classesOf(s: PriorStructure): PriorClass[] {
  const out: PriorClass[] = s.bNames.length ? ['b'] : [];
  if (s.hasIntercept) out.push('Intercept');
  if (s.terms.length) out.push('sd');
  if (s.terms.some((t) => t.cor && t.coefNames.length > 1)) out.push('cor');
  if (s.family.dpar) out.push(s.family.dpar);
  return out;
}

function list(xs: readonly string[]): string {
  return xs.length ? xs.join(', ') : '(none)';
}

function validate(s: PriorStructure, p: UserPrior): Parsed {
  const available = classesOf(s);
  const raw = p.class === 'L' ? 'cor' : p.class;
  if (!(CLASSES as readonly string[]).includes(raw)) throw new QuadratError('input', `Unknown prior class "${p.class}". The classes of this model are ${list(available)}.`);
  const cls = raw as PriorClass;
  if (!available.includes(cls)) {
    const why: Record<PriorClass, string> = {
      b: '',
      Intercept: 'the formula has no intercept',
      sd: 'the formula has no group-level term such as (1 | g)',
      cor: 'no group-level term has two or more correlated coefficients',
      sigma: `the ${s.family.name} family has no sigma`,
      shape: `the ${s.family.name} family has no shape`,
    };
    throw new QuadratError('input', `A prior on class "${cls}" does not apply: ${why[cls]}. The classes of this model are ${list(available)}.`);
  }
  const coef = p.coef ?? '';
  const group = p.group ?? '';
  const dist = parsePrior(p.prior);
  if ((dist.family === 'lkj') !== (cls === 'cor')) {
    throw new QuadratError('input', cls === 'cor' ? `Correlations take an lkj(eta) prior, not "${p.prior}".` : `lkj() is a prior for correlation matrices (class "cor"), not for class "${cls}".`);
  }
  if (dist.family === 'flat' && cls !== 'b') throw new QuadratError('input', `A flat prior is only allowed on class "b" (brms's default there); class "${cls}" needs a proper prior.`);
  if (coef && (cls === 'cor' || cls === 'sigma' || cls === 'shape' || cls === 'Intercept')) throw new QuadratError('input', `Class "${cls}" has no coefficients; leave coef empty.`);
  if (group && cls !== 'sd' && cls !== 'cor') throw new QuadratError('input', `Only classes "sd" and "cor" take a group (got class "${cls}").`);
  if (cls === 'b' && coef) {
    const names = s.bNames.map(brmsName);
    if (!names.includes(brmsName(coef))) throw new QuadratError('input', `There is no population-level coefficient "${coef}". The coefficients are ${list(names)}.`);
  }
  if (cls === 'sd' || cls === 'cor') {
    const terms = s.terms.filter((t) => cls === 'sd' || (t.cor && t.coefNames.length > 1));
    if (group && !terms.some((t) => t.group === group)) throw new QuadratError('input', `There is no group "${group}" with ${cls === 'sd' ? 'group-level effects' : 'correlations'}. The groups are ${list([...new Set(terms.map((t) => t.group))])}.`);
    if (coef) {
      if (!group) throw new QuadratError('input', `A prior on one group-level SD needs its group as well as coef = "${coef}".`);
      const coefs = terms.filter((t) => t.group === group).flatMap((t) => t.coefNames.map(brmsName));
      if (!coefs.includes(brmsName(coef))) throw new QuadratError('input', `Group "${group}" has no coefficient "${coef}". Its coefficients are ${list(coefs)}.`);
    }
  }
  const lb = p.lb ?? undefined;
  const ub = p.ub ?? undefined;
  if (lb !== undefined || ub !== undefined) {
    if (cls !== 'b' && cls !== 'Intercept') throw new QuadratError('input', `Bounds can be set on classes "b" and "Intercept" only; class "${cls}" has fixed bounds.`);
    if (coef) throw new QuadratError('input', 'Bounds apply to a whole class, as in brms: leave coef empty when giving lb or ub.');
    if ((lb !== undefined && !Number.isFinite(lb)) || (ub !== undefined && !Number.isFinite(ub))) throw new QuadratError('input', 'The bounds lb and ub must be finite numbers (leave one out for no bound).');
    if (lb !== undefined && ub !== undefined && !(lb < ub)) throw new QuadratError('input', `The lower bound (${lb}) must be below the upper bound (${ub}).`);
  }
  if (positiveSupport(dist) && (cls === 'b' || cls === 'Intercept') && !(lb !== undefined && lb >= 0)) {
    throw new QuadratError('input', `${dist.family}() is a prior for positive parameters; on class "${cls}" give a lower bound lb = 0 as well.`);
  }
  return { cls, coef: cls === 'sd' && coef === '(Intercept)' ? 'Intercept' : coef, group, dist, lb, ub };
}

function checked(s: PriorStructure, user: readonly UserPrior[]): Parsed[] {
  const parsed = user.map((p) => validate(s, p));
  const seen = new Set<string>();
  for (const p of parsed) {
    const key = `${p.cls}|${brmsName(p.coef)}|${p.group}`;
    if (seen.has(key)) throw new QuadratError('input', `Two priors are given for class "${p.cls}"${p.coef ? `, coef "${p.coef}"` : ''}${p.group ? `, group "${p.group}"` : ''}; keep one.`);
    seen.add(key);
  }
  const bounded = parsed.filter((p) => p.cls === 'b' && (p.lb !== undefined || p.ub !== undefined));
  if (bounded.length && parsed.some((p) => p.cls === 'b' && p.coef && positiveSupport(p.dist) && !(bounded[0].lb !== undefined && bounded[0].lb >= 0))) {
    throw new QuadratError('input', 'A gamma or exponential prior on a coefficient needs lb = 0 on class "b".');
  }
  return parsed;
}

function find(parsed: readonly Parsed[], cls: PriorClass, coef: string, group: string): Parsed | undefined {
  return parsed.find((p) => p.cls === cls && brmsName(p.coef) === brmsName(coef) && p.group === group);
}

export function resolvePriors(s: PriorStructure, user: readonly UserPrior[] = []): ResolvedPriors {
  const parsed = checked(s, user);
  const def = defaultPriors(s.family, s.y);
  const bClass = find(parsed, 'b', '', '');
  const b = s.bNames.map((nm) => {
    const p = find(parsed, 'b', nm, '') ?? bClass;
    if (p && positiveSupport(p.dist) && !(bClass?.lb !== undefined && bClass.lb >= 0)) throw new QuadratError('input', `${p.dist.family}() on "${nm}" needs lb = 0 on class "b".`);
    return p?.dist ?? def.b;
  });
  const ic = find(parsed, 'Intercept', '', '');
  const sdClass = find(parsed, 'sd', '', '');
  const sd = s.terms.map((t) => {
    const g = find(parsed, 'sd', '', t.group);
    return t.coefNames.map((c) => (find(parsed, 'sd', c, t.group) ?? g ?? sdClass)?.dist ?? def.sd);
  });
  const corClass = find(parsed, 'cor', '', '');
  const corEta = s.terms.map((t) => {
    const d = (find(parsed, 'cor', '', t.group) ?? corClass)?.dist ?? def.cor;
    return d.family === 'lkj' ? d.eta : 1;
  });
  const dparName = s.family.dpar;
  const dpar = dparName ? (find(parsed, dparName, '', '')?.dist ?? def[dparName]) : undefined;
  return {
    b,
    bBounds: { lb: bClass?.lb, ub: bClass?.ub },
    Intercept: ic?.dist ?? def.Intercept,
    interceptBounds: ic ? { lb: ic.lb, ub: ic.ub } : UNBOUNDED,
    dpar,
    sd,
    corEta,
  };
}

const num = (v: number | undefined) => (v === undefined ? '' : String(v));

/** get_prior()'s table (brms 2.18 order: by class, group, coef, collated as R in a UTF-8 locale); user priors marked "user" as prior_summary() does. */
export function priorTable(s: PriorStructure, user: readonly UserPrior[] = []): PriorRow[] {
  const parsed = checked(s, user);
  const def = defaultPriors(s.family, s.y);
  const rows: PriorRow[] = [];
  // get_prior()'s data frame: a row that inherits its prior from a wider one has prior "" (print()
  // shows those as "(vectorized)"); bounds are printed on class rows only; a flat prior is ""
  const add = (cls: PriorClass, coef: string, group: string, fallback: PriorDist, lb: string, inherited?: Parsed) => {
    const own = find(parsed, cls, coef, group);
    const isClassRow = !coef && !group;
    const dist = own?.dist ?? (isClassRow ? fallback : undefined);
    rows.push({
      prior: dist && dist.family !== 'flat' ? formatPrior(dist) : '',
      class: cls,
      coef,
      group,
      resp: '',
      dpar: '',
      nlpar: '',
      lb: own?.lb !== undefined ? num(own.lb) : isClassRow ? lb : '',
      ub: own ? num(own.ub) : '',
      source: own ? 'user' : 'default',
    });
    return own ?? inherited;
  };
  if (s.bNames.length) {
    const bClass = add('b', '', '', def.b, '');
    for (const nm of s.bNames) add('b', brmsName(nm), '', def.b, '', bClass);
  }
  if (s.hasIntercept) add('Intercept', '', '', def.Intercept, '');
  if (s.terms.length) {
    const sdClass = add('sd', '', '', def.sd, '0');
    for (const g of [...new Set(s.terms.map((t) => t.group))]) {
      const sdGroup = add('sd', '', g, def.sd, '0', sdClass);
      const coefs = [...new Set(s.terms.filter((t) => t.group === g).flatMap((t) => t.coefNames.map(brmsName)))];
      for (const c of coefs) add('sd', c, g, def.sd, '0', sdGroup);
    }
  }
  const corTerms = s.terms.filter((t) => t.cor && t.coefNames.length > 1);
  if (corTerms.length) {
    const corClass = add('cor', '', '', def.cor, '');
    for (const g of [...new Set(corTerms.map((t) => t.group))]) add('cor', '', g, def.cor, '', corClass);
  }
  if (s.family.dpar) add(s.family.dpar, '', '', def[s.family.dpar], '0');
  const cmp = (a: string, b: string) => compareLabels(a, b);
  return rows.sort((a, b) => cmp(a.class, b.class) || cmp(a.group, b.group) || cmp(a.coef, b.coef));
}
