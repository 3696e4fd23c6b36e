/** Whole-report renderers: Markdown, a standalone HTML page (Word opens it), and a LaTeX article. */
import { type ReportDocument } from '../document';
import { type FormatSettings } from '../format';
import { escapeHtml, richToHtml, tableToHtml } from './html';
import { escapeTex, richToTex, tableToLatex } from './latex';
import { escapeMd, richToMd, tableToMarkdown } from './markdown';

export function documentToMarkdown(doc: ReportDocument, s: FormatSettings): string {
  const out: string[] = [`# ${escapeMd(doc.title)}`, ''];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(`## ${escapeMd(b.text)}`, '');
    else if (b.kind === 'paragraph') out.push(richToMd(b.text), '');
    else if (b.kind === 'list') out.push(...b.items.map((i) => `- ${richToMd(i)}`), '');
    else if (b.kind === 'table') out.push(tableToMarkdown(b.table, s, b.number));
    else if (b.kind === 'references') out.push(...b.items.flatMap((i) => [richToMd(i), '']));
    else out.push('```r', b.text.trimEnd(), '```', '');
  }
  return out.join('\n').trimEnd() + '\n';
}

const BODY = "font-family:'Times New Roman',Times,serif;font-size:12pt;line-height:1.5;max-width:46em;margin:2em auto;color:#000";

export function documentToHtml(doc: ReportDocument, s: FormatSettings): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(`<h2 style="font-size:12pt;font-weight:bold;text-align:center;margin:18pt 0 6pt 0">${escapeHtml(b.text)}</h2>`);
    else if (b.kind === 'paragraph') out.push(`<p style="margin:0 0 6pt 0;text-indent:0.5in">${richToHtml(b.text)}</p>`);
    else if (b.kind === 'list') out.push(`<ul style="margin:0 0 6pt 0">${b.items.map((i) => `<li>${richToHtml(i)}</li>`).join('')}</ul>`);
    else if (b.kind === 'table') out.push(`<div style="margin:18pt 0">${tableToHtml(b.table, s, b.number)}</div>`);
    else if (b.kind === 'references') out.push(...b.items.map((i) => `<p style="margin:0 0 6pt 0;padding-left:0.5in;text-indent:-0.5in">${richToHtml(i)}</p>`));
    else out.push(`<pre style="font-family:'Courier New',monospace;font-size:10pt;white-space:pre-wrap">${escapeHtml(b.text)}</pre>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title></head>`,
    `<body style="${BODY}">`,
    `<h1 style="font-size:12pt;font-weight:bold;text-align:center;margin:0 0 12pt 0">${escapeHtml(doc.title)}</h1>`,
    ...out,
    '</body></html>',
  ].join('\n') + '\n';
}

/** DOIs and URLs in references as \\url{} (hyperref), so they break across lines. */
function urlsToTex(tex: string): string {
  return tex.replace(/https:\/\/\S+/g, (u) => `\\url{${u.replaceAll('\\_', '_').replaceAll('\\%', '%').replaceAll('\\#', '#')}}`);
}

export function documentToLatex(doc: ReportDocument, s: FormatSettings): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(`\\section*{${escapeTex(b.text)}}`, '');
    else if (b.kind === 'paragraph') out.push(richToTex(b.text), '');
    else if (b.kind === 'list') out.push('\\begin{itemize}', ...b.items.map((i) => `  \\item ${richToTex(i)}`), '\\end{itemize}', '');
    else if (b.kind === 'table') out.push(tableToLatex(b.table, s, b.number));
    else if (b.kind === 'references') out.push('\\begin{list}{}{\\leftmargin=2em \\itemindent=-2em}', ...b.items.map((i) => `  \\item ${urlsToTex(richToTex(i))}`), '\\end{list}', '');
    else out.push('{\\footnotesize', '\\begin{verbatim}', b.text.trimEnd(), '\\end{verbatim}', '}', '');
  }
  return [
    '\\documentclass[12pt]{article}',
    '\\usepackage[utf8]{inputenc}',
    '\\usepackage[T1]{fontenc}',
    '\\usepackage{booktabs}',
    '\\usepackage{siunitx}',
    '\\usepackage[hidelinks]{hyperref}',
    `\\title{${escapeTex(doc.title)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    '',
    ...out,
    '\\end{document}',
  ].join('\n') + '\n';
}
