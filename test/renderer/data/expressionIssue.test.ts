/** The expression fields read an API error as a message and the character it points at. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/api/client';
import { issueOf } from '../../../src-renderer/data/expressionIssue';

describe('issueOf', () => {
  it('points at the character of an expression error, 0-based', () => {
    expect(issueOf(new ApiError({ kind: 'formula', message: "expected something after '+'", where: { column: 6 } }, 422))).toEqual({ message: "expected something after '+'", start: 5 });
  });
  it('has no position for other errors', () => {
    expect(issueOf(new ApiError({ kind: 'input', message: 'There is already a column "x".', where: { columnName: 'x' } }, 422))).toEqual({ message: 'There is already a column "x".', start: null });
    expect(issueOf(new Error('lost'))).toEqual({ message: 'lost', start: null });
  });
});
