/**
 * The model matrices of new rows, as lme4's predict(m, newdata) builds them: X from the fixed formula
 * with the fitted factor levels and contrasts (a fixed-effect level the fit did not see is an error, as
 * in R), the offset, and per random-effects block each row's z and its level in the fit — or −1 for a
 * group the model has not seen (allow.new.levels = TRUE: its effect is 0 and its spread is Σ).
 * scale(x) uses the fitted data's centre and scale and poly(x, d) the fitted data's orthogonal basis
 * coefficients (R's "predvars"), not the new rows' own.
 */
import { type Table } from '../../data/table';
import { QuadratError } from '../../errors/quadratError';
import { analyzeFormula } from '../../formula/analyze';
import { type Expr, forEachNode } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { evaluateVariable, lookupColumn, scaleParams, type EvalContext } from '../../design/evaluate';
import { buildModelFrame, labelOf } from '../../design/modelFrame';
import { orthoPolyWithCoefs, type PolyCoefs } from '../../design/poly';
import { polyArgs } from '../../formula/functions';
import { modelMatrix } from '../../design/modelMatrix';
import { buildReTerms } from '../../design/reTerms';
import { markMissing, subsetValue, type FactorValue, type Value } from '../../design/values';
import { type ReBlock } from '../../lmm/reBlocks';
import { newDataTable, type NewRow } from './newDataTable';
import { predictorColumns, predictorExprs as predictorExprsOf } from './predictorColumns';

export interface NewBlock {
  /** Row-major m × S: the block's terms side by side, as the fitted block's z. */
  readonly z: Float64Array;
  /** The row's level index in the fitted block, or −1 for a level the fit did not see. */
  readonly level: Int32Array;
  /** The row's level label (what the user typed, or the interaction a:b). */
  readonly labels: readonly string[];
}

export interface NewDataDesign {
  /** Indices (0-based) of the new rows that are predicted. */
  readonly rows: readonly number[];
  /** Rows left out, with the reason (a missing value, as R's na.omit). */
  readonly dropped: { row: number; reason: string }[];
  /** Column-major m × p, columns in the fit's order. */
  readonly X: Float64Array;
  readonly offset: Float64Array | undefined;
  /** In the fit's block order. */
  readonly blocks: readonly NewBlock[];
}

/** What the fitted model contributes: its X names and random-effects blocks (terms index `reterms`). */
export interface FittedStructure {
  readonly formula: string;
  readonly fixedNames: readonly string[];
  readonly blocks: readonly ReBlock[];
  readonly reterms: readonly { readonly group: string; readonly termNames: readonly string[] }[];
  readonly weights?: string;
}

/** Each scale(…) call's centre and SD over every row of the fitted data (as scale() computed them in the fit). */
function fittedScales(fittedTable: Table, exprs: readonly Expr[]): Map<string, { mean: number; sd: number }> {
  const out = new Map<string, { mean: number; sd: number }>();
  const visit = (e: Expr): void => {
    if (e.kind !== 'call' || e.fn !== 'scale' || e.args.length !== 1 || out.has(deparse(e))) return;
    const v = evaluateVariable(e.args[0].value, { table: fittedTable, factors: new Set(), warnings: [] });
    if (v.type === 'numeric') out.set(deparse(e), scaleParams(v.values));
  };
  for (const e of exprs) forEachNode(e, visit);
  return out;
}

/** Each orthogonal poly(…) call's basis coefficients over every row of the fitted data (as poly() computed them in the fit). */
function fittedPolys(fittedTable: Table, exprs: readonly Expr[]): Map<string, PolyCoefs> {
  const out = new Map<string, PolyCoefs>();
  const visit = (e: Expr): void => {
    if (e.kind !== 'call' || e.fn !== 'poly' || e.args.length === 0 || out.has(deparse(e))) return;
    const { degree, raw } = polyArgs(e);
    if (raw) return;
    const v = evaluateVariable(e.args[0].value, { table: fittedTable, factors: new Set(), warnings: [] });
    if (v.type === 'numeric') out.set(deparse(e), orthoPolyWithCoefs(v.values, degree).coefs);
  };
  for (const e of exprs) forEachNode(e, visit);
  return out;
}

/** Fitted and new values of one variable made comparable: a factor takes the fitted levels (by label). */
function conform(label: string, fitted: Value, fresh: Value, allowNew: boolean): Value {
  if (fitted.type === 'factor') {
    if (fresh.type !== 'factor') throw new QuadratError('input', `${label} is a factor in the fitted model, so the new rows need its levels (${fitted.levels.slice(0, 6).join(', ')}${fitted.levels.length > 6 ? ', …' : ''}).`, { columnName: label });
    const index = new Map(fitted.levels.map((l, k) => [l, k]));
    const levels = [...fitted.levels];
    const codes = Int32Array.from(fresh.codes, (c) => {
      if (c < 0) return -1;
      const name = fresh.levels[c];
      let k = index.get(name);
      if (k === undefined) {
        if (!allowNew)
          throw new QuadratError('input', `${label} = "${name}" was not in the data the model was fitted to, so there is no coefficient for it. The levels are: ${fitted.levels.slice(0, 12).join(', ')}${fitted.levels.length > 12 ? ', …' : ''}.`, { columnName: label });
        k = levels.length;
        levels.push(name);
        index.set(name, k);
      }
      return k;
    });
    return { type: 'factor', codes, levels } satisfies FactorValue;
  }
  if (fresh.type !== fitted.type) throw new QuadratError('input', `${label} is ${fitted.type === 'logical' ? 'TRUE/FALSE' : 'a number'} in the fitted model; the new rows must give it the same way.`, { columnName: label });
  return fresh;
}

