/** Test helpers: read a test dataset and build small designs by hand (independent of the formula module). */
import { readFileSync } from 'node:fs';
import { type MixedDesign, type ReTerm } from '../../../src-engine/design/mixedDesign';

export function readCsvRows(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8').trim();
  const [head, ...lines] = text.split(/\r?\n/);
  const cols = head.split(',').map((s) => s.replace(/"/g, ''));
  return lines.map((line) => {
    const cells = line.split(',').map((s) => s.replace(/"/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

/** Levels sorted numerically when all numeric, else by C-locale string order. */
export function factorOf(values: string[]): { levels: string[]; refs: Int32Array } {
  const uniq = [...new Set(values)];
  const numeric = uniq.every((v) => v !== '' && !Number.isNaN(Number(v)));
  uniq.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(uniq.map((v, i) => [v, i]));
  return { levels: uniq, refs: Int32Array.from(values, (v) => index.get(v)!) };
}

export function design(opts: {
  y: number[];
  X: number[][]; // columns
  fixedNames: string[];
  reterms: { group: string; values: string[]; termNames: string[]; z: number[][] /* columns */ }[];
}): MixedDesign {
  const n = opts.y.length;
  const p = opts.X.length;
  const X = new Float64Array(n * p);
  opts.X.forEach((col, j) => col.forEach((v, i) => (X[j * n + i] = v)));
  const reterms: ReTerm[] = opts.reterms.map((t) => {
    const f = factorOf(t.values);
    const S = t.termNames.length;
    const z = new Float64Array(n * S);
    t.z.forEach((col, j) => col.forEach((v, i) => (z[i * S + j] = v)));
    return { group: t.group, levels: f.levels, refs: f.refs, termNames: t.termNames, z };
  });
  return {
    n,
    responseName: 'y',
    y: Float64Array.from(opts.y),
    X,
    p,
    fixedNames: opts.fixedNames,
    droppedFixed: [],
    reterms,
    weights: undefined,
    offset: undefined,
    rows: Int32Array.from({ length: n }, (_, i) => i),
    nDropped: 0,
    warnings: [],
  };
}

export function sleepstudyDesign(): MixedDesign {
  const rows = readCsvRows('sleepstudy.csv');
  const days = rows.map((r) => Number(r.Days));
  const ones = rows.map(() => 1);
  return design({
    y: rows.map((r) => Number(r.Reaction)),
    X: [ones, days],
    fixedNames: ['(Intercept)', 'Days'],
    reterms: [{ group: 'Subject', values: rows.map((r) => r.Subject), termNames: ['(Intercept)', 'Days'], z: [ones, days] }],
  });
}

export function penicillinDesign(): MixedDesign {
  const rows = readCsvRows('Penicillin.csv');
  const ones = rows.map(() => 1);
  return design({
    y: rows.map((r) => Number(r.diameter)),
    X: [ones],
    fixedNames: ['(Intercept)'],
    reterms: [
      { group: 'plate', values: rows.map((r) => r.plate), termNames: ['(Intercept)'], z: [ones] },
      { group: 'sample', values: rows.map((r) => r.sample), termNames: ['(Intercept)'], z: [ones] },
    ],
  });
}
