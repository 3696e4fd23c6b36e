/**
 * Eliminating a diagonal head by classes of equal levels (headSchur.ts) gives the objective's
 * factorization exactly as forming and factoring the whole rest does (factor(θ, true)).
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { type GroupedGram } from '../../../src-engine/linalg/groupedGram';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { loadLmmFixture } from '../reference/fixtures';
import { unbalancedSitePlots } from './bits';
import { loadCaseTable } from './loadCase';


function compare(design: MixedDesign, thetas: number[][], expectClasses: (k: number) => boolean): void {
  const { blocks } = buildReBlocks(design);
  const cp = computeCrossproducts(design, blocks);
  const fz = new Factorizer(cp, blocks);
  expect(expectClasses(fz.headClasses), `classes ${fz.headClasses}`).toBe(true);
  const { m, qRest } = cp;
  for (const theta of thetas) {
    expect(fz.factor(theta, true).ok).toBe(true);
    const full = fz.parts();
    const tail = fz.Lrr.slice();
    expect(fz.factor(theta).ok).toBe(true);
    const fast = fz.parts();
    for (const k of ['ldL2', 'ldRX2', 'pwrss'] as const) expect(Math.abs(fast[k] - full[k]), `${k} at θ = ${theta}`).toBeLessThan(1e-10 * Math.max(1, Math.abs(full[k])));
    // the X/y block of L, which profile and Satterthwaite code read after an objective-mode factor()
    for (let j = qRest; j < m; j++) for (let i = j; i < m; i++) expect(fz.Lrr[j * m + i]).toBeCloseTo(tail[j * m + i], 9);
  }
}

describe('head elimination by classes', () => {
  it('matches the full factorization on ham and Pastes (one class each)', () => {
    for (const name of ['ham', 'pastes']) {
      const fx = loadLmmFixture(name);
      const d = buildDesign(loadCaseTable(fx), fx.formula);
      compare(d, [fx.expected.theta, fx.expected.theta.map((t) => 0.5 * t + 0.2), [3, 0.05]], (k) => k === 1);
    }
  });

  it('matches with several classes and groups, and an extra scalar block in the tail', () => {
    const table = tableFromCsvText(unbalancedSitePlots());
    const nested = buildDesign(table, 'y ~ x * trt + (1 | site/plot)');
    compare(nested, [[1, 1], [0.3, 2.5], [2, 0.01]], (k) => k > 1);
    const withRater = buildDesign(table, 'y ~ x + (1 | site/plot) + (1 | rater)');
    compare(withRater, [[1, 1, 1], [0.4, 1.7, 0.6]], (k) => k > 1);
  });

  it.each(['auto', 'js'] as const)('builds each Γ_κ from its lower triangle with the bits of the full square of sums (%s)', (backend) => {
    setCholeskyBackend(backend); // auto: the kernel's syrLower (150 head columns × 30² products); js: the JS
    const table = tableFromCsvText(unbalancedSitePlots());
    const d = buildDesign(table, 'y ~ x + (1 | site/plot) + (1 | rater)');
    const { blocks } = buildReBlocks(d);
    const cp = computeCrossproducts(d, blocks);
    const fz = new Factorizer(cp, blocks) as unknown as { headSchur: { classes: number; gamma: Float64Array }; gram: GroupedGram; diagonalHead: number };
    const { headSchur, gram, diagonalHead: dh } = fz;
    const { m, Arr } = cp;
    const G = gram.groupKey.length;
    const t = m - dh;
    const L = t * (1 + G);
    // every Σ_j u_r u_c over the whole square, in the order of j, as the classes are found
    const w = new Float64Array(G);
    const keys: string[] = [];
    const expected = new Float64Array(headSchur.classes * L * L);
    const u = new Float64Array(L);
    for (let j = 0; j < dh; j++) {
      gram.valuesAt(j, j, w);
      const key = [Arr[j * m + j], ...w].join(',');
      let k = keys.indexOf(key);
      if (k < 0) k = keys.push(key) - 1;
      for (let a = 0; a < t; a++) {
        u[a] = Arr[j * m + dh + a];
        gram.valuesAt(dh + a, j, w);
        for (let g = 0; g < G; g++) u[(1 + g) * t + a] = w[g];
      }
      for (let c = 0; c < L; c++) if (u[c] !== 0) for (let r = 0; r < L; r++) expected[k * L * L + c * L + r] += u[r] * u[c];
    }
    expect(keys.length).toBe(headSchur.classes);
    let bad = -1;
    for (let i = 0; i < expected.length && bad < 0; i++) if (!Object.is(expected[i], headSchur.gamma[i])) bad = i;
    expect(bad, `first difference at ${bad}`).toBe(-1);
    setCholeskyBackend('auto');
  });

  it('is not used where the head is not diagonal (crossed factors)', () => {
    const fx = loadLmmFixture('penicillin');
    const { blocks } = buildReBlocks(buildDesign(loadCaseTable(fx), fx.formula));
    const d = buildDesign(loadCaseTable(fx), fx.formula);
    expect(new Factorizer(computeCrossproducts(d, blocks), blocks).headClasses).toBe(0);
  });
});
