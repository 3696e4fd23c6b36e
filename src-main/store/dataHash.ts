/**
 * A SHA-256 of a table's content (names, types, level order, values), recorded with every fit so a
 * result can say whether the data it describes has changed since.
 */
import { createHash } from 'node:crypto';
import { type Table } from '../../src-engine/data/table';
import { encodeColumn } from './columnCodec';

export function dataHash(table: Table): string {
  const h = createHash('sha256');
  h.update(`quadrat-table/1 nrow=${table.nrow} ncol=${table.columns.length}\n`);
  for (const col of table.columns) {
    const s = encodeColumn(col);
    h.update(JSON.stringify([s.name, s.type, s.levels, s.data.byteLength]));
    h.update('\n');
    h.update(s.data);
  }
  return h.digest('hex');
}
