/**
 * corSymm's spherical parameterization against nlme's own numbers (the orthodont_gls_symm fixtures
 * hold nlme's unconstrained θ and the correlations it prints), the inverse map apVar needs, and the
 * refusals nlme makes for its position covariate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { symmCorrelations, symmTheta } from '../../../src-engine/nlme/corStruct/corSymm';
import { correlationRefusal } from './correlationRefusal';

interface Struct {
  unconstrained: number[];
  printed: Record<string, number>;
  printedNames: string[];
}
const fixture = (name: string): Struct => JSON.parse(readFileSync(`test/reference/fixtures/nlme/${name}.json`, 'utf8')).expected.corStruct;
const upper = (C: readonly number[], M: number) => Array.from({ length: M - 1 }, (_, i) => Array.from({ length: M - 1 - i }, (_, k) => C[i * M + i + 1 + k])).flat();

describe('corSymm', () => {
  for (const name of ['orthodont_gls_symm', 'orthodont_gls_symm_varident']) {
    const s = fixture(name);
    const rho = s.printedNames.map((n) => s.printed[n]);
    it(`${name}: nlme's θ gives the correlations nlme prints, and back`, () => {
      const C = symmCorrelations(s.unconstrained, 4);
      upper(C, 4).forEach((r, k) => expect(r).toBeCloseTo(rho[k], 12));
      for (let i = 0; i < 4; i++) expect(C[i * 4 + i]).toBe(1);
      symmTheta(rho, 4)!.forEach((t, k) => expect(t).toBeCloseTo(s.unconstrained[k], 9));
    });
  }

  it('θ = 0 is the identity (nlme’s start); a matrix that is not positive definite has no θ', () => {
    expect(Array.from(symmCorrelations([0, 0, 0], 3))).toEqual([1, expect.closeTo(0, 15), expect.closeTo(0, 15), expect.closeTo(0, 15), 1, expect.closeTo(0, 15), expect.closeTo(0, 15), expect.closeTo(0, 15), 1]);
    expect(symmTheta([0.9, -0.9, 0.9], 3)).toBeNull();
  });

  it('refuses positions that are not 1, 2, …, M, and series too long for a general matrix, as nlme does', () => {
    expect(correlationRefusal('corSymm(form = ~ age | Subject)')).toMatch(/consecutive whole numbers 1, 2, …, M \(got 8, 10, 12, 14\)/);
    expect(correlationRefusal('corSymm(form = ~ 1)')).toMatch(/108 positions would need 5778 correlation parameters/);
  });
});
