/** Markdown (GitHub / pandoc pipe tables) with APA caption lines and the note below. */
import { cellText, isNumericKind } from '../cells';
import { type FormatSettings, TYPESET } from '../format';
import { type Rich, type ReportTable } from '../tableModel';

export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]|])/g, '\\$1').replace(/<(?=[A-Za-z/!])/g, '\\<');
}

export function richToMd(r: Rich): string {
  return r
    .map((x) => (typeof x === 'string' ? escapeMd(x) : 'i' in x ? `*${escapeMd(x.i)}*` : 'sub' in x ? `<sub>${escapeMd(x.sub)}</sub>` : `<sup>${escapeMd(x.sup)}</sup>`))
    .join('');
}

export function tableToMarkdown(t: ReportTable, s: FormatSettings, number = 1): string {
  const head = `| ${t.columns.map((c) => richToMd(c.label)).join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (isNumericKind(c.kind) ? '--:' : ':--')).join(' | ')} |`;
  const body = t.rows.map((row) => `| ${row.map((v, j) => escapeMd(cellText(t.columns[j].kind, v, s, TYPESET))).join(' | ')} |`);
  const notes = t.notes.map((n, k) => (k === 0 ? `*Note.* ${richToMd(n)}` : richToMd(n)));
  return [`**Table ${number}**`, '', `*${escapeMd(t.title)}*`, '', head, rule, ...body, '', ...notes.flatMap((n) => [n, '']).slice(0, -1)].join('\n') + '\n';
}
