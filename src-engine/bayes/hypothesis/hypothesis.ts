/**
 * brms's hypothesis(fit, "lhs (= < >) rhs", class = "b", alpha) on posterior draws: the draws of
 * lhs − rhs summarised by mean and SD, the (α, 1 − α) quantiles for a one-sided hypothesis and
 * (α/2, 1 − α/2) for a point one; Evid.Ratio is P(>0)/P(≤0) (or P(<0)/P(≥0)) for one-sided, and
 * for "=" the Savage–Dickey ratio posterior density / prior density at 0 (needs prior draws; NA
 * without). Post.Prob = ER / (1 + ER). The star marks P > 1 − α, or 0 outside the interval.
 */
import { QuadratError } from '../../errors/quadratError';
import { mean, variance } from '../diagnostics/draws';
import { quantileSorted, sortedCopy } from '../diagnostics/quantile';
import { densityAt } from './densityAt';
import { evalExpr, exprVariables, parseExpr } from './hypothesisExpr';

export interface HypothesisRow {
  Hypothesis: string;
  Estimate: number;
  'Est.Error': number;
  'CI.Lower': number;
  'CI.Upper': number;
  /** null where brms gives NA (a point hypothesis without prior draws). */
  'Evid.Ratio': number | null;
  'Post.Prob': number | null;
  Star: '' | '*';
}

/** Draws by name (b_Intercept, b_x, sd_g__Intercept, …), all of the same length. */
export type NamedDraws = Readonly<Record<string, ArrayLike<number>>>;

export interface HypothesisOptions {
  alpha?: number;
  /** Draws from the prior under the same names, for the Savage–Dickey ratio of a point hypothesis. */
  priorDraws?: NamedDraws;
  /** brms's class prefix (default "b": "x" means b_x). A name that is already a draw name is used as is. */
  classPrefix?: string;
}

export function hypothesis(draws: NamedDraws, text: string, options: HypothesisOptions = {}): HypothesisRow {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new QuadratError('input', `alpha must be between 0 and 1, not ${alpha}.`);
  const h = text.replace(/\s+/g, '');
  const signs = h.match(/[=<>]/g) ?? [];
  const sides = h.split(/[=<>]/).filter((p) => p.length);
  if (signs.length !== 1 || sides.length !== 2) {
    throw new QuadratError('input', `Every hypothesis must be of the form 'left (= OR < OR >) right', e.g. "treatmentexposed > 0"; "${text}" is not.`);
  }
  const sign = signs[0] as '=' | '<' | '>';
  const expr = `(${sides[0]})${sides[1] !== '0' ? `-(${sides[1]})` : ''}`;
  const parsed = parseExpr(expr);
  const prefix = options.classPrefix ?? 'b_';
  const resolve = (d: NamedDraws, name: string): ArrayLike<number> | undefined => d[`${prefix}${name}`] ?? d[name];
  const vars = exprVariables(parsed);
  const missing = vars.filter((v) => !resolve(draws, v));
  if (missing.length) {
    throw new QuadratError('input', `Some parameters cannot be found in the model: ${missing.join(', ')}. Use the names of the summary (e.g. ${Object.keys(draws).slice(0, 3).map((n) => n.replace(/^b_/, '')).join(', ')}).`);
  }
  const evaluate = (d: NamedDraws): Float64Array | undefined => {
    const cols = vars.map((v) => resolve(d, v));
    if (cols.some((c) => !c)) return undefined;
    const S = cols.length ? cols[0]!.length : 1;
    return Float64Array.from({ length: S }, (_, s) => evalExpr(parsed, (name) => cols[vars.indexOf(name)]![s]));
  };
  const x = evaluate(draws)!;
  const sorted = sortedCopy(x);
  const probs = sign === '=' ? [alpha / 2, 1 - alpha / 2] : [alpha, 1 - alpha];
  let er: number | null;
  if (sign === '=') {
    const prior = options.priorDraws ? evaluate(options.priorDraws) : undefined;
    er = prior ? densityAt(x, 0) / densityAt(prior, 0) : null;
  } else {
    let hits = 0;
    for (const v of x) if (sign === '>' ? v > 0 : v < 0) hits++;
    er = hits / (x.length - hits);
  }
  const pp = er === null ? null : er === Infinity ? 1 : er / (1 + er);
  const lower = quantileSorted(sorted, probs[0]);
  const upper = quantileSorted(sorted, probs[1]);
  const star = sign === '=' ? !(lower <= 0 && 0 <= upper) : pp !== null && pp > 1 - alpha;
  return {
    Hypothesis: `${expr} ${sign} 0`,
    Estimate: mean(x),
    'Est.Error': Math.sqrt(variance(x)),
    'CI.Lower': lower,
    'CI.Upper': upper,
    'Evid.Ratio': er,
    'Post.Prob': pp,
    Star: star ? '*' : '',
  };
}
