/**
 * A table as CSV the way R's write.csv(row.names = FALSE) writes it: a quoted header, quoted text and
 * factor labels, NA for missing values, numbers with up to 15 significant digits, TRUE/FALSE.
 */
import { formatRNumber as formatNumber } from '../../src-engine/data/rNumber';
import { type Column, type Table } from '../../src-engine/data/table';

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

function cell(col: Column, i: number): string {
  switch (col.type) {
    case 'numeric':
      return Number.isNaN(col.values[i]) ? 'NA' : formatNumber(col.values[i]);
    case 'factor':
      return col.codes[i] < 0 ? 'NA' : quote(col.levels[col.codes[i]]);
    case 'logical':
      return col.values[i] < 0 ? 'NA' : col.values[i] ? 'TRUE' : 'FALSE';
    case 'text': {
      const v = col.values[i];
      return v === null ? 'NA' : quote(v);
    }
  }
}

export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((c) => quote(c.name)).join(',')];
  for (let i = 0; i < table.nrow; i++) lines.push(table.columns.map((c) => cell(c, i)).join(','));
  return lines.join('\n') + '\n';
}
