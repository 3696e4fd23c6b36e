/**
 * Table + lme4 formula → MixedDesign: what lme4's lFormula() does for lmer(). Rows with a missing
 * model variable are dropped and counted; the fixed-effects matrix follows R's model.matrix with
 * rank-deficient columns dropped as lme4 does (pivoted QR, tol 1e-7); random-effects terms follow
 * mkReTrms (order, names, level order).
 */
import { withLazy } from '../report/lazyProperties';
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { analyzeFormula, termLabel, type FormulaAnalysis } from '../formula/analyze';
import { deparse } from '../formula/deparse';
import { checkGroupingLevels, checkRandomColumns, groupingWarnings, scaleWarning, slopeWarnings } from './designChecks';
import { dqrdc2 } from './dqrdc2';
import { clearlyFullRank } from './fullRank';
import { type DesignPattern, type DesignPatterns } from './designPattern';
import { type EvalContext } from './evaluate';
import { type FixedTerms, type MixedDesign } from './mixedDesign';
import { buildModelFrame, labelOf } from './modelFrame';
import { termVariables } from '../formula/terms';
import { modelMatrix, termCellMatrices } from './modelMatrix';
import { buildReTerms } from './reTerms';
import { glmResponseValues, type ResponseFamily } from './glmResponse';
import { type Value } from './values';

export interface DesignOptions {
  /** Columns to treat as factors even if numeric (the CLI's --factor). */
  readonly factors?: readonly string[];
  /** Name of a numeric column of prior weights. */
  readonly weights?: string;
  /** A GLMM family: the response is read as that family reads it (cbind, factor, proportion …). */
  readonly family?: ResponseFamily;
  /** A batch's last design pattern, reused when a unit's rows and covariate values are identical (designPattern.ts). */
  readonly patterns?: DesignPatterns;
}

function checkFinite(values: Float64Array, what: string, rows: Int32Array): void {
  let k = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      if (first < 0) first = i;
      k++;
    }
  }
  if (k) throw new QuadratError('data', `${what} is infinite in ${k} row${k === 1 ? '' : 's'} (first: data row ${rows[first] + 1}). Remove those rows or change the transformation.`, { line: rows[first] + 1 });
}

function responseVector(v: Value, label: string): Float64Array {
  switch (v.type) {
    case 'numeric':
      return v.values;
    case 'logical':
      return Float64Array.from(v.values);
    case 'factor':
      throw new QuadratError('model', `The response ${label} is a factor (categories: ${v.levels.slice(0, 4).join(', ')}${v.levels.length > 4 ? ', …' : ''}). A linear mixed model needs a numeric response; for a yes/no or count response use a GLMM.`, { columnName: label });
    case 'matrix':
      throw new QuadratError('model', `The response ${label} has several columns; a linear mixed model needs one numeric response.`, { columnName: label });
  }
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function variableInfo(v: Value): FixedTerms['variableInfo'][string] {
  switch (v.type) {
    case 'numeric':
      return { type: 'numeric', mean: sum(v.values) / v.values.length };
    case 'factor':
      return { type: 'factor', levels: v.levels };
    case 'logical':
      return { type: 'logical', levels: ['FALSE', 'TRUE'] };
    case 'matrix':
      return { type: 'matrix' };
  }
}

/** The distinct elements of the lists in order of first appearance (a few; cheaper than flat() and a Set). */
function distinct<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const xs of lists) for (const x of xs) if (!out.includes(x)) out.push(x);
  return out;
}

function describeFixedTerms(model: FormulaAnalysis['fixed'], value: (label: string) => Value, n: number, assign: number[], codes: (1 | 2)[][]): FixedTerms {
  const { vars, terms } = model;
  const variables = terms.bits.map((b) => termVariables(b).map((k) => vars.labels[k]));
  const used = distinct(variables);
  const described = {
    codes,
    variableInfo: Object.fromEntries(used.map((v) => [v, variableInfo(value(v))])),
    intercept: terms.intercept,
    labels: terms.bits.map((b) => termLabel(vars, b)),
    variables,
    numericVariables: used.filter((v) => value(v).type === 'numeric'),
    assign: new Int32Array(assign),
  };
  // Only lmerTest's Type III contrasts and the separation check read the cells: built on first read
  // (a shared getter, not one in the literal, which would promote every design: lazyProperties.ts)
  return withLazy(described, { cells: () => termCellMatrices(model, value, n) });
}

/**
 * The last two formulas analysed, kept: a batch builds the same formula's design for every unit (the
 * parse and term expansion were ~3 % of a unit's GLMM fit), and an nlme lme builds two designs per fit
 * (the fixed part, then the random part). Nothing modifies an analysis after it is made.
 */
const recentAnalyses: { text: string; analysis: FormulaAnalysis }[] = [];

function analyzed(text: string): FormulaAnalysis {
  const hit = recentAnalyses.find((r) => r.text === text);
  if (hit) return hit.analysis;
  const analysis = analyzeFormula(text);
  recentAnalyses.unshift({ text, analysis });
  recentAnalyses.length = Math.min(recentAnalyses.length, 2);
  return analysis;
}

/**
 * The pattern part of the design (designPattern.ts): X and lme4's chkRank.drop.cols, the offset, the
 * fixed-term descriptions, the random-effects terms and their checks — everything but the response.
 */
