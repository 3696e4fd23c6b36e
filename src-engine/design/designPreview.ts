/**
 * X and Z of a model as Learn mode shows them (issue 20): the first rows of X with R's column names,
 * the same rows of Z as their non-zero entries named as lme4's getME(m, "Z") columns are (level and
 * term), and a picture of where Z's non-zeros are — the n × q pattern counted into a small grid, so a
 * 180 × 36 sleepstudy Z and a 73,421 × 4,128 InstEval Z both fit on the screen.
 */
import { type Table } from '../data/table';
import { buildDesign } from './buildDesign';
import { type ResponseFamily } from './glmResponse';

export interface DesignPreview {
  n: number;
  p: number;
  q: number;
  fixedNames: string[];
  /** 0-based rows of the data table the preview rows are. */
  rows: number[];
  /** X's first rows, one array per row. */
  X: number[][];
  /** Z's first rows: the non-zero entries, column j (0-based) named zNames[j]. */
  Z: { column: number; value: number }[][];
  /** Names of the columns of Z that appear in Z's first rows ("Subject 308: (Intercept)"). */
  zNames: Record<number, string>;
  /** The random-effects terms' column ranges in Z, in lme4's order. */
  terms: { group: string; termNames: string[]; levels: number; first: number; count: number }[];
  nonZeros: number;
  /** Z's non-zero pattern counted into a rows × cols grid (row-major); a cell's count over its area is its density. */
  picture: { rows: number; cols: number; rowsPerCell: number; colsPerCell: number; counts: number[] };
}

export function designPreview(table: Table, formula: string, options: { weights?: string; family?: ResponseFamily; rows?: number; grid?: number } = {}): DesignPreview {
  const d = buildDesign(table, formula, { ...(options.weights ? { weights: options.weights } : {}), ...(options.family ? { family: options.family } : {}) });
  const show = Math.min(options.rows ?? 6, d.n);
  const grid = options.grid ?? 120;
  const terms: DesignPreview['terms'] = [];
  let q = 0;
  for (const t of d.reterms) {
    const count = t.levels.length * t.termNames.length;
    terms.push({ group: t.group, termNames: [...t.termNames], levels: t.levels.length, first: q, count });
    q += count;
  }
  const picture = { rows: Math.min(grid, d.n), cols: Math.min(grid, Math.max(q, 1)), rowsPerCell: 0, colsPerCell: 0, counts: [] as number[] };
  picture.rowsPerCell = d.n / picture.rows;
  picture.colsPerCell = Math.max(q, 1) / picture.cols;
  const counts = new Float64Array(picture.rows * picture.cols);
  const X: number[][] = [];
  const Z: DesignPreview['Z'] = Array.from({ length: show }, () => []);
  const zNames: Record<number, string> = {};
  for (let i = 0; i < show; i++) X.push(d.fixedNames.map((_, j) => d.X[j * d.n + i]));
  let nonZeros = 0;
  d.reterms.forEach((t, k) => {
    const S = t.termNames.length;
    const first = terms[k].first;
    for (let i = 0; i < d.n; i++) {
      const level = t.refs[i];
      const r = Math.min(picture.rows - 1, Math.floor(i / picture.rowsPerCell));
      for (let j = 0; j < S; j++) {
        const v = t.z[i * S + j];
        if (v === 0) continue;
        const column = first + level * S + j;
        nonZeros++;
        counts[r * picture.cols + Math.min(picture.cols - 1, Math.floor(column / picture.colsPerCell))]++;
        if (i < show) {
          Z[i].push({ column, value: v });
          zNames[column] = `${t.group} ${t.levels[level]}: ${t.termNames[j]}`;
        }
      }
    }
  });
  Z.forEach((row) => row.sort((a, b) => a.column - b.column));
  return { n: d.n, p: d.p, q, fixedNames: [...d.fixedNames], rows: Array.from(d.rows.subarray(0, show)), X, Z, zNames, terms, nonZeros, picture: { ...picture, counts: Array.from(counts) } };
}
