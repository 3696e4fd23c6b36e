/**
 * The batch's tidy table as a Parquet file (hyparquet-writer): the CSV's rows and columns, typed —
 * doubles, 32-bit nobs, booleans, UTF-8 strings — with missing values as Parquet nulls, for
 * arrow::read_parquet in R or pandas.read_parquet, and batches too large for a spreadsheet.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { BATCH_COLUMNS, batchRows } from './batchCsv';
import { type UnitResult } from './unitResult';

export function batchParquet(results: readonly UnitResult[]): ArrayBuffer {
  const rows = batchRows(results);
  return parquetWriteBuffer({
    columnData: BATCH_COLUMNS.map(([name, type], j) => ({
      name,
      type,
      // NaN and ±Inf have no place in a typed statistic column: missing, as in the CSV's NA/NaN cells
      data: rows.map((row) => {
        const v = row[j];
        return typeof v === 'number' && !Number.isFinite(v) ? null : v;
      }),
    })),
  });
}
