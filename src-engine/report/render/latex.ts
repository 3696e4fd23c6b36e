/**
 * LaTeX with booktabs rules and siunitx S columns (numbers aligned on the decimal marker; the decimal
 * comma through siunitx's output-decimal-marker, so the source keeps parseable numbers). p-values and
 * correlation lists are text columns: "< .001" is not a number. Needs \usepackage{booktabs,siunitx}.
 */
import { cellText } from '../cells';
import { type FormatSettings, PLAIN } from '../format';
import { type CellKind, type Rich, type ReportTable } from '../tableModel';

/** Escape text for LaTeX text mode; typographic characters become their LaTeX forms. */
export function escapeTex(s: string): string {
  return s.replace(/[\\{}$&#^_%~<>\u2212×–χ±]/g, (c) =>
    ({
      '\\': '\\textbackslash{}',
      '{': '\\{',
      '}': '\\}',
      $: '\\$',
      '&': '\\&',
      '#': '\\#',
      '^': '\\textasciicircum{}',
      _: '\\_',
      '%': '\\%',
      '~': '\\textasciitilde{}',
      '<': '\\textless{}',
      '>': '\\textgreater{}',
      '\u2212': '$-$',
      '×': '$\\times$',
      '–': '--',
      χ: '$\\chi$',
      '±': '$\\pm$',
    })[c]!,
  );
}

/** Text-mode rich text: italic symbols as \textit, sub/superscripts as math. */
export function richToTex(r: Rich): string {
  return r
    .map((x) => {
      if (typeof x === 'string') return escapeTex(x);
      if ('i' in x) return x.i === 'χ' ? '$\\chi$' : `\\textit{${escapeTex(x.i)}}`;
      if ('sub' in x) return `\\textsubscript{${escapeTex(x.sub)}}`;
      return `\\textsuperscript{${escapeTex(x.sup)}}`;
    })
    .join('');
}

const S_KINDS: readonly CellKind[] = ['number', 'df', 'int'];

/** siunitx table-format for the formatted numbers of one column, e.g. "-3.2". */
function tableFormat(texts: string[]): string {
  let int = 1;
  let dec = 0;
  let sign = false;
  for (const t of texts) {
    if (!/^-?\d+(\.\d+)?$/.test(t)) continue;
    if (t.startsWith('-')) sign = true;
    const [i, d = ''] = t.replace('-', '').split('.');
    int = Math.max(int, i.length);
    dec = Math.max(dec, d.length);
  }
  return `${sign ? '-' : ''}${int}.${dec}`;
}

export function tableToLatex(t: ReportTable, s: FormatSettings, number = 1): string {
  // Numbers in S columns keep '.': siunitx prints the decimal comma.
  const sDot = { ...s, decimalComma: false };
  const cols = t.columns.map((c, j) => {
    const sCol = S_KINDS.includes(c.kind);
    const texts = t.rows.map((row) => cellText(c.kind, row[j], sCol ? sDot : s, PLAIN));
    return { sCol, texts, spec: sCol ? `S[table-format=${tableFormat(texts)}]` : c.kind === 'text' ? 'l' : 'r' };
  });
  const head = t.columns.map((c, j) => (cols[j].sCol ? `{${richToTex(c.label)}}` : richToTex(c.label)));
  const texCell = (text: string, j: number) => {
    if (cols[j].sCol) return /^-?\d+(\.\d+)?$/.test(text) ? text : `{${escapeTex(text)}}`;
    return escapeTex(text)
      .replaceAll('\\textless{} ', '$<$\\,')
      .replaceAll('\\textgreater{} ', '$>$\\,')
      .replace(/(^|\s)-/g, '$1$-$');
  };
  const body = t.rows.map((row, r) => `    ${row.map((_, j) => texCell(cols[j].texts[r], j)).join(' & ')} \\\\`);
  const notes = t.notes.map((n, k) => `${k === 0 ? '\\textit{Note.} ' : ''}${richToTex(n)}`);
  return [
    `% Table ${number}: needs \\usepackage{booktabs} and \\usepackage{siunitx}`,
    '\\begin{table}[htbp]',
    '  \\centering',
    ...(s.decimalComma ? ['  \\sisetup{output-decimal-marker={,}}'] : []),
    `  \\caption{${escapeTex(t.title)}}`,
    `  \\label{tab:${t.id}}`,
    `  \\begin{tabular}{${cols.map((c) => c.spec).join(' ')}}`,
    '    \\toprule',
    `    ${head.join(' & ')} \\\\`,
    '    \\midrule',
    ...body,
    '    \\bottomrule',
    '  \\end{tabular}',
    '',
    '  \\smallskip',
    `  \\parbox{\\linewidth}{\\footnotesize ${notes.join(' \\\\ ')}}`,
    '\\end{table}',
  ].join('\n') + '\n';
}
