/**
 * The header row must name every column once. A header made only of numbers is almost always a
 * file without a header, whose first data row would silently become column names.
 */
import { QuadratError } from '../errors/quadratError';
import { type DecimalMark } from './importOptions';
import { parseNumber } from './parseNumber';
import { type RawGrid } from './rawGrid';

export function checkHeader(grid: RawGrid, decimal: DecimalMark, file?: string): void {
  const { header, headerLine } = grid;
  if (headerLine === 0) return; // generated names V1…Vn
  const at = (j: number) => ({ file, line: headerLine, column: j + 1 });
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') {
      throw new QuadratError(
        'data',
        `Column ${j + 1} has no name in the header row (${grid.unit} ${headerLine}). Give every column a name.`,
        at(j),
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new QuadratError(
        'data',
        `Two columns are named "${name}" (columns ${first + 1} and ${j + 1}). Give each column its own name in the header row.`,
        { ...at(j), columnName: name },
      );
    }
    seen.set(name, j);
  });
  if (header.every((name) => parseNumber(name, decimal) !== undefined)) {
    throw new QuadratError(
      'data',
      `The first row looks like data, not column names: every entry in it is a number (${header.slice(0, 3).join(', ')}${header.length > 3 ? ', …' : ''}). ` +
        'Add a header row that names the columns, or import the file as having no header row.',
      { file, line: headerLine },
    );
  }
}
