/**
 * A report as a real Word document (the `docx` package): APA 7 look — Times New Roman 12 pt, double-
 * spaced text, tables with rules above and below the header and under the last row only, italic
 * statistic symbols, "Table n" in bold and the title in italics above, "Note." below.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type IBorderOptions,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cellText, isNumericKind } from '../../src-engine/report/cells';
import { type ReportDocument } from '../../src-engine/report/document';
import { type FormatSettings, TYPESET } from '../../src-engine/report/format';
import { type ReportTable, type Rich } from '../../src-engine/report/tableModel';

const FONT = 'Times New Roman';
const DOUBLE = { line: 480 };
const SINGLE = { line: 240, before: 0, after: 0 };

function runs(r: Rich, base: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return r.map((x) => {
    if (typeof x === 'string') return new TextRun({ text: x, ...base });
    if ('i' in x) return new TextRun({ text: x.i, ...base, italics: !base.italics });
    if ('sub' in x) return new TextRun({ text: x.sub, ...base, subScript: true });
    return new TextRun({ text: x.sup, ...base, superScript: true });
  });
}

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** Twips per character of 12 pt Times (about half an em), and a cell's left + right margins. */
const TWIPS_PER_CHAR = 125;
const CELL_MARGINS = 200;
/** The text width of a US Letter / A4 page with 1-inch margins. */
const PAGE_TWIPS = 9360;

/**
 * Column widths sized to their content, so a term like "FoodTreatmentSatiated" is never broken
 * mid-word as equal widths did; scaled down together only when the table is wider than the page.
 */
export function columnWidths(texts: readonly (readonly string[])[]): number[] {
  const widths = texts.map((col) => Math.max(1, ...col.map((t) => t.length)) * TWIPS_PER_CHAR + CELL_MARGINS);
  const total = widths.reduce((a, b) => a + b, 0);
  return total <= PAGE_TWIPS ? widths : widths.map((w) => Math.floor((w * PAGE_TWIPS) / total));
}

const richText = (r: Rich) => r.map((x) => (typeof x === 'string' ? x : 'i' in x ? x.i : 'sub' in x ? x.sub : x.sup)).join('');

function cell(content: TextRun[], numeric: boolean, top: boolean, bottom: boolean, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ children: content, alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: SINGLE })],
    borders: { top: top ? RULE : NONE, bottom: bottom ? RULE : NONE, left: NONE, right: NONE },
    margins: { left: 100, right: 100, top: 30, bottom: 30 },
  });
}

export function docxTable(t: ReportTable, s: FormatSettings, number: number): (Paragraph | Table)[] {
  const last = t.rows.length - 1;
  const texts = t.rows.map((row) => row.map((v, j) => cellText(t.columns[j].kind, v, s, TYPESET)));
  const widths = columnWidths(t.columns.map((c, j) => [richText(c.label), ...texts.map((row) => row[j])]));
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, j) => cell(runs(c.label), isNumericKind(c.kind), true, true, widths[j])),
  });
  const body = texts.map(
    (row, r) => new TableRow({ children: row.map((text, j) => cell([new TextRun(text)], isNumericKind(t.columns[j].kind), false, r === last, widths[j])) }),
  );
  const notes = t.notes.map(
    (n, k) => new Paragraph({ children: [...(k === 0 ? [new TextRun({ text: 'Note.', italics: true }), new TextRun(' ')] : []), ...runs(n)], spacing: { ...SINGLE, before: k === 0 ? 120 : 0 } }),
  );
  return [
    new Paragraph({ children: [new TextRun({ text: `Table ${number}`, bold: true })], spacing: { ...SINGLE, before: 240 }, keepNext: true }),
    new Paragraph({ children: [new TextRun({ text: t.title, italics: true })], spacing: { ...SINGLE, after: 120 }, keepNext: true }),
    new Table({
      rows: [header, ...body],
      borders: TableBorders.NONE,
      columnWidths: widths,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    }),
    ...notes,
  ];
}

export async function documentToDocx(doc: ReportDocument, s: FormatSettings): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: doc.title, bold: true })], alignment: AlignmentType.CENTER, spacing: DOUBLE }),
  ];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') children.push(new Paragraph({ children: [new TextRun({ text: b.text, bold: true })], alignment: AlignmentType.CENTER, spacing: DOUBLE, keepNext: true }));
    else if (b.kind === 'paragraph') children.push(new Paragraph({ children: runs(b.text), indent: { firstLine: 720 }, spacing: DOUBLE }));
    else if (b.kind === 'list') for (const i of b.items) children.push(new Paragraph({ children: runs(i), bullet: { level: 0 }, spacing: DOUBLE }));
    else if (b.kind === 'table') children.push(...docxTable(b.table, s, b.number));
    else if (b.kind === 'references') for (const i of b.items) children.push(new Paragraph({ children: runs(i), indent: { left: 720, hanging: 720 }, spacing: DOUBLE }));
    else for (const line of b.text.trimEnd().split('\n')) children.push(new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New', size: 18 })], spacing: SINGLE }));
  }
  const document = new Document({
    creator: 'Quadrat',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
