import { describe, expect, it } from 'vitest';
import { pasteCells, pasteProblemMessage } from '../../../src-renderer/data/pasteCells';

const infos = new Map([
  ['a', { type: 'numeric' as const }],
  ['b', { type: 'text' as const }],
]);

describe('pasteCells', () => {
  it('places a block from the focused cell, each text read as its column type', () => {
    const plan = pasteCells([['1.5', 'x'], ['', 'y']], ['a', 'b'], 0, 4, infos);
    expect(plan).toEqual({
      cells: [
        { row: 4, column: 'a', value: 1.5 },
        { row: 4, column: 'b', value: 'x' },
        { row: 5, column: 'a', value: null },
        { row: 5, column: 'b', value: 'y' },
      ],
      problems: [],
      problemCount: 0,
      dropped: 0,
    });
  });

  it('counts the cells beyond the last column', () => {
    expect(pasteCells([['1', 'p', 'q']], ['a', 'b'], 1, 0, infos)).toMatchObject({ cells: [{ row: 0, column: 'b', value: '1' }], dropped: 2 });
  });

  it('names the first three cells that do not read, and counts the rest', () => {
    const plan = pasteCells([['x'], ['y'], ['z'], ['w'], ['v']], ['a'], 0, 0, infos);
    expect(plan.problems).toHaveLength(3);
    expect(plan.problems[0]).toMatch(/^row 1, a: /);
    expect(pasteProblemMessage(plan)).toMatch(/^Nothing was pasted: row 1, a: .*; row 3, a: .* and 2 more\.$/);
  });
});
