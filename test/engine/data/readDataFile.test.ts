// The I/O edge: size limits checked before reading, file-system errors, dispatch by name and content.
import { closeSync, mkdtempSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataFile, type DataFileOptions } from '../../../src-engine/io/readDataFile';
import { formatBytes, MAX_TEXT_BYTES, MAX_XLSX_BYTES } from '../../../src-engine/io/limits';
import { rejection } from './thrown';

const dir = mkdtempSync(join(tmpdir(), 'quadrat-read-'));

const importError = (path: string, options?: DataFileOptions) => rejection(() => readDataFile(path, options));

/** A sparse file of the given size: no disk space used, nothing written. */
function sparseFile(name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

describe('readDataFile', () => {
  it('refuses a 2 GB file at once, before reading it, saying what the limit is', async () => {
    const big = sparseFile('huge.csv', 2 * 1024 ** 3);
    const e = await importError(big);
    expect(e.message).toBe(
      `This file is 2.0 GB; Quadrat reads text data files up to ${formatBytes(MAX_TEXT_BYTES)}. Keep only the rows and columns the analysis needs, or save it as CSV.`,
    );
    expect(e.where).toEqual({ file: big });
  });

  it('has a lower limit for .xlsx workbooks', async () => {
    expect(MAX_XLSX_BYTES).toBeLessThan(MAX_TEXT_BYTES);
    const path = join(dir, 'small.xlsx');
    writeFileSync(path, Buffer.from('PK\x03\x04' + 'x'.repeat(100)));
    const e = await importError(path, { maxBytes: { text: 1000, xlsx: 50 } });
    expect(e.message).toMatch(/^This file is 104 bytes; Quadrat reads Excel workbooks up to 50 bytes\./);
  });

  it('explains a missing file and a folder', async () => {
    const missing = join(dir, 'nope.csv');
    expect((await importError(missing)).message).toBe('This file does not exist. Check the name and the folder.');
    expect((await importError(dir)).message).toBe('This is a folder, not a data file.');
  });

  it('reads .txt, .tsv and extension-less text files as delimited text', async () => {
    for (const name of ['plots.txt', 'plots.tsv', 'plots']) {
      const path = join(dir, name);
      writeFileSync(path, 'plot\tn\n1\t2\n');
      const r = await readDataFile(path);
      expect(r).toMatchObject({ fileFormat: 'delimited', file: path, bytes: 11, table: { nrow: 1 } });
    }
  });
});
