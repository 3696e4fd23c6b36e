/**
 * A model formula as parts that can be edited and written back: response, fixed terms, and the
 * random terms as lme4's findbars sees them (nested groups a/b expanded to b:a and a, (x || g) split
 * into (1 | g) and (0 + x | g)). ranova and step build their reduced models from this.
 */
import { analyzeFormula, termLabel } from '../formula/analyze';
import { deparse } from '../formula/deparse';
import { termVariables } from '../formula/terms';

export interface RandomSpec {
  /** Terms of the left-hand side ("Days"), without the intercept. */
  readonly lhs: readonly string[];
  /** Variables of each lhs term (for R's drop.scope). */
  readonly lhsVars: readonly (readonly string[])[];
  readonly intercept: boolean;
  /** The grouping factor as lme4 names it: "Subject", "Variety:Block". */
  readonly group: string;
}

export interface ModelSpec {
  readonly response: string;
  readonly intercept: boolean;
  readonly fixed: readonly string[];
  readonly fixedVars: readonly (readonly string[])[];
  readonly offsets: readonly string[];
  readonly random: readonly RandomSpec[];
}

export function parseModelSpec(formula: string): ModelSpec {
  const a = analyzeFormula(formula);
  const random: RandomSpec[] = [];
  for (const r of a.random) {
    const labels = r.lhs.terms.bits.map((b) => termLabel(r.lhs.vars, b));
    const vars = r.lhs.terms.bits.map((b) => termVariables(b).map((k) => r.lhs.vars.labels[k]));
    for (const g of r.group.groups) {
      if (r.correlated) random.push({ lhs: labels, lhsVars: vars, intercept: r.lhs.terms.intercept, group: g.label });
      else {
        if (r.lhs.terms.intercept) random.push({ lhs: [], lhsVars: [], intercept: true, group: g.label });
        labels.forEach((l, k) => random.push({ lhs: [l], lhsVars: [vars[k]], intercept: false, group: g.label }));
      }
    }
  }
  const f = a.fixed;
  return {
    response: a.response.label,
    intercept: f.terms.intercept,
    fixed: f.terms.bits.map((b) => termLabel(f.vars, b)),
    fixedVars: f.terms.bits.map((b) => termVariables(b).map((k) => f.vars.labels[k])),
    offsets: f.terms.offsets.map((e) => deparse(e)),
    random,
  };
}

/** A random term as findbars deparses it: "Days | Subject", "1 | Block", "0 + Days | Subject". */
export function barText(r: RandomSpec): string {
  const lhs = r.intercept ? (r.lhs.length ? r.lhs.join(' + ') : '1') : ['0', ...r.lhs].join(' + ');
  return `${lhs} | ${r.group}`;
}

export function specFormula(spec: ModelSpec): string {
  const fixed = [spec.intercept ? '1' : '0', ...spec.fixed, ...spec.offsets].join(' + ');
  const random = spec.random.map((r) => ` + (${barText(r)})`).join('');
  return `${spec.response} ~ ${fixed}${random}`;
}
