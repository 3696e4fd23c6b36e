/**
 * CSV: one header row and the formatted cells (or, with raw, every number at full precision for
 * further computation). With the decimal comma the separator is ';', as spreadsheets in those locales
 * expect (R's write.csv2).
 */
import { cellText } from '../cells';
import { type FormatSettings, PLAIN } from '../format';
import { headerText, type CellValue, type ReportTable } from '../tableModel';

function quote(s: string, sep: string): string {
  return /["\r\n]/.test(s) || s.includes(sep) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

function rawText(v: CellValue, decimalComma: boolean): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  const num = (x: number) => {
    const t = Number.isNaN(x) ? 'NA' : String(x);
    return decimalComma ? t.replace('.', ',') : t;
  };
  return Array.isArray(v) ? v.map(num).join(' ') : num(v);
}

export function tableToCsv(t: ReportTable, s: FormatSettings, raw = false): string {
  const sep = s.decimalComma ? ';' : ',';
  const line = (cells: string[]) => cells.map((c) => quote(c, sep)).join(sep);
  const out = [line(t.columns.map((c) => headerText(c.label)))];
  for (const row of t.rows) out.push(line(row.map((v, j) => (raw ? rawText(v, s.decimalComma) : cellText(t.columns[j].kind, v, s, PLAIN)))));
  return out.join('\r\n') + '\r\n';
}
