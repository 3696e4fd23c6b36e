/**
 * HTML that keeps its look when pasted into Word or LibreOffice Writer: every style inline (pasted
 * HTML loses style sheets), APA rules only — a line above and below the header and one under the last
 * row, no vertical rules — italic statistic symbols, the table number and title above, the note below.
 */
import { cellText, isNumericKind } from '../cells';
import { type FormatSettings, TYPESET } from '../format';
import { type Rich, type ReportTable } from '../tableModel';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function richToHtml(r: Rich): string {
  return r
    .map((x) => (typeof x === 'string' ? escapeHtml(x) : 'i' in x ? `<i>${escapeHtml(x.i)}</i>` : 'sub' in x ? `<sub>${escapeHtml(x.sub)}</sub>` : `<sup>${escapeHtml(x.sup)}</sup>`))
    .join('');
}

const RULE = '1pt solid #000000';
const PARA = 'margin:0 0 6pt 0;';

export function tableToHtml(t: ReportTable, s: FormatSettings, number = 1): string {
  const last = t.rows.length - 1;
  const cell = (content: string, numeric: boolean, top: boolean, bottom: boolean) => {
    const style = [
      `text-align:${numeric ? 'right' : 'left'}`,
      'padding:2pt 6pt',
      'vertical-align:bottom',
      'border-left:none',
      'border-right:none',
      `border-top:${top ? RULE : 'none'}`,
      `border-bottom:${bottom ? RULE : 'none'}`,
    ];
    if (numeric) style.push('white-space:nowrap');
    // A paragraph with no margins: Word and Writer otherwise add their body-text spacing to every row.
    return `<td style="${style.join(';')}"><p style="margin:0;text-align:${numeric ? 'right' : 'left'}">${content}</p></td>`;
  };
  const head = t.columns.map((c) => cell(richToHtml(c.label), isNumericKind(c.kind), true, true)).join('');
  const body = t.rows.map(
    (row, r) => `<tr>${row.map((v, j) => cell(escapeHtml(cellText(t.columns[j].kind, v, s, TYPESET)), isNumericKind(t.columns[j].kind), false, r === last)).join('')}</tr>`,
  );
  const notes = t.notes.map((n, k) => `<p style="${PARA}">${k === 0 ? '<i>Note.</i> ' : ''}${richToHtml(n)}</p>`);
  return [
    `<p style="${PARA}"><b>Table ${number}</b></p>`,
    `<p style="${PARA}"><i>${escapeHtml(t.title)}</i></p>`,
    // cellpadding/cellspacing attributes too: Writer's HTML import ignores CSS cell padding.
    `<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;border:none;border-top:${RULE};border-bottom:${RULE};margin:0 0 6pt 0">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
    ...notes,
  ].join('\n') + '\n';
}
