/** Numbers in result tables: a significant-digits setting, p-values as "< .001", df to one decimal. */
import { formatDecimals, stars } from '../../src-engine/shared';

/** x to `digits` significant digits, fixed notation unless the number is tiny or huge. */
export function fmtNum(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  let s: string;
  if (ax >= 1e-4 && ax < 1e9) {
    const magnitude = Math.floor(Math.log10(ax));
    const decimals = Math.max(0, digits - 1 - magnitude);
    s = x.toFixed(Math.min(decimals, 20));
    // Rounding can carry into a new digit (9.9996 → "10.000"): trim to the digits asked for.
    if (Number(s) !== 0 && Math.floor(Math.log10(Math.abs(Number(s)))) > magnitude && decimals > 0) s = x.toFixed(decimals - 1);
  } else {
    s = x.toExponential(Math.max(0, digits - 1));
  }
  return s.replace(/^-/, '−');
}

/** The largest number of decimals a column gets (beyond it, numbers fall back to fmtNum's own form). */
const MAX_COLUMN_DECIMALS = 8;

/**
 * Decimals for a column as R's format(x, digits) chooses them (the engine's formatDecimals, which the
 * CLI prints with too), or null when the column needs more than MAX_COLUMN_DECIMALS (tiny values:
 * each keeps its own form).
 */
export function columnDecimals(values: readonly (number | null | undefined)[], digits: number): number | null {
  const decimals = formatDecimals(values, digits);
  return decimals > MAX_COLUMN_DECIMALS ? null : decimals;
}

/** x with a column's decimals (columnDecimals); fmtNum when the column has none fixed. */
export function fmtFixed(x: number | null | undefined, decimals: number | null, digits: number): string {
  if (decimals === null || x === null || x === undefined || !Number.isFinite(x)) return fmtNum(x, digits);
  return x.toFixed(decimals).replace(/^-/, '−');
}

/** A p-value as journals print it: "< .001", else three decimals without the leading zero. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  if (p < 0.001) return '< .001';
  const s = p.toFixed(3);
  return s === '1.000' ? '1.000' : s.replace(/^0/, '');
}

/** Degrees of freedom: one decimal (Satterthwaite and Kenward–Roger df are not whole numbers). */
export function fmtDf(df: number | null | undefined): string {
  if (df === null || df === undefined || Number.isNaN(df)) return '—';
  if (!Number.isFinite(df)) return '∞';
  return df.toFixed(1);
}

/** Stars as R prints them beside p-values (the legend is shown under the table): one rule, the engine's. */
export { stars };
