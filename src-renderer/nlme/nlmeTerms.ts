/**
 * nlme's random part, variance function and correlation structure as picker choices and as text,
 * both ways: `compose` writes what the pickers hold in nlme's syntax, `parse` reads typed text back
 * into picker choices (null when the text is valid nlme but beyond the pickers, e.g. varComb or
 * list(g = pdDiag(~ x)): the text is then fitted as typed). compose(parse(t)) is t in canonical
 * spacing, so typing and picking give the same spec.
 */

const NAME = String.raw`[A-Za-z.][A-Za-z0-9._]*|\x60[^\x60]+\x60`;
const name = new RegExp(`^(?:${NAME})$`);

function isName(s: string): boolean {
  return name.test(s.trim());
}

// ---- random part: ~ 1 | g, ~ x | g, ~ 1 | a/b ----------------------------------------------------

export interface RandomPick {
  /** Random slopes (besides the intercept, which nlme always includes with `~ x | g`). */
  slopes: string[];
  /** Grouping factors, outermost first (`a/b`). */
  groups: string[];
}

export function composeRandom(r: RandomPick): string {
  if (r.groups.length === 0) return '';
  return `~ ${r.slopes.length ? r.slopes.join(' + ') : '1'} | ${r.groups.join('/')}`;
}

export function parseRandom(text: string): RandomPick | null {
  const m = /^\s*~\s*(.+?)\s*\|\s*(.+?)\s*$/.exec(text);
  if (!m) return null;
  const groups = m[2].split('/').map((s) => s.trim());
  if (!groups.every(isName)) return null;
  const lhs = m[1].split('+').map((s) => s.trim());
  if (lhs.length === 1 && lhs[0] === '1') return { slopes: [], groups };
  const slopes = lhs.filter((s) => s !== '1');
  if (!slopes.every(isName)) return null;
  return { slopes, groups };
}

// ---- variance functions --------------------------------------------------------------------------

export const VAR_FUNCTIONS = ['varIdent', 'varPower', 'varExp', 'varConstPower', 'varFixed'] as const;
export type VarFunctionName = (typeof VAR_FUNCTIONS)[number];

export interface WeightsPick {
  fn: VarFunctionName;
  /** The variance covariate; '' means the fitted values (varPower(), varExp(form = ~ fitted(.))). */
  covariate: string;
  /** Strata with their own parameter (`| g`); varIdent's groups. */
  group: string;
}

export function composeWeights(w: WeightsPick): string {
  switch (w.fn) {
    case 'varIdent':
      return w.group ? `varIdent(form = ~ 1 | ${w.group})` : '';
    case 'varFixed':
      return w.covariate ? `varFixed(~ ${w.covariate})` : '';
    default: {
      if (!w.covariate && !w.group) return `${w.fn}()`;
      return `${w.fn}(form = ~ ${w.covariate || 'fitted(.)'}${w.group ? ` | ${w.group}` : ''})`;
    }
  }
}

export function parseWeights(text: string): WeightsPick | null {
  const t = text.trim();
  const fixed = /^varFixed\(\s*(?:value\s*=\s*)?~\s*([^|()]+?)\s*\)$/.exec(t);
  if (fixed) return isName(fixed[1]) ? { fn: 'varFixed', covariate: fixed[1].trim(), group: '' } : null;
  const m = /^(varIdent|varPower|varExp|varConstPower)\(\s*(?:form\s*=\s*~\s*(.+?)\s*)?\)$/.exec(t);
  if (!m) return null;
  const fn = m[1] as VarFunctionName;
  if (m[2] === undefined) return fn === 'varIdent' ? null : { fn, covariate: '', group: '' };
  const [lhs, group = ''] = m[2].split('|').map((s) => s.trim());
  if (group && !isName(group)) return null;
  if (fn === 'varIdent') return lhs === '1' && group ? { fn, covariate: '', group } : null;
  if (lhs === 'fitted(.)') return { fn, covariate: '', group };
  return isName(lhs) ? { fn, covariate: lhs, group } : null;
}

