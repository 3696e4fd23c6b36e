/** Numbers and tables in the CLI's text output, laid out as R prints them. */

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

/** R's significance stars for a p-value (the engine's rule, as the app's tables use it). */
export { stars } from '../../src-engine/report/rPrint';

/** Columns padded to their widest cell: the first left-aligned (row names), the rest right-aligned. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
