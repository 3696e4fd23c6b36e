/**
 * A SHA-256 of a table's content (names, types, level order, values), recorded with every fit so a
 * result can say whether the data it describes has changed since.
 */
import { createHash } from 'node:crypto';
import { type Table } from '../../src-engine/data/table';
import { encodeColumn, type StoredColumn } from './columnCodec';

export function dataHash(table: Table): string {
  const h = dataHasher(table);
  for (const col of table.columns) h.column(encodeColumn(col));
  return h.digest();
}

/** The same hash fed one encoded column at a time (a large table is stored with a turn of the event loop between columns). */
export function dataHasher(table: Table): { column(s: StoredColumn): void; digest(): string } {
  const h = createHash('sha256');
  h.update(`quadrat-table/1 nrow=${table.nrow} ncol=${table.columns.length}\n`);
  return {
    column(s) {
      h.update(JSON.stringify([s.name, s.type, s.levels, s.data.byteLength]));
      h.update('\n');
      h.update(s.data);
    },
    digest: () => h.digest('hex'),
  };
}