// ---- correlation structures ----------------------------------------------------------------------

export const COR_STRUCTS = ['corAR1', 'corCAR1', 'corARMA', 'corCompSymm', 'corSymm', 'corExp', 'corGaus', 'corLin', 'corRatio', 'corSpher'] as const;
export type CorStructName = (typeof COR_STRUCTS)[number];
export const SPATIAL: readonly CorStructName[] = ['corExp', 'corGaus', 'corLin', 'corRatio', 'corSpher'];

export interface CorrelationPick {
  fn: CorStructName;
  /** The time or position covariate; '' for the observation order (`~ 1 | g`). */
  time: string;
  /** Groups within which observations are correlated; '' for one series. */
  group: string;
  /** corARMA's orders. */
  p: number;
  q: number;
  /** Spatial structures: a nugget effect. */
  nugget: boolean;
  /** Spatial structures: a second coordinate (`form = ~ x + y | g`, Euclidean distance); '' for one. */
  position2: string;
}

export function composeCorrelation(c: CorrelationPick): string {
  const lhs = c.time && c.position2 && SPATIAL.includes(c.fn) ? `${c.time} + ${c.position2}` : c.time || '1';
  const form = c.time || c.group ? `form = ~ ${lhs}${c.group ? ` | ${c.group}` : ''}` : '';
  const args = [form];
  if (c.fn === 'corARMA') args.push(...(c.p > 0 ? [`p = ${c.p}`] : []), ...(c.q > 0 ? [`q = ${c.q}`] : []));
  if (SPATIAL.includes(c.fn) && c.nugget) args.push('nugget = TRUE');
  return `${c.fn}(${args.filter(Boolean).join(', ')})`;
}

export function parseCorrelation(text: string): CorrelationPick | null {
  const m = /^(cor[A-Za-z0-9]+)\(\s*(.*?)\s*\)$/.exec(text.trim());
  if (!m || !(COR_STRUCTS as readonly string[]).includes(m[1])) return null;
  const out: CorrelationPick = { fn: m[1] as CorStructName, time: '', group: '', p: 0, q: 0, nugget: false, position2: '' };
  if (!m[2]) return out;
  for (const arg of m[2].split(',').map((s) => s.trim())) {
    const a = /^(form|p|q|nugget)\s*=\s*(.+)$/.exec(arg);
    if (!a) return null;
    if (a[1] === 'form') {
      const f = /^~\s*(.+?)\s*(?:\|\s*(.+?)\s*)?$/.exec(a[2]);
      if (!f) return null;
      const coords = f[1].split('+').map((x) => x.trim());
      if (coords.length === 2 && SPATIAL.includes(out.fn) && coords.every(isName)) [f[1], out.position2] = coords;
      if (f[1] !== '1' && !isName(f[1])) return null;
      if (f[2] !== undefined && !isName(f[2])) return null;
      out.time = f[1] === '1' ? '' : f[1];
      out.group = f[2] ?? '';
    } else if (a[1] === 'nugget') {
      if (!/^(TRUE|FALSE|T|F)$/.test(a[2])) return null;
      out.nugget = a[2].startsWith('T');
    } else {
      if (!/^\d$/.test(a[2])) return null;
      out[a[1] as 'p' | 'q'] = Number(a[2]);
    }
  }
  return out;
}

/** The canonical spelling of a structure's text when the pickers can hold it; else the text as typed. */
export function canonical(kind: 'random' | 'weights' | 'correlation', text: string): string {
  const t = text.trim();
  if (kind === 'random') {
    const r = parseRandom(t);
    return r ? composeRandom(r) : t;
  }
  if (kind === 'weights') {
    const w = parseWeights(t);
    return w ? composeWeights(w) : t;
  }
  const c = parseCorrelation(t);
  return c ? composeCorrelation(c) : t;
}
