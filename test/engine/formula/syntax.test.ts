/** The formula reader against R's own reading (test/reference/formula.R → fixtures/formula/syntax.json). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFormula, expandBars, parseFormula } from '../../../src-engine/formula';
import { deparse } from '../../../src-engine/formula/deparse';
import { parseExpression } from '../../../src-engine/formula/parser';
import { formatRNumber } from '../../../src-engine/data/rNumber';
import { termVariables } from '../../../src-engine/formula/terms';

interface Syntax {
  terms: { formula: string; response: string | null; intercept: number; labels: string[]; offsets: string[] }[];
  bars: { formula: string; bars: { group: string; intercept: number; labels: string[] }[] }[];
  numbers: { value: string; text: string }[];
  deparse: { text: string; deparsed: string }[];
}

const path = fileURLToPath(new URL('../../reference/fixtures/formula/syntax.json', import.meta.url));
const R = JSON.parse(readFileSync(path, 'utf8')) as Syntax;

describe("terms match R's terms.formula", () => {
  for (const t of R.terms) {
    it(t.formula, () => {
      const p = parseFormula(t.formula);
      expect(p.response.label).toBe(t.response);
      expect(p.intercept).toBe(t.intercept === 1);
      expect(p.fixedTerms.map((x) => x.label)).toEqual(t.labels);
      expect(p.offsets).toEqual(t.offsets);
    });
  }
});

describe("random terms match lme4's findbars(expandDoubleVerts(…))", () => {
  for (const b of R.bars) {
    it(b.formula, () => {
      const bars = expandBars(analyzeFormula(b.formula).random);
      expect(
        bars.map((x) => ({
          group: x.group.label,
          intercept: x.lhs.terms.intercept ? 1 : 0,
          labels: x.lhs.terms.bits.map((bits) => termVariables(bits).map((k) => x.lhs.vars.labels[k]).join(':')),
        })),
      ).toEqual(b.bars);
    });
  }
});

describe("numbers are written as R's as.character", () => {
  it.each(R.numbers.map((x) => [x.value, x.text]))('%s → %s', (value, text) => {
    expect(formatRNumber(Number(value))).toBe(text);
  });
});

describe("expressions are labelled as R's deparse", () => {
  it.each(R.deparse.map((x) => [x.text, x.deparsed]))('%s → %s', (text, deparsed) => {
    expect(deparse(parseExpression(text))).toBe(deparsed);
  });
});
