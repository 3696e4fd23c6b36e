/**
 * The supernodal factorization for nested designs gives the same criterion as the block-0 + dense-rest
 * factorization (itself checked against lme4) at arbitrary θ, including vector-valued terms.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { profiledCriterion } from '../../../src-engine/lmm/objective';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { SelectedInversePlan } from '../../../src-engine/lmm/selectedInverse';
import { chooseSupernodal, SupernodalFactorizer } from '../../../src-engine/lmm/supernodal';
import { type Supernode } from '../../../src-engine/lmm/supernodalAssembly';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { conditionalVariances } from '../../../src-engine/lmm/condVar';
import { templatesFromTheta } from '../../../src-engine/lmm/reBlocks';
import { finishSolution, solvePls } from '../../../src-engine/lmm/solve';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

function nestedTable(A: number, B: number, C: number, N: number, seed = 3): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['y,x,a,b,c'];
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++)
      for (let c = 0; c < C; c++)
        for (let i = 0; i < N; i++) {
          const x = rnd();
          lines.push(`${(2 + 3 * x + a * 0.1 + rnd() + (b % 3) * 0.2 + rnd() * x).toFixed(5)},${x.toFixed(4)},a${a},b${b},c${c}`);
        }
  return lines.join('\n');
}

/** Sites with plots nested in them, a covariate whose slope varies by site, and crossed years (issue 18's shape). */
function fieldTable(sites: number, plots: number, years: number, seed = 7): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['y,temp,site,plot,year'];
  for (let a = 0; a < sites; a++) {
    const intercept = 2 * (rnd() - 0.5);
    const slope = rnd() - 0.5;
    for (let b = 0; b < plots; b++) {
      const plot = rnd();
      for (let t = 0; t < years; t++) {
        const temp = a / sites + t * 0.1 + rnd();
        lines.push(`${(3 + intercept + (0.5 + slope) * temp + plot + 0.3 * t + 2 * rnd()).toFixed(5)},${temp.toFixed(4)},s${a},p${b},y${t}`);
      }
    }
  }
  return lines.join('\n');
}

function compare(design: MixedDesign, K: number, thetas: number[][]): void {
  const { blocks } = buildReBlocks(design);
  const cp = computeCrossproducts(design, blocks);
  const dense = new Factorizer(cp, blocks);
  const sn = new SupernodalFactorizer(design, blocks, K);
  for (const theta of thetas) {
    for (const reml of [true, false]) {
      expect(dense.factor(theta).ok).toBe(true);
      const a = profiledCriterion(dense.parts(), design.n, design.p, reml, cp.logDetW);
      expect(sn.factor(theta).ok).toBe(true);
      const b = profiledCriterion(sn.parts(), design.n, design.p, reml, cp.logDetW);
      expect(Math.abs(a - b), `θ = ${theta}`).toBeLessThan(1e-8 * Math.abs(a));
    }
  }
}

