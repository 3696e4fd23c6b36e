/** `correlation = corAR1(form = ~ Time | Mare)` etc. → a CorStruct on the frame's observations. */
import { QuadratError } from '../../errors/quadratError';
import { groupMembers, type Grouping, type NlmeFrame } from '../frame';
import { boolArg, formulaArg, matchArgs, numberArg, numbersArg, parseStructCall } from '../spec/structCall';
import { parseGroupedForm } from '../spec/groupedForm';
import { corAR1 } from './corAR1';
import { corARMA } from './corARMA';
import { corCAR1 } from './corCAR1';
import { corCompSymm } from './corCompSymm';
import { positions, type CorStruct } from './corStruct';
import { corSpatial, type SpatialKind } from './corSpatial';
import { corSymm } from './corSymm';

const SPATIAL = ['corExp', 'corGaus', 'corLin', 'corRatio', 'corSpher'];
const KNOWN = ['corCompSymm', 'corSymm', 'corAR1', 'corCAR1', 'corARMA', ...SPATIAL];
/** corSymm estimates M(M − 1)/2 correlations: beyond this many positions the fit would not be meaningful. */
const MAX_SYMM_POSITIONS = 30;

function checkTimes(t: Float64Array, members: number[][], name: string, integer: boolean): void {
  for (const m of members) {
    const seen = new Set<number>();
    for (const i of m) {
      if (integer && !Number.isInteger(t[i])) throw new QuadratError('model', `${name}: the time covariate must be whole numbers (got ${t[i]}); use corCAR1 for continuous times.`);
      if (seen.has(t[i])) throw new QuadratError('model', `${name}: the covariate must have unique values within groups (${t[i]} occurs twice in one group).`);
      seen.add(t[i]);
    }
  }
}

/** nlme: the covariate's values over all groups must be the positions 1, 2, …, M (one row and column of C each). */
function checkConsecutive(t: Float64Array, members: number[][]): void {
  const values = new Set<number>();
  for (const m of members) for (const i of m) values.add(t[i]);
  const M = Math.max(...values);
  if (values.size !== M || Math.min(...values) !== 1) {
    throw new QuadratError('model', `corSymm: the covariate's values must be the consecutive whole numbers 1, 2, …, M (got ${[...values].sort((a, b) => a - b).slice(0, 6).join(', ')}${values.size > 6 ? ', …' : ''}); use form = ~ 1 | g for the order within groups, or recode the times as 1, 2, ….`);
  }
  if (M > MAX_SYMM_POSITIONS) {
    throw new QuadratError('model', `corSymm: ${M} positions would need ${(M * (M - 1)) / 2} correlation parameters; use corAR1, corARMA or corCAR1 for long series.`);
  }
}

/**
 * `defaultGroups`: the groups a form without `| g` uses (lme: the innermost random-effects level;
 * gls: one group of all observations).
 */
export function buildCorStruct(text: string, frame: NlmeFrame, defaultGroups: Grouping | undefined): { cor: CorStruct; groups: Grouping } {
  const call = parseStructCall(text);
  if (!KNOWN.includes(call.name)) throw new QuadratError('input', `Unknown correlation structure "${call.name}". nlme's are ${KNOWN.join(', ')}.`);
  const what = `correlation = ${call.name}()`;
  const formals = call.name === 'corARMA' ? ['value', 'form', 'p', 'q', 'fixed'] : SPATIAL.includes(call.name) ? ['value', 'form', 'nugget', 'metric', 'fixed'] : ['value', 'form', 'fixed'];
  const args = matchArgs(call, formals);
  for (const a of ['fixed', 'metric']) {
    if (args.has(a)) throw new QuadratError('input', `${call.name}(): "${a}" is not supported yet; give form (and p, q or nugget), and value for a starting value.`);
  }
  const value = numbersArg(call, args, 'value');
  const form = parseGroupedForm(formulaArg(call, args, 'form') ?? '~ 1', what);
  if (form.fitted) throw new QuadratError('input', `${call.name}(): the covariate cannot be fitted(.).`);
  const nested = form.groups.length ? frame.nested(form.groups, what) : undefined;
  const groups: Grouping = nested ? nested[nested.length - 1] : defaultGroups ?? { codes: new Int32Array(frame.n), labels: ['1'] };
  const members = groupMembers(groups);
  const groupOf = new Int32Array(frame.n);
  members.forEach((m, g) => m.forEach((i) => (groupOf[i] = g)));
  const cov = form.covariates.map((c) => frame.numeric(c, what));
  const time = (): Float64Array => {
    if (cov.length > 1) throw new QuadratError('input', `${call.name}(): form takes one time covariate (got ${form.covariates.join(' + ')}).`);
    return cov.length ? cov[0] : positions(groupOf, members);
  };
  let cor: CorStruct;
  switch (call.name) {
    case 'corCompSymm':
      cor = corCompSymm(groupOf, members, form.text);
      break;
    case 'corSymm': {
      const t = time();
      checkTimes(t, members, 'corSymm', true);
      checkConsecutive(t, members);
      cor = corSymm(groupOf, members, t, form.text);
      break;
    }
    case 'corAR1': {
      const t = time();
      checkTimes(t, members, 'corAR1', true);
      cor = corAR1(groupOf, members, t, form.text);
      break;
    }
    case 'corCAR1': {
      const t = time();
      checkTimes(t, members, 'corCAR1', false);
      cor = corCAR1(groupOf, members, t, form.text);
      break;
    }
    case 'corARMA': {
      const p = numberArg(call, args, 'p', 0);
      const q = numberArg(call, args, 'q', 0);
      if (!Number.isInteger(p) || !Number.isInteger(q) || p < 0 || q < 0 || p + q === 0) throw new QuadratError('input', 'corARMA(): p and q must be whole numbers ≥ 0, at least one of them positive.');
      const t = time();
      checkTimes(t, members, 'corARMA', true);
      cor = corARMA(groupOf, members, t, p, q, form.text);
      break;
    }
    default: {
      if (cov.length === 0) throw new QuadratError('input', `${call.name}(): form needs the position covariate(s), e.g. form = ~ x + y | site.`);
      cor = corSpatial(call.name as SpatialKind, groupOf, members, cov, boolArg(call, args, 'nugget', false), form.text);
    }
  }
  return { cor: value ? startingAt(cor, value) : cor, groups };
}

/** nlme's `value =`: the optimization starts there (and only there), as in nlme. */
function startingAt(cor: CorStruct, value: number[]): CorStruct {
  const names = cor.printed(cor.start()).names;
  if (!cor.unconstrain) throw new QuadratError('input', `${cor.className}(): "value" is not supported yet; leave it out and Quadrat chooses the start.`);
  if (value.length !== cor.nPar) throw new QuadratError('input', `${cor.className}(): value needs ${cor.nPar} number${cor.nPar === 1 ? '' : 's'} (${names.join(', ')}); got ${value.length}.`);
  const start = cor.unconstrain(value);
  if (!start || !start.every(Number.isFinite)) throw new QuadratError('input', `${cor.className}(): the starting value ${value.join(', ')} is outside the range of ${names.join(', ')}.`);
  return { ...cor, start: () => start.slice(), starts: undefined };
}
