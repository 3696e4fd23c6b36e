/**
 * `quadrat batch --stream`: the file read a few units at a time gives exactly the whole-file batch
 * (results and the CSV with q-values), resumes without refitting, refuses a file not grouped by unit
 * before fitting anything — and a batch of 10⁶ units runs in a heap far smaller than its results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';
import { OYSTER_FORMULA as FORMULA, oysterBatchArgs, writeOysterLoci } from '../helpers/oysterLoci';
import { tempDir } from '../helpers/tmp';

const { run, path } = useCli();
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const data = join(dir, 'oyster24.csv');
const base = (out: string) => [...oysterBatchArgs(data), '--out', out];
const sortedLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').sort();

beforeAll(() => {
  writeOysterLoci(data);
});

/** Lines of a file, counted a piece at a time (the 10⁶-unit results do not fit a string comfortably). */
function countLines(file: string): number {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  let read: number;
  let at = 0;
  while ((read = readSync(fd, buf, 0, buf.length, at)) > 0) {
    for (let i = 0; i < read; i++) if (buf[i] === 10) n++;
    at += read;
  }
  closeSync(fd);
  return n;
}

describe('quadrat batch --stream', () => {
  it('gives the whole-file batch: the same unit results and the same CSV with q-values, on two workers', () => {
    const whole = run([...base(join(dir, 'whole.jsonl')), '--csv', join(dir, 'whole.csv'), '--workers', '2']);
    expect(whole.code, whole.stderr).toBe(0);
    const streamed = run([...base(join(dir, 'stream.jsonl')), '--csv', join(dir, 'stream.csv'), '--workers', '2', '--stream']);
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout.replace(/whole/g, 'stream'));
    expect(sortedLines(join(dir, 'stream.jsonl')).slice(1)).toEqual(sortedLines(join(dir, 'whole.jsonl')).slice(1));
    expect(sortedLines(join(dir, 'stream.csv'))).toEqual(sortedLines(join(dir, 'whole.csv')));
  }, 300_000);

  it('resumes: the units already in the results file are not fitted again', () => {
    const out = join(dir, 'resume.jsonl');
    const full = readFileSync(join(dir, 'stream.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(out, full.slice(0, 6).join('\n') + '\n' + full[6].slice(0, 40)); // five units and half a line
    const r = run([...base(out), '--stream', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming .*resume\.jsonl: 5 of 24 units already done/);
    const units = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => (JSON.parse(l) as { unit: string }).unit);
    expect(units).toHaveLength(24);
    expect(new Set(units).size).toBe(24);
  }, 300_000);

  it('refuses a file not grouped by the unit column, naming the line, before fitting anything', () => {
    const lines = readFileSync(data, 'utf8').trim().split('\n');
    const shuffled = join(dir, 'shuffled.csv');
    writeFileSync(shuffled, [lines[0], ...lines.slice(1, 49), ...lines.slice(49, 97), ...lines.slice(1, 3)].join('\n') + '\n');
    const out = join(dir, 'shuffled.jsonl');
    const r = run(['batch', '--data', shuffled, '--by', 'locus', '--formula', FORMULA, '--family', 'binomial', '--out', out, '--stream']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not grouped by locus: "L0001" comes back at line 98 after other units/);
    expect(existsSync(out)).toBe(false);
    const wide = run(['batch', '--data', data, '--responses', 'meth*', '--formula', FORMULA, '--out', join(dir, 'w.jsonl'), '--stream']);
    expect(wide.stderr).toMatch(/--stream reads long data a unit at a time: give --by COLUMN/);
    const parquet = run([...base(join(dir, 'p.jsonl')), '--stream', '--parquet', join(dir, 'p.parquet')]);
    expect(parquet.stderr).toMatch(/with --stream write --csv/);
    // no such --by column: the columns are named, nothing is written
    const noColumn = run(['batch', '--data', data, '--by', 'site', '--formula', FORMULA, '--family', 'binomial', '--out', join(dir, 'nc.jsonl'), '--stream']);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toContain('There is no column "site" to split the batch by. Columns: locus, sample, tank, treatment, population, methylated, unmethylated.');
    expect(existsSync(join(dir, 'nc.jsonl'))).toBe(false);
    // a file cut off inside a quoted field: where the field starts
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, [...lines.slice(0, 3), '"L0002","S01","T1","control","Hatchery",27,"3'].join('\n') + '\n');
    const open = run(['batch', '--data', cut, '--by', 'locus', '--formula', FORMULA, '--family', 'binomial', '--out', join(dir, 'cut.jsonl'), '--stream']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('ends inside a quoted field that starts at line 4');
    expect(existsSync(join(dir, 'cut.jsonl'))).toBe(false);
  }, 120_000);

  it('runs 10⁶ units in a 128 MB heap (their results alone would take several hundred MB)', () => {
    const big = join(dir, 'million.csv');
    const rows = ['unit,y,g'];
    for (let i = 0; i < 1_000_000; i++) rows.push(`U${String(i).padStart(7, '0')},${i % 7},a`);
    writeFileSync(big, rows.join('\n') + '\n');
    rows.length = 0;
    const out = join(dir, 'million.jsonl');
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', path(), 'batch', '--stream', '--data', big, '--by', 'unit', '--formula', 'y ~ 1 + (1 | g)', '--workers', '1', '--out', out], { encoding: 'utf8', timeout: 900_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/^1000000 units: 0 fitted, 1000000 could not be fitted\./);
    expect(countLines(out)).toBe(1_000_001);
  }, 900_000);
});