function buildPattern(a: FormulaAnalysis, value: (label: string) => Value, rows: Int32Array, glmm: boolean): DesignPattern {
  const n = rows.length;
  const rankWarnings: string[] = [];
  // Fixed effects, then lme4's chkRank.drop.cols.
  const mm = modelMatrix(a.fixed, value, n);
  // indicator columns are 0 and 1 by construction
  mm.columns.forEach((c, j) => {
    if (!mm.indicator[j]) checkFinite(c, `The predictor column ${mm.names[j]}`, rows);
  });
  const pAll = mm.columns.length;
  const Xall = mm.buffer;
  let keep = mm.columns.map((_, j) => j);
  let droppedFixed: string[] = [];
  if (pAll > 0 && !clearlyFullRank(mm.columns, n)) {
    const qr = dqrdc2(Xall, n, pAll, 1e-7);
    if (qr.rank < pAll) {
      keep = Array.from(qr.pivot.subarray(0, qr.rank));
      droppedFixed = Array.from(qr.pivot.subarray(qr.rank)).sort((i, j) => i - j).map((j) => mm.names[j]);
      const k = pAll - qr.rank;
      rankWarnings.push(`fixed-effect model matrix is rank deficient so dropping ${k} ${k === 1 ? 'column / coefficient' : 'columns / coefficients'} (${droppedFixed.join(', ')})`);
    }
  }
  const p = keep.length;
  const X = keep.length === pAll ? Xall : new Float64Array(n * p);
  if (X !== Xall) keep.forEach((j, k) => X.set(mm.columns[j], k * n));
  const fixedNames = keep.map((j) => mm.names[j]);
  const scale = scaleWarning(keep.filter((j) => !mm.indicator[j]).map((j) => mm.columns[j]));

  let offset: Float64Array | undefined;
  if (a.fixed.terms.offsets.length) {
    offset = new Float64Array(n);
    for (const e of a.fixed.terms.offsets) {
      const v = value(labelOf(e));
      if (v.type !== 'numeric') throw new QuadratError('formula', `${deparse(e)} must be numeric`, { column: e.start + 1 });
      for (let i = 0; i < n; i++) offset[i] += v.values[i];
    }
    checkFinite(offset, 'The offset', rows);
  }

  const fixedTerms = describeFixedTerms(a.fixed, value, n, keep.map((j) => mm.assign[j]), mm.codes);

  const reterms = buildReTerms(a.random, value, n);
  for (const t of reterms) checkFinite(t.z, `The random-effects term (${t.termText})`, rows);
  checkGroupingLevels(reterms, n, glmm);
  checkRandomColumns(reterms, n);
  if (n <= p) {
    throw new QuadratError('model', `No residual degrees of freedom: ${n} observation${n === 1 ? '' : 's'} for ${p} fixed-effect coefficient${p === 1 ? '' : 's'}. Use fewer fixed effects or more data.`);
  }

  const laterWarnings = scale ? [scale] : [];
  laterWarnings.push(...groupingWarnings(reterms, value), ...slopeWarnings(reterms));
  return {
    X,
    p,
    fixedNames,
    droppedFixed,
    fixedTerms,
    reterms: reterms.map(({ group, levels, refs, termNames, z }) => ({ group, levels, refs, termNames, z })),
    offset,
    rankWarnings,
    laterWarnings,
  };
}

export function buildDesign(table: Table, formulaText: string, options: DesignOptions = {}): MixedDesign {
  const a = analyzed(formulaText);
  if (a.response.parts && !options.family) {
    throw new QuadratError('model', `A cbind(successes, failures) response is for a binomial GLMM, not a linear mixed model.`, { column: a.response.expr.start + 1 });
  }
  const warnings: string[] = [...a.warnings];
  const ctx: EvalContext = { table, factors: new Set(options.factors ?? []), warnings };
  const frame = buildModelFrame(a, ctx, options.weights);
  const n = frame.rows.length;
  const value = (label: string) => frame.values.get(label)!;

  const glm = options.family ? glmResponseValues(a, value, frame.rows, options.family, frame.weights !== undefined, warnings) : undefined;
  const y = glm ? glm.y : responseVector(value(a.response.label), a.response.label);
  checkFinite(y, `The response ${a.response.label}`, frame.rows);

  const key = `${options.family !== undefined}\u0000${a.text.slice(a.response.expr.end)}`;
  const { patterns } = options;
  let pattern = patterns?.match(key, frame.rows, (label) => frame.values.get(label));
  if (!pattern && patterns) {
    // the values the pattern reads are what a later unit must match to reuse it
    const reads = new Map<string, Value>();
    const recorded = (label: string) => {
      const v = value(label);
      reads.set(label, v);
      return v;
    };
    pattern = buildPattern(a, recorded, frame.rows, options.family !== undefined);
    patterns.keep(key, frame.rows, [...reads], pattern);
  }
  pattern ??= buildPattern(a, value, frame.rows, options.family !== undefined);
  warnings.push(...pattern.rankWarnings);
  if (frame.nDropped > 0) {
    warnings.unshift(`${frame.nDropped} row${frame.nDropped === 1 ? '' : 's'} with missing values ${frame.nDropped === 1 ? 'was' : 'were'} dropped (${frame.missingBy.join(', ')}).`);
  }
  warnings.push(...pattern.laterWarnings);

  return {
    n,
    responseName: a.response.label,
    y,
    X: pattern.X,
    p: pattern.p,
    fixedNames: pattern.fixedNames,
    droppedFixed: pattern.droppedFixed,
    fixedTerms: pattern.fixedTerms,
    reterms: pattern.reterms,
    weights: frame.weights,
    ...(glm ? { trials: glm.trials, responseForm: glm.form } : {}),
    offset: pattern.offset,
    rows: frame.rows,
    nDropped: frame.nDropped,
    warnings,
  };
}
