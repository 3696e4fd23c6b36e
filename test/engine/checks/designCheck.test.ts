/** The design check on crafted data, one finding each, and none on the bundled example datasets. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designCheck } from '../../../src-engine/checks/designCheck';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { type Column, type Table } from '../../../src-engine/data/table';

function factor(name: string, labels: readonly string[]): Column {
  const levels = [...new Set(labels)].sort();
  return { name, type: 'factor', levels, codes: Int32Array.from(labels, (l) => levels.indexOf(l)) };
}
const numeric = (name: string, values: readonly number[]): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });
const table = (...columns: Column[]): Table => ({ nrow: columns[0].type === 'factor' ? columns[0].codes.length : columns[0].values.length, columns });

/** A deterministic pseudo-random stream, so the crafted responses are not exact fits. */
function noise(n: number, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  });
}

/** 6 sites × 4 plots × 3 visits; plot IDs 1–4 reused in every site (or unique "A1"…"F4"). */
function sitePlot(unique: boolean): Table {
  const site: string[] = [];
  const plot: string[] = [];
  const x: number[] = [];
  for (const s of ['A', 'B', 'C', 'D', 'E', 'F'])
    for (let p = 1; p <= 4; p++)
      for (let v = 0; v < 3; v++) {
        site.push(s);
        plot.push(unique ? `${s}${p}` : String(p));
        x.push(v);
      }
  const e = noise(site.length);
  return table(factor('site', site), factor('plot', plot), numeric('x', x), numeric('y', x.map((xi, i) => 2 + 0.5 * xi + e[i])));
}

