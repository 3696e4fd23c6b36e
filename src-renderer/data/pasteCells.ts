/**
 * A block pasted from a spreadsheet as cell edits: placed from the focused cell rightwards and down,
 * each text read as its column's type. Nothing is pasted when a cell does not read (the first three
 * problems are named); cells beyond the last column are counted and left out. Pure: unit-tested.
 */
import type { CellEdit, ColumnInfo } from '../../src-main/api/contract';
import { parseCell } from './cellValues';

export interface PastePlan {
  cells: CellEdit[];
  /** What did not read, for the message (at most three named). */
  problems: string[];
  /** How many problems there were in all. */
  problemCount: number;
  /** Cells beyond the last column. */
  dropped: number;
}

export function pasteCells(block: string[][], columns: readonly string[], startCol: number, startRow: number, infos: ReadonlyMap<string, Pick<ColumnInfo, 'type'>>): PastePlan {
  const cells: CellEdit[] = [];
  const problems: string[] = [];
  let problemCount = 0;
  let dropped = 0;
  block.forEach((line, i) => {
    line.forEach((text, k) => {
      const column = columns[startCol + k];
      if (!column) {
        dropped++;
        return;
      }
      const parsed = parseCell(text, infos.get(column)?.type ?? 'text');
      if (parsed.ok) cells.push({ row: startRow + i, column, value: parsed.value });
      else if (++problemCount <= 3) problems.push(`row ${startRow + i + 1}, ${column}: ${parsed.message}`);
    });
  });
  return { cells, problems, problemCount, dropped };
}

/** The notice for a paste that did not read. */
export function pasteProblemMessage(plan: PastePlan): string {
  return `Nothing was pasted: ${plan.problems.join('; ')}${plan.problemCount > 3 ? ` and ${plan.problemCount - 3} more` : ''}.`;
}
