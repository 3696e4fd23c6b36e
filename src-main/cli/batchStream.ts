/**
 * `quadrat batch --stream`: the same batch with memory flat in the number of units (docs/batch.md).
 * One pass names the units (and checks the file is grouped by --by) before anything is fitted; then
 * blocks of whole units are read, fitted on the workers with at most a few chunks in flight, and
 * written as they finish, keeping only the names; the q-values, counts and CSV come from reading the
 * results file back (streamSummary.ts).
 */
import { basename } from 'node:path';
import { chunkInput, chunksOf } from '../../src-engine/batch/chunks';
import { inShard, type Shard } from '../../src-engine/batch/shard';
import { type BatchRequest, fitUnit, type UnitResult } from '../../src-engine/batch/unitResult';
import { BATCH_SCHEMA, type BatchHeader, BatchWriter } from '../batch/batchFile';
import { streamSummary } from '../batch/streamSummary';
import { countStreamUnits, streamUnitBlocks } from '../batch/streamUnits';
import { type ParsedOptions, UsageError } from './args';
import { cliWorkerHost } from './cliWorkers';
import { dataFileOptions } from './dataOptions';

export interface StreamBatch {
  opts: ParsedOptions;
  data: string;
  out: string;
  by: string;
  shard: Shard | null;
  workers: number;
  request: BatchRequest;
  settings: Omit<BatchHeader, 'schema' | 'data' | 'shard' | 'units'>;
  /** Prints the summary line block (batch.ts's). */
  print: (s: ReturnType<typeof streamSummary>, to: string) => void;
}

function progress(done: number, total: number, t0: number): void {
  if (!process.stderr.isTTY) return;
  const rate = done / Math.max((performance.now() - t0) / 1000, 1e-3);
  process.stderr.write(`\rbatch: ${done}/${total} units (${rate.toFixed(1)}/s, ${Math.ceil((total - done) / Math.max(rate, 1e-9))} s left)   `);
}

export async function runStreamBatch(b: StreamBatch): Promise<number> {
  if (typeof b.opts.parquet === 'string') throw new UsageError('batch: --parquet builds the whole table in memory; with --stream write --csv');
  if (/\.xlsx$/i.test(b.data)) throw new UsageError('batch: --stream reads a text file (.csv, .tsv, .txt); save the workbook as CSV');
  const options = dataFileOptions(b.opts, 'batch');
  const inBatch = (name: string) => !b.shard || inShard(name, b.shard);
  const total = (await countStreamUnits(b.data, b.by, options, inBatch)).kept;
  const header: BatchHeader = { schema: BATCH_SCHEMA, data: basename(b.data), ...b.settings, shard: b.shard, units: total };
  const writer = new BatchWriter(b.out, header, false);
  const resumed = writer.names.size;
  if (resumed > 0) process.stderr.write(`batch: resuming ${b.out}: ${resumed} of ${total} units already done\n`);
  const host = b.workers > 1 ? cliWorkerHost(b.workers, 'batchWorker') : undefined;
  const t0 = performance.now();
  let done = resumed;
  const record = (results: UnitResult[]) => {
    writer.append(results);
    done += results.length;
    progress(done, total, t0);
  };
  const inFlight = new Set<Promise<void>>();
  try {
    for await (const block of streamUnitBlocks(b.data, b.by, options)) {
      const units = block.units.filter((u) => inBatch(u.name) && !writer.names.has(u.name));
      if (units.length === 0) continue;
      if (!host) {
        // one write per block: a write per unit costs more than a failing unit's fit
        record(units.map((u) => fitUnit(block.table, u, b.request)));
        continue;
      }
      for (const chunk of chunksOf(units, b.workers)) {
        const run: Promise<void> = host
          .run({ kind: 'fit-units', request: b.request, ...chunkInput(block.table, chunk) })
          .result.then(record)
          .finally(() => inFlight.delete(run));
        run.catch(() => undefined); // a failure surfaces through the race below, not as an unhandled rejection
        inFlight.add(run);
        // a few chunks per worker in flight: the workers never wait, and the blocks read ahead stay few
        while (inFlight.size >= 3 * b.workers) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
  } finally {
    writer.close();
    await host?.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (b.shard) {
    process.stdout.write(`Shard ${b.shard.index}/${b.shard.count}: ${total} units in ${b.out}. Merge the shards with: quadrat batch merge FILES… --out all.jsonl --csv all.csv\n`);
    return 0;
  }
  const csv = typeof b.opts.csv === 'string' ? b.opts.csv : undefined;
  b.print(streamSummary(b.out, csv), [b.out, ...(csv ? [csv] : [])].join(', '));
  return 0;
}
