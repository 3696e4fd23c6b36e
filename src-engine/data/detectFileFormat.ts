/**
 * Which reader a file needs, from its name and first bytes. Content wins over a misleading name
 * where we can tell (an Excel workbook renamed .csv); formats we cannot read get a message that says
 * what to do instead.
 */
import { QuadratError } from '../errors/quadratError';

export type FileFormat = 'delimited' | 'xlsx';

const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'tab', 'txt', 'dat']);
const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);
export const SUPPORTED_EXTENSIONS = '.csv, .tsv, .tab, .txt, .dat, .xlsx and .xlsm';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // old .xls, .doc
const GZIP = [0x1f, 0x8b];

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function detectFileFormat(fileName: string, head: Uint8Array): FileFormat {
  const ext = extensionOf(fileName);
  const where = { file: fileName };
  if (startsWith(head, OLE) || ext === 'xls') {
    throw new QuadratError(
      'data',
      'This is an old-style Excel (.xls) file, which Quadrat cannot read. Open it in Excel or LibreOffice and save it as .xlsx or as CSV.',
      where,
    );
  }
  if (startsWith(head, GZIP)) {
    throw new QuadratError('data', 'This file is compressed (gzip). Decompress it first, then open the .csv or .xlsx inside.', where);
  }
  if (ext === 'ods') {
    throw new QuadratError('data', 'OpenDocument spreadsheets (.ods) are not supported. Save the sheet as .xlsx or as CSV and open that.', where);
  }
  const known = TEXT_EXTENSIONS.has(ext) || XLSX_EXTENSIONS.has(ext) || ext === '';
  if (!known) {
    throw new QuadratError('data', `Files ending in ".${ext}" are not supported. Quadrat reads ${SUPPORTED_EXTENSIONS} files.`, where);
  }
  if (startsWith(head, ZIP)) return 'xlsx';
  if (XLSX_EXTENSIONS.has(ext)) {
    throw new QuadratError(
      'data',
      `This file is named .${ext} but is not an Excel workbook (an .xlsx file is a zip archive; this one is not). ` +
        'If it is a CSV file, rename it to .csv.',
      where,
    );
  }
  return 'delimited';
}
