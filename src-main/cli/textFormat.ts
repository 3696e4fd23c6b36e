/** Numbers and tables in the CLI's text output, laid out as R prints them. */

/** Numbers as R's console prints them, from the one number formatter (the app and the reports use it too). */
export { num, pval, stars } from '../../src-engine/report/format';

/** Columns padded to their widest cell: the first left-aligned (row names), the rest right-aligned. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
