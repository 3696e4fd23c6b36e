/**
 * A batch's results file (JSON lines, schema quadrat.batch/1): a header line with the settings,
 * then one line per unit as it finishes. Appending a line per unit makes a batch resumable — a
 * rerun reads what is there, drops a half-written last line (a crash mid-write), and fits only the
 * rest — and makes shards from a cluster mergeable.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type Shard } from '../../src-engine/batch/shard';
import { type UnitResult } from '../../src-engine/batch/unitResult';
import { type BatchBayesSettings } from '../../src-engine/batch/unitBayes';

export const BATCH_SCHEMA = 'quadrat.batch/1';

export interface BatchSettings {
  formula: string;
  family: string;
  link: string | null;
  nAGQ: number;
  reml: boolean;
  weights: string | null;
  by: string | null;
  responses: string | null;
  /** The Bayesian refit of separated units (absent or null: off). */
  bayesSeparated?: BatchBayesSettings | null;
}

export interface BatchHeader extends BatchSettings {
  schema: typeof BATCH_SCHEMA;
  data: string;
  shard: Shard | null;
  /** Units in this file's share of the batch (all of them without a shard). */
  units: number;
}

export interface BatchFile {
  header: BatchHeader;
  results: UnitResult[];
  /** Byte length of the complete lines (a half-written last line is beyond it). */
  completeBytes: number;
}

const SETTINGS: (keyof BatchSettings)[] = ['formula', 'family', 'link', 'nAGQ', 'reml', 'weights', 'by', 'responses', 'bayesSeparated'];

export function readBatchFile(path: string): BatchFile {
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').filter((l) => l.length > 0);
  const bad = () => new QuadratError('input', `${path} is not a Quadrat batch results file (its first line is not a quadrat.batch/1 header).`);
  if (lines.length === 0) throw bad();
  let header: BatchHeader;
  try {
    header = JSON.parse(lines[0]) as BatchHeader;
  } catch {
    throw bad();
  }
  if (header?.schema !== BATCH_SCHEMA) throw bad();
  const results = lines.slice(1).map((l, i) => {
    try {
      return JSON.parse(l) as UnitResult;
    } catch {
      throw new QuadratError('input', `${path}, line ${i + 2}: the line is damaged (not JSON). Delete that line and run the batch again to refit the unit.`);
    }
  });
  return { header, results, completeBytes: Buffer.byteLength(text.slice(0, end), 'utf8') };
}

/** The first setting two headers disagree on, or null. */
export function settingsDiffer(a: BatchSettings, b: BatchSettings): string | null {
  // ?? null: a file written before a setting existed has it off
  for (const k of SETTINGS) if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return `${k}: ${JSON.stringify(a[k] ?? null)} vs ${JSON.stringify(b[k] ?? null)}`;
  return null;
}

/**
 * Each complete line of a results file in turn (read in 1 MiB pieces, so a file of 10⁶ units is never
 * held whole): the line's text, its 1-based number, and the byte offset after it.
 */
export function forEachLine(path: string, visit: (line: string, lineNo: number, end: number) => void): number {
  const fd = openSync(path, 'r');
  const piece = Buffer.alloc(1 << 20);
  let carry = Buffer.alloc(0);
  let offset = 0;
  let lineNo = 0;
  let complete = 0;
  try {
    for (;;) {
      const n = readSync(fd, piece, 0, piece.length, offset);
      if (n === 0) break;
      offset += n;
      let buf = carry.length ? Buffer.concat([carry, piece.subarray(0, n)]) : piece.subarray(0, n);
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        complete += nl + 1 - start;
        visit(buf.toString('utf8', start, nl), ++lineNo, complete);
        start = nl + 1;
      }
      buf = buf.subarray(start);
      carry = Buffer.from(buf);
    }
  } finally {
    closeSync(fd);
  }
  return complete;
}

/** Where to append results: a new file with its header, or the same batch's file to resume. */
export class BatchWriter {
  private fd: number;
  private position: number;
  /** Units written so far (a resumed file's, and this run's unless the writer keeps nothing). */
  readonly names = new Set<string>();
  /** Their results, unless the writer was told not to keep them (--stream: memory flat in the units). */
  readonly done: Map<string, UnitResult>;