export function newDataDesign(fittedTable: Table, fit: FittedStructure, rows: readonly NewRow[]): NewDataDesign {
  const a = analyzeFormula(fit.formula);
  const predictorExprs = predictorExprsOf(fit.formula);
  const { columns, groups } = predictorColumns(fit.formula);
  const needed = [...columns, ...groups].filter((c) => fittedTable.columns.some((col) => col.name === c));

  // the fitted levels, as the fit saw them (rows with missing values dropped, unused levels dropped)
  const fittedFrame = buildModelFrame(a, { table: fittedTable, factors: new Set(), warnings: [] }, fit.weights);
  const table = newDataTable(fittedTable, rows, needed);
  const exprs = predictorExprs.map((p) => p.expr);
  const ctx: EvalContext = { table, factors: new Set(), warnings: [], fittedScales: fittedScales(fittedTable, exprs), fittedPolys: fittedPolys(fittedTable, exprs) };
  const m0 = rows.length;
  const fixedLabels = new Set(predictorExprs.filter((p) => !p.group).map((p) => p.label));
  const values = new Map<string, Value>();
  for (const p of predictorExprs) {
    if (values.has(p.label)) continue;
    const fresh = p.group && p.expr.kind === 'name' ? lookupColumn(ctx, p.expr.name, p.expr) : evaluateVariable(p.expr, ctx);
    values.set(p.label, conform(p.label, fittedFrame.values.get(p.label)!, fresh, p.group && !fixedLabels.has(p.label)));
  }

  // R's na.omit on the new rows
  const dropped: { row: number; reason: string }[] = [];
  const missingAt = new Map<number, string[]>();
  for (const [label, v] of values) {
    const miss = new Uint8Array(m0);
    if (!markMissing(v, miss)) continue;
    miss.forEach((x, i) => x && missingAt.set(i, [...(missingAt.get(i) ?? []), label]));
  }
  const kept: number[] = [];
  for (let i = 0; i < m0; i++) {
    const why = missingAt.get(i);
    if (why) dropped.push({ row: i, reason: `no value for ${why.join(', ')}` });
    else kept.push(i);
  }
  if (kept.length === 0) throw new QuadratError('input', rows.length === 0 ? 'There are no new rows to predict.' : `No new row can be predicted: ${dropped[0].reason} (row 1).`);
  const keep = Int32Array.from(kept);
  const used = new Map<string, Value>();
  for (const [label, v] of values) used.set(label, subsetValue(v, keep));
  // subsetValue drops unused factor levels; put the fitted ones back so the contrasts match the fit
  for (const [label, v] of used) {
    const full = values.get(label)!;
    if (v.type === 'factor' && full.type === 'factor') used.set(label, { type: 'factor', levels: full.levels, codes: Int32Array.from(keep, (i) => full.codes[i]) });
  }
  const m = kept.length;
  const value = (label: string) => used.get(label)!;

  const mm = modelMatrix(a.fixed, value, m);
  const X = new Float64Array(m * fit.fixedNames.length);
  fit.fixedNames.forEach((name, j) => {
    const c = mm.names.indexOf(name);
    if (c < 0) throw new Error(`predict: no column ${name} in the new rows' model matrix`);
    X.set(mm.columns[c], j * m);
  });

  let offset: Float64Array | undefined;
  for (const e of a.fixed.terms.offsets) {
    const v = value(labelOf(e));
    if (v.type !== 'numeric') throw new QuadratError('formula', `${deparse(e)} must be numeric`, { column: e.start + 1 });
    offset ??= new Float64Array(m);
    for (let i = 0; i < m; i++) offset[i] += v.values[i];
  }

  const built = buildReTerms(a.random, value, m);
  const key = (group: string, termNames: readonly string[]) => `${group}|${termNames.join('\u0000')}`;
  const pool = new Map<string, (typeof built)[number][]>();
  for (const t of built) pool.set(key(t.group, t.termNames), [...(pool.get(key(t.group, t.termNames)) ?? []), t]);
  const blocks = fit.blocks.map((b): NewBlock => {
    const z = new Float64Array(m * b.S);
    let labels: string[] = [];
    for (const t of b.terms) {
      const spec = fit.reterms[t.reterm];
      const match = pool.get(key(spec.group, spec.termNames))?.shift();
      if (!match) throw new Error(`predict: the term (… | ${spec.group}) is missing in the new rows`);
      for (let i = 0; i < m; i++) for (let j = 0; j < t.size; j++) z[i * b.S + t.offset + j] = match.z[i * t.size + j];
      labels = Array.from(match.refs, (r) => match.levels[r]);
    }
    const index = new Map(b.levels.map((l, k) => [l, k]));
    return { z, labels, level: Int32Array.from(labels, (l) => index.get(l) ?? -1) };
  });
  return { rows: kept, dropped, X, offset, blocks };
}
