/**
 * The I/O edge of data import: check the file (exists, is a file, not too large) before reading it,
 * then hand its bytes to the pure importers by format.
 */
import { open, stat } from 'node:fs/promises';
import { QuadratError } from '../errors/quadratError';
import { type ImportOptions, type ImportResult } from '../data/importOptions';
import { detectFileFormat, type FileFormat } from '../data/detectFileFormat';
import { importDelimited } from '../data/importDelimited';
import { importXlsx } from './importXlsx';
import { formatBytes, MAX_TEXT_BYTES, MAX_XLSX_BYTES } from './limits';

export interface DataFileOptions extends Omit<ImportOptions, 'fileName'> {
  /** Worksheet name in an .xlsx workbook; the first sheet when omitted. */
  sheet?: string;
  /** Override the limits (tests). */
  maxBytes?: { text: number; xlsx: number };
}

export interface DataFileResult extends ImportResult {
  file: string;
  fileFormat: FileFormat;
  bytes: number;
}

export async function readDataFile(path: string, options: DataFileOptions = {}): Promise<DataFileResult> {
  const where = { file: path };
  const size = await fileSize(path);
  const head = await readHead(path);
  const fileFormat = detectFileFormat(path, head);
  const limit = fileFormat === 'xlsx' ? (options.maxBytes?.xlsx ?? MAX_XLSX_BYTES) : (options.maxBytes?.text ?? MAX_TEXT_BYTES);
  if (size > limit) {
    throw new QuadratError(
      'data',
      `This file is ${formatBytes(size)}; Quadrat reads ${fileFormat === 'xlsx' ? 'Excel workbooks' : 'text data files'} up to ${formatBytes(limit)}. ` +
        'Keep only the rows and columns the analysis needs, or save it as CSV.',
      where,
    );
  }
  if (size === 0) throw new QuadratError('data', 'The file is empty (0 bytes).', where);
  const bytes = await readAll(path, size);
  const importOptions = { ...options, fileName: path };
  const result = fileFormat === 'xlsx' ? await importXlsx(bytes, importOptions) : importDelimited(bytes, importOptions);
  return { ...result, file: path, fileFormat, bytes: size };
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new QuadratError('data', 'This is a folder, not a data file.', { file: path });
    // a pipe would block the read forever, a device has no end (/dev/zero): only regular files are data
    if (s.isFIFO()) throw new QuadratError('data', 'This is a pipe (FIFO), not a data file: save the data to a file and give its name.', { file: path });
    if (s.isCharacterDevice() || s.isBlockDevice()) throw new QuadratError('data', 'This is a device, not a data file.', { file: path });
    if (s.isSocket()) throw new QuadratError('data', 'This is a socket, not a data file.', { file: path });
    if (!s.isFile()) throw new QuadratError('data', 'This is not a regular file.', { file: path });
    return s.size;
  } catch (e) {
    if (e instanceof QuadratError) throw e;
    throw new QuadratError('data', fileErrorMessage(e), { file: path });
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  return withFile(path, async (fh) => {
    const buf = new Uint8Array(16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  });
}

async function readAll(path: string, size: number): Promise<Uint8Array> {
  return withFile(path, async (fh) => {
    const buf = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break; // the file shrank while we read it
      at += bytesRead;
    }
    return buf.subarray(0, at);
  });
}

async function withFile<T>(path: string, f: (fh: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new QuadratError('data', fileErrorMessage(e), { file: path });
  }
  try {
    return await f(fh);
  } finally {
    await fh.close();
  }
}

function fileErrorMessage(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'This file does not exist. Check the name and the folder.';
  if (code === 'EACCES' || code === 'EPERM') return 'This file cannot be read: permission denied.';
  return `This file cannot be read (${e instanceof Error ? e.message : String(e)}).`;
}
