/**
 * computeCrossproducts' observation loop in the Cholesky kernel (crossScatter) against its JS, bit for bit,
 * on designs above the kernel's threshold: nested (ham), crossed (InstEval), a vector-valued rest block,
 * prior weights, an offset and exact zeros among the entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { type CaseSpec, FIXTURE_ROOT } from '../reference/fixtures';
import { expectSameBits, seeded } from './bits';
import { loadCaseTable } from './loadCase';

afterEach(() => setCholeskyBackend('auto'));

function fixture(name: string, formula?: string): MixedDesign {
  const s = JSON.parse(readFileSync(join(FIXTURE_ROOT, 'lmm', `${name}.json`), 'utf8')) as CaseSpec;
  return buildDesign(loadCaseTable(s), formula ?? s.formula);
}

/** 2,000 rows: weights, an offset, a covariate that is often exactly 0, y sometimes 0, groups g (scalar) and h (slope). */
function simulated(): MixedDesign {
  const r = seeded(9);
  const lines = ['y,x,w,o,g,h'];
  for (let i = 0; i < 2000; i++) {
    const x = r() < 0.3 ? 0 : 2 * r() - 1;
    const y = r() < 0.05 ? 0 : 3 + x + r();
    lines.push([y.toFixed(3), x.toFixed(3), (0.5 + r()).toFixed(3), (0.1 * r()).toFixed(3), `g${Math.floor(r() * 40)}`, `h${Math.floor(r() * 25)}`].join(','));
  }
  const { table } = importDelimited(new TextEncoder().encode(lines.join('\n') + '\n'), { fileName: 'sim.csv', columnTypes: { g: 'factor', h: 'factor' } });
  return buildDesign(table, 'y ~ x + offset(o) + (1 | g) + (1 + x | h)', { weights: 'w' });
}

describe('the crossproducts’ observation loop in the kernel', () => {
  const cases: { name: string; design: () => MixedDesign }[] = [
    { name: 'ham', design: () => fixture('ham') },
    { name: 'ham with a vector-valued crossed block', design: () => fixture('ham', 'Informed.liking ~ Product * Information + (1 | Consumer) + (1 + Information | Product)') },
    { name: 'InstEval', design: () => fixture('insteval_ml') },
    { name: 'simulated, with prior weights, an offset, zeros in X and y, two crossed blocks', design: simulated },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = c.design();
      const { blocks } = buildReBlocks(d);
      const eMax = blocks.slice(1).reduce((a, b) => a + b.S, 0) + d.p + 1;
      expect(d.n * eMax, 'above the threshold').toBeGreaterThanOrEqual(4096);
      const viaKernel = computeCrossproducts(d, blocks);
      setCholeskyBackend('js');
      const js = computeCrossproducts(d, blocks);
      setCholeskyBackend('auto');
      expectSameBits(viaKernel.A11, js.A11, 'A11');
      expectSameBits(viaKernel.A1rValues, js.A1rValues, 'A1r');
      expectSameBits(viaKernel.Arr, js.Arr, 'Arr');
      expect(viaKernel.logDetW).toBe(js.logDetW);
    });
  }
});
