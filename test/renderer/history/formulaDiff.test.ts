/** Two similar formulas are told apart term by term in the model comparison (issue 17). */
import { describe, expect, it } from 'vitest';
import { diffText, formulaDiff } from '../../../src-renderer/history/formulaDiff';

describe('formulaDiff', () => {
  it('names the fixed and random terms added and removed', () => {
    const d = formulaDiff('Reaction ~ Days + (Days | Subject)', 'Reaction ~ Days + Sex + (1 | Subject)');
    expect(d).toEqual({ added: ['Sex', '(1 | Subject)'], removed: ['(Days | Subject)'] });
    expect(diffText(d!)).toBe('+ Sex, + (1 | Subject), − (Days | Subject)');
  });

  it('sees a changed response, a dropped intercept and uncorrelated slopes', () => {
    expect(formulaDiff('y ~ x + (x | g)', 'z ~ 0 + x + (x || g)')).toEqual({
      added: ['response z', '0 (no intercept)', '(x || g)'],
      removed: ['response y', '(x | g)'],
    });
  });

  it('spacing alone is no difference; an unparseable formula gives null', () => {
    expect(diffText(formulaDiff('y ~ a:b + (1|g)', 'y ~ a:b + (1 | g)')!)).toBe('same formula');
    expect(formulaDiff('y ~ (1 | g', 'y ~ 1')).toBeNull();
  });
});
