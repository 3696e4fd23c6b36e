import { type Table } from '../../../src-engine/data/table';

/** A small mixed-type table: numbers with a missing value, a factor, a logical and a text column. */
export function smallTable(): Table {
  return {
    nrow: 4,
    columns: [
      { name: 'y', type: 'numeric', values: new Float64Array([1.5, NaN, 3, -2]) },
      { name: 'site', type: 'factor', codes: new Int32Array([0, 1, 1, -1]), levels: ['A', 'B'] },
      { name: 'wet', type: 'logical', values: new Int8Array([1, 0, -1, 1]) },
      { name: 'note', type: 'text', values: ['a', null, 'c', 'd'] },
    ],
  };
}
