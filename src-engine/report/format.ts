/**
 * The one number formatter: every number the reports, the app's tables and the CLI print is written
 * here (the renderer reaches it through src-engine/shared).
 * - Reports (papers, exports): fixed decimals, APA p-values ("< .001", no leading zero), the decimal
 *   comma, and the minus sign each target wants (U+2212 in typeset output, "-" in CSV and LaTeX, where
 *   spreadsheets and siunitx parse it), all from FormatSettings.
 * - The app's result tables: significant digits, a column's shared decimals, "< .001", df to one
 *   decimal, "—" for a missing value.
 * - The CLI's text: significant digits and p-values as R's console prints them.
 * R's own rules (format()'s column decimals, the stars) are rPrint.ts's, tested against R.
 */
import { formatDecimals, stars } from './rPrint';

export { formatDecimals, stars };

export type PStyle = 'apa' | 'decimal' | 'scientific';

export interface FormatSettings {
  /** Decimal places of estimates, standard errors, variances and test statistics. */
  digits: number;
  /** 'apa': ".023", "< .001"; 'decimal': "0.023", "< 0.001"; 'scientific': R-like "3.3e-06". */
  pStyle: PStyle;
  /** Decimal places of p-values (APA: 3). */
  pDigits: number;
  /** Decimal places of fractional (Satterthwaite, Kenward–Roger) degrees of freedom. */
  dfDigits: number;
  decimalComma: boolean;
  /** Print readable names beside R's ("FoodTreatment: Satiated × Sex: male"; readableTerms.ts). */
  readableTerms?: boolean;
}

export const DEFAULT_FORMAT: FormatSettings = { digits: 2, pStyle: 'apa', pDigits: 3, dfDigits: 1, decimalComma: false };

export function formatSettings(partial: Partial<FormatSettings> = {}): FormatSettings {
  const s = { ...DEFAULT_FORMAT, ...partial };
  for (const k of ['digits', 'pDigits', 'dfDigits'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 0 || s[k] > 12) throw new RangeError(`${k} must be a whole number from 0 to 12 (got ${s[k]})`);
  }
  return s;
}

/** How a target writes numbers: its minus sign. */
export interface NumberStyle {
  minus: string;
}
export const TYPESET: NumberStyle = { minus: '\u2212' };
export const PLAIN: NumberStyle = { minus: '-' };

function withMark(text: string, s: FormatSettings, style: NumberStyle): string {
  let t = s.decimalComma ? text.replace('.', ',') : text;
  if (t.startsWith('-')) t = style.minus + t.slice(1);
  return t;
}

/** Fixed decimals; -0.00 is shown as 0.00. Non-finite values as R prints them. */
export function fixed(x: number, decimals: number, s: FormatSettings, style: NumberStyle = TYPESET): string {
  if (Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return withMark(x > 0 ? 'Inf' : '-Inf', s, style);
  let t = x.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(t)) t = t.slice(1);
  return withMark(t, s, style);
}

/** A value that cannot exceed 1 in magnitude (p, r): APA drops the leading zero. */
export function noLeadingZero(text: string): string {
  return text.replace(/^([-\u2212]?)0([.,])/, '$1$2');
}

/** Degrees of freedom: whole numbers without decimals, fractional ones with s.dfDigits. */
export function formatDf(df: number, s: FormatSettings, style: NumberStyle = TYPESET): string {
  if (Number.isInteger(df)) return withMark(String(df), s, style);
  return fixed(df, s.dfDigits, s, style);
}

/** A correlation, APA style (no leading zero). */
export function formatCorr(r: number, s: FormatSettings, style: NumberStyle = TYPESET): string {
  return noLeadingZero(fixed(r, s.digits, s, style));
}

/** p as text, without "p =": ".023", "< .001", "0.023", "3.3e-06". */
export function formatP(p: number, s: FormatSettings, style: NumberStyle = TYPESET): string {
  if (Number.isNaN(p)) return 'NA';
  if (s.pStyle === 'scientific') {
    if (p < 2.2e-16) return '< 2.2e-16';
    const t = p >= 1e-4 ? String(Number(p.toPrecision(3))) : p.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2');
    return withMark(t, s, style);
  }
  const floor = Math.pow(10, -s.pDigits);
  const apa = s.pStyle === 'apa';
  const lead = (t: string) => (apa ? noLeadingZero(t) : t);
  if (p < floor) return `< ${lead(fixed(floor, s.pDigits, s, style))}`;
  const t = fixed(p, s.pDigits, s, style);
  // 0.9996 would round to "1.000", which is not a p-value anyone reports.
  if (Number(p.toFixed(s.pDigits)) >= 1) return `> ${lead(fixed(1 - floor, s.pDigits, s, style))}`;
  return lead(t);
}

/** "p < .001" or "p = .023" (the relation is part of formatP's text when it is < or >). */
export function pRelation(p: number, s: FormatSettings, style: NumberStyle = TYPESET): { rel: string; value: string } {
  const t = formatP(p, s, style);
  if (t.startsWith('< ') || t.startsWith('> ')) return { rel: t[0], value: t.slice(2) };
  return { rel: '=', value: t };
}

/** A confidence level as the CI column heads write it: 0.95 → 95, 0.975 → 97.5. */
export function levelPercent(level: number): number {
  return Number((level * 100).toPrecision(3));
}

// ---- The app's result tables ----

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
 * Decimals for a column as R's format(x, digits) chooses them (formatDecimals, which the CLI prints
 * with too), or null when the column needs more than MAX_COLUMN_DECIMALS (tiny values: each keeps its
 * own form).
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

// ---- The CLI's text, as R's console prints it ----

/** `digits` significant digits without trailing zeros; exponent form below 1e-3 and from 1e6. */
export function num(x: number | null, digits = 5): string {
  // R prints infinite df (asymptotic tests) as Inf
  if (x === null || !Number.isFinite(x)) return x === null ? '' : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(digits - 1);
  return x.toPrecision(digits).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));
}

/**
 * A p-value with 3 significant digits, or "< floor" below R's machine epsilon: anova tables print
 * "< 2.2e-16" (format.pval), coefficient tables "< 2e-16" (printCoefmat).
 */
export function pval(p: number | null, floor = '2.2e-16'): string {
  if (p === null) return '';
  return p < 2.2e-16 ? `< ${floor}` : num(p, 3);
}
