/**
 * Number formatting for reports: fixed decimals, APA p-values ("< .001", no leading zero), the decimal
 * comma, and the minus sign each target wants (U+2212 in typeset output, "-" in CSV and LaTeX, where
 * spreadsheets and siunitx parse it).
 */

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
