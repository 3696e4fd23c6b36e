/** One cell as text, for a target's number style: the single place that maps CellKind to a format. */
import { fixed, formatCorr, formatDf, formatP, type FormatSettings, type NumberStyle, TYPESET } from './format';
import { type CellKind, type CellValue } from './tableModel';

export function cellText(kind: CellKind, v: CellValue, s: FormatSettings, style: NumberStyle = TYPESET): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => formatCorr(x, s, style)).join(' ');
  switch (kind) {
    case 'number':
      return fixed(v, s.digits, s, style);
    case 'df':
      return formatDf(v, s, style);
    case 'int':
      return fixed(v, 0, s, style);
    case 'p':
      return formatP(v, s, style);
    case 'corr':
      return formatCorr(v, s, style);
    case 'text':
      return String(v);
  }
}

export const isNumericKind = (k: CellKind): boolean => k !== 'text';
