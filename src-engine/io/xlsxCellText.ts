/**
 * One spreadsheet cell as the text the type inference reads: numbers in JavaScript's shortest
 * round-trip form (so they parse back exactly), TRUE/FALSE, dates as ISO 8601, formulas as their
 * cached result. Error cells (#N/A, #DIV/0!, …) are missing, as readxl treats them.
 */
import { type CellValue } from 'exceljs';

export function xlsxCellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('error' in value) return '';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return xlsxCellText(value.result as CellValue | undefined);
  if ('text' in value) return typeof value.text === 'string' ? value.text : xlsxCellText(value.text as CellValue);
  return '';
}

/** exceljs gives dates as UTC instants; a date without time of day is written as a date only. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString(); // 2024-05-03T00:00:00.000Z
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? date : `${date} ${time}`;
}
