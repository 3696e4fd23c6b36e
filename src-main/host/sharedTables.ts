/**
 * Tables cross to worker threads as shared memory. Serialising a million-row column for each job
 * costs the main thread ~100 ms; instead each typed array is copied once into a SharedArrayBuffer
 * (a memcpy, cached per column: columns are immutable, an edit makes new ones) and every job after
 * that shares it. Workers only read their input. Worker threads only: other processes get copies.
 */
import { type Column, type Table } from '../../src-engine/data/table';
import { type JobInput } from './protocol';

const sharedColumns = new WeakMap<Column, Column>();
const sharedTables = new WeakMap<Table, Table>();

function share<A extends Float64Array | Int32Array | Int8Array>(a: A, make: (b: SharedArrayBuffer) => A): A {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

export function sharedColumn(c: Column): Column {
  let s = sharedColumns.get(c);
  if (!s) {
    switch (c.type) {
      case 'numeric':
        s = { ...c, values: share(c.values, (b) => new Float64Array(b)) };
        break;
      case 'factor':
        s = { ...c, codes: share(c.codes, (b) => new Int32Array(b)) };
        break;
      case 'logical':
        s = { ...c, values: share(c.values, (b) => new Int8Array(b)) };
        break;
      case 'text':
        s = c;
    }
    sharedColumns.set(c, s);
  }
  return s;
}

export function sharedTable(t: Table): Table {
  let s = sharedTables.get(t);
  if (!s) {
    s = { nrow: t.nrow, columns: t.columns.map(sharedColumn) };
    sharedTables.set(t, s);
  }
  return s;
}

/** The job with its table or column on shared memory. */
export function withSharedData(job: JobInput): JobInput {
  if ('table' in job && job.table) return { ...job, table: sharedTable(job.table) } as JobInput;
  if (job.kind === 'column-summary') return { ...job, column: sharedColumn(job.column) };
  return job;
}
