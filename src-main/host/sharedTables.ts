/**
 * Tables cross to worker threads as shared memory. Serialising a million-row column for each job
 * costs the main thread ~100 ms; instead each typed array is copied once into a SharedArrayBuffer
 * (cached per column: columns are immutable, an edit makes new ones) and every job after that shares
 * it. The one copy is made in slices of CHUNK elements, one per turn of the event loop, so a first fit
 * of a million rows does not hold every other call for the whole copy (issue 16). Workers only read
 * their input. Worker threads only: other processes get copies.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Column, type Table } from '../../src-engine/data/table';
import { type JobInput } from './protocol';

/** Elements copied per turn: 2 MB of doubles, a millisecond or two. */
const CHUNK = 1 << 18;

const sharedColumns = new WeakMap<Column, Column>();
const pendingColumns = new WeakMap<Column, Promise<Column>>();

type Typed = Float64Array | Int32Array | Int8Array;

function isShared(a: Typed): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

async function shareInTurns<A extends Typed>(a: A, make: (b: SharedArrayBuffer) => A): Promise<A> {
  const out = make(new SharedArrayBuffer(a.byteLength));
  for (let i = 0; i < a.length; i += CHUNK) {
    if (i > 0) await nextTurn();
    out.set(a.subarray(i, i + CHUNK) as never, i);
  }
  return out;
}

function arrayOf(c: Column): Typed | null {
  return c.type === 'numeric' || c.type === 'logical' ? c.values : c.type === 'factor' ? c.codes : null;
}

async function copyColumn(c: Column): Promise<Column> {
  switch (c.type) {
    case 'numeric':
      return { ...c, values: await shareInTurns(c.values, (b) => new Float64Array(b)) };
    case 'factor':
      return { ...c, codes: await shareInTurns(c.codes, (b) => new Int32Array(b)) };
    case 'logical':
      return { ...c, values: await shareInTurns(c.values, (b) => new Int8Array(b)) };
    case 'text':
      return c;
  }
}

/** The column on shared memory: at once when it already is (or has been copied), else copied in turns. */
export function sharedColumn(c: Column): Column | Promise<Column> {
  const done = sharedColumns.get(c);
  if (done) return done;
  const a = arrayOf(c);
  if (!a || isShared(a)) return c;
  let pending = pendingColumns.get(c);
  if (!pending) {
    pending = copyColumn(c).then((s) => {
      sharedColumns.set(c, s);
      pendingColumns.delete(c);
      return s;
    });
    pendingColumns.set(c, pending);
  }
  return pending;
}

const sharedTables = new WeakMap<Table, Table>();

/** The table with every column on shared memory (the same object for every later job). */
export async function sharedTable(t: Table): Promise<Table> {
  const cached = sharedTables.get(t);
  if (cached) return cached;
  const columns: Column[] = [];
  for (const c of t.columns) columns.push(await sharedColumn(c));
  const s = sharedTables.get(t) ?? { nrow: t.nrow, columns };
  sharedTables.set(t, s);
  return s;
}

/** The job with its table or column on shared memory. */
export async function withSharedData(job: JobInput): Promise<JobInput> {
  if ('table' in job && job.table) return { ...job, table: await sharedTable(job.table) } as JobInput;
  if (job.kind === 'column-summary') return { ...job, column: await sharedColumn(job.column) };
  return job;
}
