/**
 * `quadrat batch`: one model over many responses — a locus per row group (--by) or a response per
 * column (--responses) — fitted on worker threads, each unit written to a JSON-lines file as it
 * finishes (rerun the same command to resume), with q-values per term across units; `--shard i/n`
 * fits a stable 1/n of the units for a cluster and `quadrat batch merge` joins the shards.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { batchCsvLines } from '../../src-engine/batch/batchCsv';
import { chunkInput, chunksOf, defaultThreads } from '../../src-engine/batch/chunks';
import { inShard, parseShard, type Shard } from '../../src-engine/batch/shard';
import { addQValues, type BatchCounts, countFlags } from '../../src-engine/batch/summarize';
import { type BatchRequest, fitUnit, type UnitResult } from '../../src-engine/batch/unitResult';
import { type BatchUnit, unitsByColumn, unitsByResponses } from '../../src-engine/batch/units';
import { compareCodePoints } from '../../src-engine/data/levels';
import { type Table } from '../../src-engine/data/table';
import { type BatchBayesSettings } from '../../src-engine/batch/unitBayes';
import { batchBayesSettings } from '../api/batchBayes';
import { batchBayesSchema, batchSplitSchema } from '../api/batchShapes';
import { BATCH_SCHEMA, type BatchHeader, BatchWriter, mergeBatchFiles } from '../batch/batchFile';
import { runStreamBatch } from './batchStream';
import { checkOptions } from './apiOptions';
import { type PoolEngineHost } from '../host/pool';
import { cliWorkerHost } from './cliWorkers';
import { defineCommand, helpText, type OptionSpec, parseOptions, UsageError } from './args';
import { type Command } from './commands';
import { DATA_OPTIONS, readDataOptions } from './dataOptions';
import { glmmOptions } from './modelInput';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'value', help: 'lme4 formula; with --responses its response is replaced by each column in turn' },
  by: { kind: 'value', help: 'long data: the column naming the unit (e.g. locus); one fit per value' },
  responses: { kind: 'value', help: 'wide data: a glob of response columns (e.g. "sp_*"); one fit per column' },
  family: { kind: 'value', help: 'a GLMM as glmer: binomial or poisson (default gaussian: lmer)' },
  link: { kind: 'value', help: "the family's link (default: the family's own)" },
  nagq: { kind: 'value', help: 'GLMMs: 1 Laplace (default), 0, or 2-100 adaptive Gauss-Hermite' },
  ml: { kind: 'flag', help: 'LMMs: fit by maximum likelihood (default REML)' },
  weights: { kind: 'value', help: 'a numeric column of prior weights' },
  out: { kind: 'value', help: 'the results file (JSON lines); an existing one of the same batch is resumed' },
  csv: { kind: 'value', help: 'also write a tidy CSV (a row per unit and term, with q-values); not with --shard' },
  parquet: { kind: 'value', help: 'also write the tidy table as Parquet; not with --shard' },
  shard: { kind: 'value', help: 'i/n: fit only the units of shard i of n (stable by unit name), for a cluster' },
  workers: { kind: 'value', help: 'threads fitting units: this one and K − 1 workers (default: one per 1,000 units, at most the cores and 8; with --stream the cores)' },
  stream: { kind: 'flag', help: 'read the data a few units at a time (the file grouped by --by): memory flat for 10⁶ units' },
  'bayes-separated': { kind: 'flag', help: "also fit each separated unit as brms would, normal(0, 2.5) on b (NUTS; both results kept)" },
  'bayes-iter': { kind: 'value', help: 'iterations per chain of that refit, warm-up (half) included (default 1000; brms: 2000)' },
  'bayes-seed': { kind: 'value', help: "the refit's seed, mixed with each unit's name (default 20261203)" },
  help: { kind: 'flag', help: 'show this help' },
};

const MERGE_SPEC: Record<string, OptionSpec> = {
  out: { kind: 'value', help: 'the merged results file (JSON lines)' },
  csv: { kind: 'value', help: 'also write the tidy CSV with q-values over all units' },
  parquet: { kind: 'value', help: 'also write the tidy table as Parquet' },
  help: { kind: 'flag', help: 'show this help' },
};

const SUMMARY = 'fit one model to every unit (locus, species, trait) on all cores, with FDR across units';
const HELP = `${SUMMARY}.

  quadrat batch --data FILE --by COLUMN --formula "…" --out RESULTS.jsonl [--csv RESULTS.csv]
  quadrat batch … --shard 3/100 --out shard-3.jsonl          (one task of a cluster job array)
  quadrat batch merge shard-*.jsonl --out all.jsonl --csv all.csv

A unit that cannot be fitted keeps its error and the batch goes on. Rerunning a command with the same
--out resumes: units already in the file are not fitted again.`;

function progress(done: number, total: number, t0: number): void {
  if (!process.stderr.isTTY) return;
  const rate = done / Math.max((performance.now() - t0) / 1000, 1e-3);
  const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  process.stderr.write(`\rbatch: ${done}/${total} units (${rate.toFixed(1)}/s, ${left} s left)   `);
}

/**
 * Fits the units on `host`'s workers and on this thread: chunks are taken from one queue by each
 * worker and by this thread, which fits its chunk a unit per event-loop turn (the workers' results are
 * written in between). So `--workers K` starts K − 1 workers: each worker costs its own start-up and
 * JIT warm-up, while this thread has loaded the model code already and starts fitting at once.
 */
