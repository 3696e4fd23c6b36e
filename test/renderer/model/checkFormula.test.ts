import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src-main/api/contract';
import { checkFormula } from '../../../src-renderer/model/checkFormula';

const cols: ColumnInfo[] = [
  { name: 'Reaction', type: 'numeric', levels: [], missing: 0 },
  { name: 'Days', type: 'numeric', levels: [], missing: 0 },
  { name: 'Subject', type: 'factor', levels: ['308', '309'], missing: 0 },
];

describe('checkFormula (what the formula box underlines)', () => {
  it('accepts a good formula and gives the builder its reading', () => {
    const c = checkFormula('Reaction ~ Days + (Days | Subject)', cols);
    expect(c.issue).toBeNull();
    expect(c.model?.random[0]).toMatchObject({ group: 'Subject', slopes: ['Days'] });
  });
  it('underlines an unknown column exactly', () => {
    const text = 'Reaction ~ Dayz + (1 | Subject)';
    const c = checkFormula(text, cols);
    expect(c.issue?.message).toBe('there is no column "Dayz" in this dataset');
    expect(text.slice(c.issue?.start, c.issue?.end)).toBe('Dayz');
  });
  it("uses the engine parser's position for syntax errors", () => {
    const c = checkFormula('Reaction ~ Days + (1 | Subject', cols);
    expect(c.issue).not.toBeNull();
    expect(c.issue?.end).toBeGreaterThan(c.issue?.start ?? -1);
  });
  it('warns when a grouping variable is numeric', () => {
    const c = checkFormula('Reaction ~ 1 + (1 | Days)', cols);
    expect(c.issue).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/"Days" is numeric/);
  });
  it('an empty box is not an error', () => {
    expect(checkFormula('  ', cols)).toEqual({ model: null, issue: null, warnings: [] });
  });
  it("reads pi as R's constant, not a column", () => {
    expect(checkFormula('Reaction ~ sin(2 * pi * Days) + cos(2 * pi * Days) + (1 | Subject)', cols).issue).toBeNull();
  });
});
