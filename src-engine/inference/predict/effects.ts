/**
 * An effect plot's numbers (issue 17), as ggeffects' ggpredict(m, c("x", "f")) gives them: the
 * population-level prediction over a grid of one numeric predictor — 50 points from its smallest to
 * its largest value in the rows the model used — with its confidence band, one curve per level of an
 * optional factor; every other numeric column held at its mean over those rows, every other factor at
 * its reference level, a logical at FALSE. On the response scale for GLMMs.
 */
import { type Table } from '../../data/table';
import { QuadratError } from '../../errors/quadratError';
import { type LmmRequest } from '../../lmm/fitLmm';
import { type FitControl } from '../../lmm/fitDesign';
import { type Cell, type NewRow } from './newDataTable';
import { newDataDesign } from './newDataDesign';
import { predictionModel } from './predict';
import { predictorColumns } from './predictorColumns';
import { predictRows } from './predictRows';

export interface EffectCurve {
  /** The by-factor's level, or null for the single curve. */
  level: string | null;
  x: number[];
  estimate: number[];
  lower: number[];
  upper: number[];
}

export interface Effects {
  x: string;
  by: string | null;
  response: string;
  scale: 'response' | 'link';
  level: number;
  curves: EffectCurve[];
  /** What every other column is held at ("Days = 4.5", "Sex = Female"). */
  held: string[];
}

/** The grid's rows: x over its range in the rows used, a block per level of `by`, the rest held. */
export function effectRows(table: Table, formula: string, rows: ArrayLike<number>, x: string, by: string | null, points = 50): { rows: NewRow[]; grid: number[]; levels: (string | null)[]; held: string[] } {
  const { columns, groups } = predictorColumns(formula);
  const col = (name: string) => table.columns.find((c) => c.name === name);
  const xc = col(x);
  if (!columns.includes(x) || !xc || xc.type !== 'numeric') throw new QuadratError('input', `${x} is not a numeric predictor of this model; an effect plot runs over one (${columns.filter((c) => col(c)?.type === 'numeric').join(', ') || 'there is none'}).`);
  const byc = by === null ? null : col(by);
  if (by !== null && (!columns.includes(by) || !byc || byc.type !== 'factor' || by === x)) throw new QuadratError('input', `${by} is not a factor among the fixed effects of this model, so there is no curve per level of it.`);
  const numericOver = (values: Float64Array) => {
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    let n = 0;
    for (let k = 0; k < rows.length; k++) {
      const v = values[rows[k]];
      if (Number.isNaN(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
      n++;
    }
    return { lo, hi, mean: sum / n };
  };
  const usedLevels = (codes: Int32Array, levels: readonly string[]) => {
    const seen = new Uint8Array(levels.length);
    for (let k = 0; k < rows.length; k++) if (codes[rows[k]] >= 0) seen[codes[rows[k]]] = 1;
    return levels.filter((_, j) => seen[j]);
  };
  const base: Record<string, Cell> = {};
  const held: string[] = [];
  for (const name of [...columns, ...groups]) {
    if (name === x || name === by) continue;
    const c = col(name);
    if (!c) continue;
    let v: Cell;
    if (c.type === 'numeric') v = numericOver(c.values).mean;
    else if (c.type === 'factor') v = usedLevels(c.codes, c.levels)[0];
    else if (c.type === 'logical') v = false;
    else v = c.values.find((s) => s !== null) ?? null;
    base[name] = v;
    if (columns.includes(name)) held.push(`${name} = ${typeof v === 'number' ? Number(v.toPrecision(4)) : v === false ? 'FALSE' : v}`);
  }
  const { lo, hi } = numericOver(xc.values);
  const grid = Array.from({ length: points }, (_, k) => lo + ((hi - lo) * k) / (points - 1));
  const levels = byc && byc.type === 'factor' ? usedLevels(byc.codes, byc.levels) : [null];
  const out: NewRow[] = levels.flatMap((level) => grid.map((v) => ({ ...base, [x]: v, ...(by !== null ? { [by]: level } : {}) })));
  return { rows: out, grid, levels, held };
}

export function effects(table: Table, request: LmmRequest, x: string, by: string | null, options: { points?: number; level?: number } = {}, control: FitControl = {}): Effects {
  const model = predictionModel(table, request, control);
  const points = options.points ?? 50;
  const g = effectRows(table, request.formula, model.design.rows, x, by, points);
  const nd = newDataDesign(table, model.structure, g.rows);
  const level = options.level ?? 0.95;
  const scale = 'response' as const;
  const pr = predictRows(model, nd, { re: 'population', interval: 'confidence', method: 'delta', level, scale, nsim: 0, seed: 1 });
  const curves = g.levels.map((lv, k): EffectCurve => {
    const part = pr.slice(k * points, (k + 1) * points);
    return { level: lv, x: g.grid, estimate: part.map((r) => r.estimate), lower: part.map((r) => r.lower!), upper: part.map((r) => r.upper!) };
  });
  return { x, by, response: model.design.responseName, scale, level, curves, held: g.held };
}
