/**
 * A fit's report (methods, results sentences, tables, references, optionally the R code) in the
 * format the file name asks for: .docx, .html/.htm, .md, .tex. Used by `quadrat fit --report` and the
 * export.report API method.
 */
import { extname } from 'node:path';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type ReportContext } from '../../src-engine/report/context';
import { buildReportDocument, type DocumentOptions } from '../../src-engine/report/document';
import { documentToHtml, documentToLatex, documentToMarkdown } from '../../src-engine/report/render/document';
import { documentToDocx } from './docx';

export type ReportFormat = 'docx' | 'html' | 'md' | 'tex';

export const REPORT_MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  md: 'text/markdown',
  tex: 'application/x-tex',
};

export function reportFormatOf(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  const f = ({ '.docx': 'docx', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.tex': 'tex' } as const)[ext];
  if (!f) throw new QuadratError('input', `A report is written as .docx, .html, .md or .tex; "${path}" has ${ext ? `the extension ${ext}` : 'no extension'}.`, { file: path });
  return f;
}

/** The report's bytes (docx) or text (the others). */
export async function renderReport(ctx: ReportContext, format: ReportFormat, options: DocumentOptions): Promise<string | Uint8Array> {
  const doc = buildReportDocument(ctx, options);
  switch (format) {
    case 'docx':
      return documentToDocx(doc, options.format);
    case 'html':
      return documentToHtml(doc, options.format);
    case 'md':
      return documentToMarkdown(doc, options.format);
    case 'tex':
      return documentToLatex(doc, options.format);
  }
}