  constructor(readonly path: string, header: BatchHeader, private readonly keep = true) {
    this.done = new Map();
    if (existsSync(path)) {
      let first: BatchHeader | undefined;
      const bad = () => new QuadratError('input', `${path} is not a Quadrat batch results file (its first line is not a quadrat.batch/1 header).`);
      const completeBytes = forEachLine(path, (line, lineNo) => {
        if (lineNo === 1) {
          try {
            first = JSON.parse(line) as BatchHeader;
          } catch {
            throw bad();
          }
          if (first?.schema !== BATCH_SCHEMA) throw bad();
          return;
        }
        if (line.length === 0) return;
        let r: UnitResult;
        try {
          r = JSON.parse(line) as UnitResult;
        } catch {
          throw new QuadratError('input', `${path}, line ${lineNo}: the line is damaged (not JSON). Delete that line and run the batch again to refit the unit.`);
        }
        this.names.add(r.unit);
        if (keep) this.done.set(r.unit, r);
      });
      if (!first) throw bad();
      const diff = settingsDiffer(first, header) ?? (JSON.stringify(first.shard) !== JSON.stringify(header.shard) ? `shard: ${JSON.stringify(first.shard)} vs ${JSON.stringify(header.shard)}` : null);
      if (diff) throw new QuadratError('input', `${path} holds another batch (${diff}). Choose another --out, or delete the file to start again.`);
      this.fd = openSync(path, 'r+');
      ftruncateSync(this.fd, completeBytes);
      this.position = completeBytes;
    } else {
      this.fd = openSync(path, 'wx');
      this.position = 0;
      this.write(JSON.stringify(header) + '\n');
    }
  }

  private write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.position += writeSync(this.fd, bytes, 0, bytes.length, this.position);
  }

  /** One line per unit, written before the next unit is reported done. */
  append(results: readonly UnitResult[]): void {
    this.write(results.map((r) => JSON.stringify(r) + '\n').join(''));
    // a streamed batch never meets a unit twice: it keeps nothing per unit it writes
    if (this.keep)
      for (const r of results) {
        this.names.add(r.unit);
        this.done.set(r.unit, r);
      }
  }

  close(): void {
    closeSync(this.fd);
  }
}

export interface MergedBatch {
  header: BatchHeader;
  results: UnitResult[];
}

/** Joins shard files: same settings, every shard of the set once, every unit exactly once. */
export function mergeBatchFiles(paths: readonly string[]): MergedBatch {
  if (paths.length === 0) throw new QuadratError('input', 'Give the shard files to merge, e.g. quadrat batch merge out/shard-*.jsonl --out all.jsonl');
  const files = paths.map((p) => ({ path: p, ...readBatchFile(p) }));
  const first = files[0];
  const count = first.header.shard?.count ?? 1;
  const seenShards = new Map<number, string>();
  for (const f of files) {
    const diff = settingsDiffer(first.header, f.header);
    if (diff) throw new QuadratError('input', `${f.path} is from another batch than ${first.path} (${diff}).`);
    const shard = f.header.shard ?? { index: 1, count: 1 };
    if (shard.count !== count) throw new QuadratError('input', `${f.path} is shard ${shard.index}/${shard.count}, but ${first.path} is one of ${count}.`);
    const twin = seenShards.get(shard.index);
    if (twin) throw new QuadratError('input', `Shard ${shard.index}/${count} is given twice: ${twin} and ${f.path}.`);
    seenShards.set(shard.index, f.path);
    if (f.results.length < f.header.units) {
      throw new QuadratError('input', `${f.path} (shard ${shard.index}/${count}) is incomplete: ${f.results.length} of ${f.header.units} units. Run that shard again with the same --out; it resumes.`);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seenShards.has(i));
  if (missing.length) throw new QuadratError('input', `Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
  const byUnit = new Map<string, { r: UnitResult; path: string }>();
  for (const f of files) {
    for (const r of f.results) {
      const twin = byUnit.get(r.unit);
      if (twin) throw new QuadratError('input', `Unit "${r.unit}" is in both ${twin.path} and ${f.path}: the shards overlap.`);
      byUnit.set(r.unit, { r, path: f.path });
    }
  }
  const results = [...byUnit.values()].map((x) => x.r);
  const units = results.length;
  return { header: { ...first.header, shard: null, units }, results };
}