async function fitAll(table: Table, units: BatchUnit[], request: BatchRequest, host: PoolEngineHost | null, writer: BatchWriter): Promise<void> {
  const t0 = performance.now();
  let done = 0;
  const record = (results: UnitResult[]) => {
    writer.append(results);
    done += results.length;
    progress(done, units.length, t0);
  };
  if (!host || units.length <= 1) {
    for (const u of units) record([fitUnit(table, u, request)]);
    return;
  }
  const chunks = chunksOf(units, host.size + 1);
  let next = 0;
  const take = () => (next < chunks.length ? chunks[next++] : null);
  const onWorker = async () => {
    for (let chunk = take(); chunk; chunk = take()) record(await host.run({ kind: 'fit-units', request, ...chunkInput(table, chunk) }).result);
  };
  const here = async () => {
    for (let chunk = take(); chunk; chunk = take()) {
      for (const u of chunk) {
        record([fitUnit(table, u, request)]);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all([...Array.from({ length: host.size }, onWorker), here()]);
}

/** The units with q (BH) < 0.05 per coefficient term (after addQValues). */
function significantTerms(results: readonly UnitResult[]): Map<string, number> {
  const significant = new Map<string, number>();
  for (const r of results) for (const t of r.coefficients) if (t.qBH != null && t.qBH < 0.05) significant.set(t.term, (significant.get(t.term) ?? 0) + 1);
  return significant;
}

export function printSummary(c: BatchCounts, significant: Map<string, number>, to: string): void {
  const lines = [
    `${c.units} units: ${c.fitted} fitted, ${c.failed} could not be fitted.`,
    `Flags: ${c.notConverged} not converged, ${c.singular} singular, ${c.separation} separated, ${c.overdispersed} overdispersed, ${c.tooFew} with too few observations.`,
  ];
  if (significant.size) lines.push(`Units with q (BH) < 0.05: ${[...significant].map(([t, n]) => `${t} ${n}`).join(', ')}.`);
  lines.push(`Results: ${to}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** The tidy table as --csv and/or --parquet ask; returns the files written, for the summary. */
async function writeTables(opts: ReturnType<typeof parseOptions>, results: UnitResult[]): Promise<string[]> {
  const written: string[] = [];
  if (typeof opts.csv === 'string') {
    writeFileSync(opts.csv, batchCsvLines(results).join('\n') + '\n');
    written.push(opts.csv);
  }
  if (typeof opts.parquet === 'string') {
    // the Parquet writer (hyparquet-writer, ~110 KB) is loaded only when asked for
    const { batchParquet } = await import('../../src-engine/batch/batchParquet');
    writeFileSync(opts.parquet, new Uint8Array(batchParquet(results)));
    written.push(opts.parquet);
  }
  return written;
}

/** --bayes-separated: brms's model of the batch's GLMM (as bayes.refitGlmm builds it), 4 chains, a fixed seed. */
function bayesOption(opts: ReturnType<typeof parseOptions>, g: ReturnType<typeof glmmOptions>, weights: string | undefined): BatchBayesSettings | null {
  if (!opts['bayes-separated']) {
    if (typeof opts['bayes-iter'] === 'string' || typeof opts['bayes-seed'] === 'string') throw new UsageError('batch: --bayes-iter and --bayes-seed set the Bayesian refit of separated units; add --bayes-separated');
    return null;
  }
  // the app's limits and defaults for the refit (batch.start's bayesSeparated)
  const { iter, seed } = checkOptions(batchBayesSchema, { iter: { option: 'bayes-iter', as: 'number' }, seed: { option: 'bayes-seed', as: 'number' } }, opts, 'batch');
  return batchBayesSettings({ formula: String(opts.formula), family: g.family ?? 'gaussian', link: g.link, weights } as Parameters<typeof batchBayesSettings>[0], { iter, seed });
}

const byName = (a: UnitResult, b: UnitResult) => compareCodePoints(a.unit, b.unit);

async function runBatch(opts: ReturnType<typeof parseOptions>): Promise<number> {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError('batch: --data FILE is required');
  if (typeof opts.formula !== 'string' || !opts.formula.trim()) throw new UsageError('batch: --formula "response ~ terms + (1 | group)" is required');
  if (typeof opts.out !== 'string' || !opts.out) throw new UsageError('batch: --out RESULTS.jsonl is required (the file the units are written to as they finish)');
  // as the app's batch.start: a unit's rows are all its rows (a filter would also have to be recorded for resuming)
  if (opts.filter !== undefined) throw new UsageError('batch: --filter is not applied to batches yet; write the rows you want to a file of their own first, or fit the units one at a time with quadrat fit --filter');
  if ((opts.by === undefined) === (opts.responses === undefined)) throw new UsageError('batch: give either --by COLUMN (long data) or --responses "GLOB" (wide data)');
  // without --workers: the cores for --stream (units not counted ahead), else chosen by the number of units (runBatchWith)
  let workers: number | null = opts.stream ? Math.min(8, availableParallelism()) : null;
  if (typeof opts.workers === 'string') {
    workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`batch: --workers must be a whole number from 1 to 64 (got '${opts.workers}')`);
  }
  // Chosen workers start first: each loads its bundle while this thread checks the options and reads
  // the data (with --stream they start once the units are counted, batchStream.ts). This thread is the
  // K-th fitter (fitAll).
  const host = !opts.stream && workers !== null && workers > 1 ? cliWorkerHost(workers - 1, 'batchWorker') : null;
  try {
    return await runBatchWith(opts, { data: opts.data, formula: opts.formula, out: opts.out }, workers, host);
  } finally {
    await host?.close();
  }
}

/** The required options, checked. */
interface BatchFiles {
  data: string;
  formula: string;
  out: string;
}

async function runBatchWith(opts: ReturnType<typeof parseOptions>, files: BatchFiles, workers: number | null, given: PoolEngineHost | null): Promise<number> {
  const { data, formula, out } = files;
  // as batch.start takes them (one of the two, 1–500 characters)
  const split = checkOptions(batchSplitSchema, { by: { option: 'by', as: 'text' }, responses: { option: 'responses', as: 'text' } }, opts, 'batch');
  const by = 'by' in split ? split.by : null;
  const responses = 'responses' in split ? split.responses : null;
  let shard: Shard | null = null;
  if (typeof opts.shard === 'string') {
    const s = parseShard(opts.shard);
    if (typeof s === 'string') throw new UsageError(`batch: --shard: ${s}`);
    shard = s;
    if (typeof opts.csv === 'string' || typeof opts.parquet === 'string') throw new UsageError('batch: --csv and --parquet need the whole batch (q-values over all units); write them with quadrat batch merge');
  }
  const g = glmmOptions(opts, 'batch');
  const weights = typeof opts.weights === 'string' ? opts.weights : undefined;
  const bayesSeparated = bayesOption(opts, g, weights);
  const request: BatchRequest = { formula, reml: !opts.ml, anovaType: 3, weights, ...g, ...(bayesSeparated ? { bayesSeparated } : {}) };
  if (opts.stream) {
    if (by === null) throw new UsageError('batch: --stream reads long data a unit at a time: give --by COLUMN');
    const settings = { formula, family: g.family ?? 'gaussian', link: g.link ?? null, nAGQ: g.nAGQ ?? 1, reml: !opts.ml, weights: weights ?? null, by, responses: null, ...(bayesSeparated ? { bayesSeparated } : {}) };
    return runStreamBatch({ opts, data, out, by, shard, workers: workers!, request, settings, print: (s, to) => printSummary(s.counts, s.significant, to) });
  }
  const { table } = await readDataOptions(data, opts, 'batch');
  const all = by !== null ? unitsByColumn(table, by) : unitsByResponses(table, responses!);
  const units = shard ? all.filter((u) => inShard(u.name, shard)) : all;
  const header: BatchHeader = {
    schema: BATCH_SCHEMA,
    data: basename(data),
    formula,
    family: g.family ?? 'gaussian',
    link: g.link ?? null,
    nAGQ: g.nAGQ ?? 1,
    reml: !opts.ml,
    weights: weights ?? null,
    by,
    responses,
    shard,
    units: units.length,
    ...(bayesSeparated ? { bayesSeparated } : {}),
  };
  const writer = new BatchWriter(out, header);
  let host = given;
  try {
    const todo = units.filter((u) => !writer.done.has(u.name));
    if (todo.length < units.length) process.stderr.write(`batch: resuming ${out}: ${units.length - todo.length} of ${units.length} units already done\n`);
    // without --workers, a thread per UNITS_PER_THREAD units to fit: a fresh thread's warm-up costs more than it saves on fewer
    const threads = workers ?? defaultThreads(todo.length, availableParallelism());
    host = given ?? (threads > 1 ? cliWorkerHost(threads - 1, 'batchWorker') : null);
    await fitAll(table, todo, request, host, writer);
  } finally {
    writer.close();
    if (host !== given) await host?.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const order = new Map(units.map((u, i) => [u.name, i]));
  const results = [...writer.done.values()].filter((r) => order.has(r.unit)).sort((a, b) => order.get(a.unit)! - order.get(b.unit)!);
  if (shard) {
    process.stdout.write(`Shard ${shard.index}/${shard.count}: ${results.length} units in ${out}. Merge the shards with: quadrat batch merge FILES… --out all.jsonl --csv all.csv\n`);
    return 0;
  }
  addQValues(results);
  printSummary(countFlags(results), significantTerms(results), [out, ...(await writeTables(opts, results))].join(', '));
  return 0;
}

async function runMerge(argv: string[]): Promise<number> {
  const files = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--out', '--csv', '--parquet'].includes(argv[i - 1])));
  const opts = parseOptions(argv.filter((a) => !files.includes(a)), MERGE_SPEC, 'batch merge');
  if (opts.help) {
    process.stdout.write(helpText('batch merge FILES…', 'Join the shards of a batch and compute q-values over all units.', MERGE_SPEC));
    return 0;
  }
  if (typeof opts.out !== 'string') throw new UsageError('batch merge: --out MERGED.jsonl is required');
  const merged = mergeBatchFiles(files);
  merged.results.sort(byName);
  addQValues(merged.results);
  writeFileSync(opts.out, [JSON.stringify(merged.header), ...merged.results.map((r) => JSON.stringify(r))].join('\n') + '\n');
  printSummary(countFlags(merged.results), significantTerms(merged.results), [opts.out, ...(await writeTables(opts, merged.results))].join(', '));
  return 0;
}

const main = defineCommand('batch', SPEC, { summary: SUMMARY, help: HELP }, runBatch);

export const batch: Command = {
  summary: SUMMARY,
  run: (argv) => (argv[0] === 'merge' ? runMerge(argv.slice(1)) : main.run(argv)),
};
