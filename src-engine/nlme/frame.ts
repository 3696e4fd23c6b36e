/**
 * The data of an nlme fit: the fixed-effects design (Quadrat's model matrix, so names follow R's
 * model.matrix) plus access to the covariate and grouping columns named by the random part, the
 * variance function and the correlation structure, on the same rows.
 */
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { buildDesign } from '../design/buildDesign';
import { lookupColumn } from '../design/evaluate';
import { asGroupingFactor } from '../design/grouping';
import { type MixedDesign } from '../design/mixedDesign';
import { subsetValue } from '../design/values';
import { type NameExpr } from '../formula/ast';

export interface Grouping {
  /** 0-based group of each observation. */
  readonly codes: Int32Array;
  /** Group labels in R's factor-level order (nested levels are labelled "outer/inner" as nlme does). */
  readonly labels: readonly string[];
}

export class NlmeFrame {
  readonly n: number;
  readonly p: number;
  readonly y: Float64Array;
  /** Column-major n × p. */
  readonly X: Float64Array;
  readonly names: readonly string[];
  readonly warnings: string[];

  constructor(
    readonly table: Table,
    readonly design: MixedDesign,
    private readonly factors: ReadonlySet<string>,
  ) {
    this.n = design.n;
    this.p = design.p;
    this.y = design.y;
    this.X = design.X;
    this.names = design.fixedNames;
    this.warnings = [...design.warnings];
  }

  static build(table: Table, fixed: string, factors: readonly string[] = []): NlmeFrame {
    const design = buildDesign(table, fixed, { factors });
    if (design.p === 0) throw new QuadratError('model', 'The fixed-effects formula has no coefficients; nlme needs at least an intercept.');
    return new NlmeFrame(table, design, new Set(factors));
  }

  private value(name: string) {
    const ctx = { table: this.table, factors: this.factors, warnings: [] as string[] };
    const expr: NameExpr = { kind: 'name', name, start: 0, end: name.length };
    const v = lookupColumn(ctx, name, expr);
    return subsetValue(v, this.design.rows);
  }

  /** A numeric column on the rows used; a missing value is an error (nlme's na.fail). */
  numeric(name: string, what: string): Float64Array {
    const v = this.value(name);
    if (v.type !== 'numeric') throw new QuadratError('model', `${what}: the column "${name}" must be numeric.`, { columnName: name });
    const k = v.values.findIndex((x) => !Number.isFinite(x));
    if (k >= 0) throw new QuadratError('data', `${what}: "${name}" is missing in data row ${this.design.rows[k] + 1}. nlme refuses missing values (na.fail); remove those rows first.`, { columnName: name, line: this.design.rows[k] + 1 });
    return v.values;
  }

  /** One grouping factor on the rows used. */
  factor(name: string, what: string): Grouping {
    const v = this.value(name);
    if (v.type === 'matrix') throw new QuadratError('model', `${what}: "${name}" cannot be a grouping factor.`);
    const f = asGroupingFactor(v);
    const k = f.codes.findIndex((c) => c < 0);
    if (k >= 0) throw new QuadratError('data', `${what}: "${name}" is missing in data row ${this.design.rows[k] + 1}. nlme refuses missing values (na.fail); remove those rows first.`, { columnName: name, line: this.design.rows[k] + 1 });
    return { codes: f.codes, labels: f.levels };
  }

  /**
   * Nested groups g1/g2/…: level k is the combination of the first k factors, coded in the order
   * nlme's getGroups sorts them (outer factor's levels, then inner), labelled "a/b".
   */
  nested(names: readonly string[], what: string): Grouping[] {
    const out: Grouping[] = [];
    let prev: Grouping | undefined;
    for (const name of names) {
      const f = this.factor(name, what);
      if (!prev) {
        out.push(f);
        prev = f;
        continue;
      }
      const width = f.labels.length;
      const keys = new Map<number, number>();
      const used = Array.from(new Set(Array.from(prev.codes, (c, i) => c * width + f.codes[i]))).sort((a, b) => a - b);
      used.forEach((key, k) => keys.set(key, k));
      const codes = Int32Array.from(prev.codes, (c, i) => keys.get(c * width + f.codes[i])!);
      const labels = used.map((key) => `${prev!.labels[Math.floor(key / width)]}/${f.labels[key % width]}`);
      prev = { codes, labels };
      out.push(prev);
    }
    return out;
  }
}

/** Observation indices of each group, in data order within a group. */
export function groupMembers(g: Grouping): number[][] {
  const members: number[][] = g.labels.map(() => []);
  for (let i = 0; i < g.codes.length; i++) members[g.codes[i]].push(i);
  return members.filter((m) => m.length > 0);
}
