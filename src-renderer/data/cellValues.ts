/**
 * Turning what a user types or pastes into typed cells, and cells into text. Pure (no DOM), so
 * it is unit-tested in Node. Missing values are null, as on the wire (R's NA).
 */
import Papa from 'papaparse';
import type { Cell, ColumnTypeName } from '../../src-main/api/contract';

const MISSING = new Set(['', 'na', 'nan', 'n/a', '.', 'null', '-']);
const TRUE = new Set(['true', 't', 'yes', '1']);
const FALSE = new Set(['false', 'f', 'no', '0']);

export type Parsed = { ok: true; value: Cell } | { ok: false; message: string };

/** A number as typed by hand or pasted from a spreadsheet: "1.5", "1,5", "1 234,5", "-3e2". */
export function parseNumberLoose(text: string): number | null {
  let t = text.trim().replace(/[\u00a0\u202f ]/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, ''); // 1,234.5
  else if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '').replace(',', '.'); // 1.234,5
  else if (/^[-+]?\d*,\d+$/.test(t)) t = t.replace(',', '.'); // 1,5
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** Reads text for a cell of the given type; empty or "NA" is missing. */
export function parseCell(text: string, type: ColumnTypeName): Parsed {
  const t = text.trim();
  if (MISSING.has(t.toLowerCase())) return { ok: true, value: null };
  switch (type) {
    case 'numeric': {
      const x = parseNumberLoose(t);
      return x === null ? { ok: false, message: `"${t}" is not a number (leave the cell empty or type NA for missing)` } : { ok: true, value: x };
    }
    case 'logical': {
      const l = t.toLowerCase();
      if (TRUE.has(l)) return { ok: true, value: true };
      if (FALSE.has(l)) return { ok: true, value: false };
      return { ok: false, message: `"${t}" is not TRUE or FALSE` };
    }
    default:
      return { ok: true, value: t };
  }
}

/** A cell as shown in the grid and copied to the clipboard. */
export function formatCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return 'NA';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return value;
}

/** A block copied from Excel / LibreOffice / a text editor: tab-separated cells, one row per line. */
export function parseClipboardBlock(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, '');
  if (!trimmed) return [];
  if (!trimmed.includes('\t') && !trimmed.includes('"')) return trimmed.split(/\r?\n/).map((line) => [line]);
  const res = Papa.parse<string[]>(trimmed, { delimiter: '\t', newline: trimmed.includes('\r\n') ? '\r\n' : '\n', quoteChar: '"' });
  return res.data;
}