describe('design check', () => {
  it('finds plot IDs reused across sites and its fix makes site:plot the group', () => {
    const t = sitePlot(false);
    const [f, ...rest] = designCheck(t, 'y ~ x + (1 | site) + (1 | plot)');
    expect(rest).toEqual([]);
    expect(f.code).toBe('reused-ids');
    expect(f.columns).toEqual(['site', 'plot']);
    expect(f.meaning).toContain('4 plot groups where the data have 24');
    expect(f.fix?.formula).toBe('y ~ x + (1 | site) + (1 | site:plot)');
    expect(designCheck(t, f.fix!.formula)).toEqual([]);
    // unique IDs: the same design nested properly
    expect(designCheck(sitePlot(true), 'y ~ x + (1 | site) + (1 | plot)')).toEqual([]);
  });

  it('does not take a crossed design with named units for reused IDs', () => {
    // every one of 8 named items is seen by each of 6 subjects: crossed by design
    const subj: string[] = [];
    const item: string[] = [];
    for (let s = 0; s < 6; s++)
      for (let i = 0; i < 8; i++) {
        subj.push(`S${String.fromCharCode(97 + s)}`);
        item.push(`item_${String.fromCharCode(97 + i)}`);
      }
    const e = noise(subj.length, 3);
    const t = table(factor('subj', subj), factor('item', item), numeric('y', e));
    expect(designCheck(t, 'y ~ 1 + (1 | subj) + (1 | item)')).toEqual([]);
  });

  it('finds groups with a single observation', () => {
    const g = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'd', 'd', 'd', 'e', 'f', 'f'];
    const t = table(factor('g', g), numeric('y', noise(g.length)));
    const fs = designCheck(t, 'y ~ 1 + (1 | g)');
    expect(fs.map((f) => f.code)).toEqual(['singleton-groups']);
    expect(fs[0].meaning).toMatch(/^2 of the 6 levels of g have a single observation/);
    expect(fs[0].fix).toBeNull();
    // one singleton in six groups is ordinary field data
    expect(designCheck(table(factor('g', [...g, 'c']), numeric('y', noise(g.length + 1))), 'y ~ 1 + (1 | g)')).toEqual([]);
  });

  it('finds a random slope that does not vary within groups, and drops it', () => {
    const g: string[] = [];
    const dose: number[] = [];
    const day: number[] = [];
    for (let k = 0; k < 8; k++)
      for (let d = 0; d < 4; d++) {
        g.push(`g${k}`);
        dose.push(k % 3);
        day.push(d);
      }
    const t = table(factor('g', g), numeric('dose', dose), numeric('day', day), numeric('y', noise(g.length, 5)));
    const fs = designCheck(t, 'y ~ dose + day + (dose + day | g)');
    expect(fs.map((f) => f.code)).toEqual(['no-within-variation']);
    expect(fs[0].columns).toEqual(['g', 'dose']);
    expect(fs[0].fix?.formula).toBe('y ~ dose + day + (day | g)');
    expect(designCheck(t, fs[0].fix!.formula)).toEqual([]);
  });

  it('finds fewer than 5 levels of a random effect and offers it as a fixed effect', () => {
    const g = Array.from({ length: 24 }, (_, i) => ['north', 'south', 'east'][i % 3]);
    const t = table(factor('region', g), numeric('y', noise(24, 7)));
    const fs = designCheck(t, 'y ~ 1 + (1 | region)');
    expect(fs.map((f) => f.code)).toEqual(['few-levels']);
    expect(fs[0].meaning).toContain('only 3 levels');
    expect(fs[0].fix?.formula).toBe('y ~ 1 + region');
    expect(designCheck(t, fs[0].fix!.formula)).toEqual([]);
  });

  it('a grouping factor that is also a fixed effect: the fix drops the random term instead of adding the factor twice', () => {
    const region = Array.from({ length: 48 }, (_, i) => ['north', 'south', 'east'][i % 3]);
    const site = Array.from({ length: 48 }, (_, i) => `s${i % 12}`);
    const t = table(factor('region', region), factor('site', site), numeric('y', noise(48, 3)));
    const f = designCheck(t, 'y ~ region + (1 | site) + (1 | region)').find((x) => x.code === 'few-levels')!;
    expect(f.fix?.formula).toBe('y ~ region + (1 | site)');
  });

  it('finds covariates on very different scales and scales them', () => {
    const n = 40;
    const e = noise(n, 9);
    const g = Array.from({ length: n }, (_, i) => `g${i % 8}`);
    const area = Array.from({ length: n }, (_, i) => 20000 + 5000 * Math.sin(i));
    const depth = Array.from({ length: n }, (_, i) => 0.5 + 0.3 * Math.cos(i * 1.7));
    const t = table(factor('g', g), numeric('area', area), numeric('depth', depth), numeric('y', e));
    const fs = designCheck(t, 'y ~ area + depth + (1 | g)');
    expect(fs.map((f) => f.code)).toEqual(['scales']);
    expect(fs[0].columns).toEqual(['area', 'depth']);
    expect(fs[0].fix?.formula).toBe('y ~ scale(area) + scale(depth) + (1 | g)');
    expect(designCheck(t, fs[0].fix!.formula)).toEqual([]);
  });

  it('finds complete separation for a binary response', () => {
    const n = 48;
    const trt = Array.from({ length: n }, (_, i) => (i % 2 ? 'treated' : 'control'));
    const g = Array.from({ length: n }, (_, i) => `p${i % 8}`);
    const e = noise(n, 11);
    // every treated animal survives (1); controls vary
    const alive = trt.map((t, i) => (t === 'treated' ? 1 : e[i] > 0 ? 1 : 0));
    const t = table(factor('trt', trt), factor('pen', g), numeric('alive', alive));
    const fs = designCheck(t, 'alive ~ trt + (1 | pen)', { family: 'binomial' });
    expect(fs.map((f) => f.code)).toEqual(['separation']);
    expect(fs[0].meaning).toContain('trt = treated');
    expect(fs[0].meaning).toContain('100%');
    // the same data as an LMM: no separation finding
    expect(designCheck(t, 'alive ~ trt + (1 | pen)')).toEqual([]);
  });

  describe('the bundled example datasets give no finding', () => {
    const examples = JSON.parse(readFileSync('assets/examples/examples.json', 'utf8')) as { name: string; columnTypes?: Record<string, 'factor'>; model: { formula: string; family: string } }[];
    it.each(examples.map((e) => [e.name, e] as const))('%s', (name, e) => {
      const { table: t } = importDelimited(new Uint8Array(readFileSync(`assets/examples/${name}.csv`)), { fileName: `${name}.csv`, columnTypes: e.columnTypes ?? {} });
      expect(designCheck(t, e.model.formula, { family: e.model.family })).toEqual([]);
    });
  });
});