describe('supernodal factorization', () => {
  const table = tableFromCsvText(nestedTable(6, 8, 4, 3));

  it('matches the dense-rest factorization on a three-level nested design', () => {
    const d = buildDesign(table, 'y ~ x + (1 | a/b/c)');
    compare(d, 2, [[1, 1, 1], [0.3, 2, 0.7], [0, 0.5, 1.2]]);
    compare(d, 3, [[1, 1, 1], [0.3, 2, 0.7]]);
  });

  it('matches with a vector-valued nested term', () => {
    const d = buildDesign(table, 'y ~ x + (x | a:b) + (1 | a)');
    compare(d, 2, [[1, 0, 1, 1], [0.8, -0.3, 0.5, 2], [1.5, 0.4, 0.2, 0]]);
  });

  // Pastes and ham also exercise the dense-rest path's diagonal head (block 0 nested in a scalar block 1).
  it('matches on Pastes, Oats and ham (lme4 fixtures)', () => {
    for (const name of ['pastes', 'oats', 'ham']) {
      const fx = loadLmmFixture(name);
      const d = buildDesign(loadCaseTable(fx), fx.formula);
      compare(d, 2, [fx.expected.theta, fx.expected.theta.map((t) => t * 1.3 + 0.1)]);
    }
  });

  it('solves for β, b and the conditional SDs as the dense path does', () => {
    for (const [formula, theta] of [
      ['y ~ x + (1 | a/b/c)', [0.6, 1.4, 0.9]],
      ['y ~ x + (x | a:b) + (1 | a)', [0.8, -0.3, 0.5, 1.1]],
    ] as const) {
      const d = buildDesign(table, formula);
      const { blocks } = buildReBlocks(d);
      const cp = computeCrossproducts(d, blocks);
      const dense = new Factorizer(cp, blocks);
      const sn = new SupernodalFactorizer(d, blocks, blocks.length);
      // a second θ on the same factorizer: the selected inversion's plan and buffer are reused
      for (const th of [Float64Array.from(theta), Float64Array.from(theta, (t) => 1.2 * t + 0.05)]) {
        const T = templatesFromTheta(blocks, th);
        const ref = solvePls(d, cp, blocks, dense, th);
        const refVar = conditionalVariances(cp, blocks, dense, ref.levelRows, T, 2)!;
        expect(sn.factor(th).ok).toBe(true);
        const { u, beta, L } = sn.solve(d.p);
        const got = finishSolution(d, blocks, T, u, beta, L, sn.m, sn.qRest);
        const condVar = sn.conditionalVariances(T, 2)!;
        got.beta.forEach((v, j) => expect(v).toBeCloseTo(ref.beta[j], 9));
        got.fitted.forEach((v, i) => expect(v).toBeCloseTo(ref.fitted[i], 9));
        got.unscaledVcov.forEach((v, i) => expect(v).toBeCloseTo(ref.unscaledVcov[i], 9));
        got.b.forEach((bk, k) => bk.forEach((v, i) => expect(v).toBeCloseTo(ref.b[k][i], 9)));
        condVar.forEach((vk, k) => vk.forEach((v, i) => expect(v, `condVar block ${k} [${i}]`).toBeCloseTo(refVar[k][i], 8)));
      }
    }
  });

  // (1 + x | site) + (1 | site:plot) + (1 | year): the site supernodes (2×2) carry every year in their
  // patterns; only the year block stays dense (issue 18)
  const field = tableFromCsvText(fieldTable(110, 3, 4));
  const fieldFormula = 'y ~ temp + (1 + temp | site) + (1 | site:plot) + (1 | year)';

  it('matches the dense-rest factorization for nested sites with slopes and a crossed year', () => {
    const d = buildDesign(field, fieldFormula);
    compare(d, 2, [[1, 0, 1, 1, 1], [0.7, 0.2, 0.3, 1.4, 0.5], [1.2, -0.4, 0, 0.6, 2]]);
  });

  it('solves nested sites with slopes and a crossed year as the dense path does', () => {
    const d = buildDesign(field, fieldFormula);
    const { blocks } = buildReBlocks(d);
    const cp = computeCrossproducts(d, blocks);
    const th = Float64Array.from([0.7, 0.2, 0.3, 1.4, 0.5]);
    const T = templatesFromTheta(blocks, th);
    const ref = solvePls(d, cp, blocks, new Factorizer(cp, blocks), th);
    const sn = chooseSupernodal(d, blocks)!;
    expect(sn.K).toBe(2);
    expect(sn.factor(th).ok).toBe(true);
    const { u, beta, L } = sn.solve(d.p);
    const got = finishSolution(d, blocks, T, u, beta, L, sn.m, sn.qRest);
    got.beta.forEach((v, j) => expect(v).toBeCloseTo(ref.beta[j], 9));
    got.unscaledVcov.forEach((v, i) => expect(v).toBeCloseTo(ref.unscaledVcov[i], 9));
    got.b.forEach((bk, k) => bk.forEach((v, i) => expect(v).toBeCloseTo(ref.b[k][i], 9)));
  });

  it("selected inversion: the 1 × 1 and 2 × 2 supernodes' paths give the general loops' bits", () => {
    const d = buildDesign(field, fieldFormula);
    const { blocks } = buildReBlocks(d);
    const sn = chooseSupernodal(d, blocks)!;
    expect(sn.factor(Float64Array.from([0.7, 0.2, 0.3, 1.4, 0.5])).ok).toBe(true);
    const f = sn as unknown as { nodes: Supernode[]; owner: Int32Array; qE: number; qRest: number; D: Float64Array[]; O: Float64Array[]; workspace: { A: Float64Array }; m: number };
    expect(f.nodes.some((node) => node.S === 2)).toBe(true);
    expect(f.nodes.some((node) => node.S === 1)).toBe(true);
    const run = (generalOnly: boolean) => {
      const Z = new SelectedInversePlan(f.nodes, f.owner, f.qE, f.qRest, generalOnly).run(f.D, f.O, f.workspace.A, f.m);
      return { Zrr: Array.from(Z.Zrr), Zss: Array.from(Z.Zss) };
    };
    expect(run(false)).toEqual(run(true));
  });

  it("solves several rows' modes in one pass (two at a time) to the bits of one row at a time", () => {
    for (const [tbl, formula, theta] of [
      [field, fieldFormula, [0.7, 0.2, 0.3, 1.4, 0.5]],
      [table, 'y ~ x + (1 | a/b/c)', [0.6, 1.4, 0.9]],
    ] as const) {
      const d = buildDesign(tbl, formula);
      const { blocks } = buildReBlocks(d);
      const sn = chooseSupernodal(d, blocks) ?? new SupernodalFactorizer(d, blocks, blocks.length);
      expect(sn.factor(Float64Array.from(theta)).ok).toBe(true);
      const y = sn.m - 1;
      const bits = (modes: { u: Float64Array[]; v: Float64Array }) => [...modes.u.map((u) => Array.from(u)), Array.from(modes.v)];
      // y first and last, an odd and an even count of rows: the pairs and the single row left over
      for (const rows of [[y, 0, 1], [0, 1, y], [1, y], [0, 1, y, 0]]) {
        const together = sn.solveRows(rows);
        rows.forEach((row, i) => expect(bits(together[i]), `rows ${rows}: row ${row}`).toEqual(bits(sn.solveRow(row))));
      }
    }
  });

  it('is chosen for large nested designs and not for crossed ones', () => {
    const big = tableFromCsvText(nestedTable(10, 40, 3, 2));
    const nested = buildDesign(big, 'y ~ x + (1 | a/b/c)');
    const chosen = chooseSupernodal(nested, buildReBlocks(nested).blocks);
    expect(chosen?.K).toBe(3);
    const fx = loadLmmFixture('penicillin');
    const crossed = buildDesign(loadCaseTable(fx), fx.formula);
    expect(chooseSupernodal(crossed, buildReBlocks(crossed).blocks)).toBeUndefined();
  });
});
