/**
 * `quadrat batch` end to end: units on worker threads equal single fits, q-values over the batch,
 * a run killed mid-way resumes without refitting or losing a unit, four shards run as separate
 * processes merge to exactly the single-process batch, and every misuse gets a clear message.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQValues } from '../../../src-engine/batch/summarize';
import { fitUnit, type UnitResult } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { useCli } from '../helpers/cli';
import { OYSTER_FORMULA as FORMULA, OYSTER_LOCI as LOCI, oysterBatchArgs, writeOysterLoci } from '../helpers/oysterLoci';
import { tempDir } from '../helpers/tmp';

const { run, path } = useCli();
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const data = join(dir, 'oyster24.csv');
const base = () => oysterBatchArgs(data);

function lines(file: string): unknown[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}
const resultsOf = (file: string) => (lines(file).slice(1) as UnitResult[]).sort((a, b) => (a.unit < b.unit ? -1 : 1));

beforeAll(() => {
  writeOysterLoci(data);
});

describe('quadrat batch', () => {
  let reference: UnitResult[];
  beforeAll(() => {
    const { table } = importDelimited(new Uint8Array(readFileSync(data)), { columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' } });
    reference = unitsByColumn(table, 'locus').map((u) => fitUnit(table, u, { formula: FORMULA, reml: true, anovaType: 3, family: 'binomial' }));
    addQValues(reference);
  });

  it('fits every unit on two workers as a single fit would, with q-values and a tidy CSV', () => {
    const out = join(dir, 'all.jsonl');
    const csv = join(dir, 'all.csv');
    const r = run([...base(), '--workers', '2', '--out', out, '--csv', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^24 units: 23 fitted, 1 could not be fitted\./);
    expect(lines(out)[0]).toMatchObject({ schema: 'quadrat.batch/1', by: 'locus', family: 'binomial', units: LOCI, shard: null });
    const got = resultsOf(out);
    expect(got.map((u) => u.unit)).toEqual(reference.map((u) => u.unit));
    got.forEach((u, i) => expect(u.coefficients.map((c) => c.estimate), u.unit).toEqual(reference[i].coefficients.map((c) => c.estimate)));
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^unit,kind,term,estimate,std_error,statistic,df,den_df,p_value,q_bh,q_by,/);
    const q = reference[0].coefficients[1].qBH!;
    expect(rows.find((l) => l.startsWith('L0001,coefficient,treatmentexposed,'))!.split(',')[9]).toBe(String(q));
  });

  it('resumes a run killed mid-way: nothing lost, nothing fitted twice', async () => {
    const out = join(dir, 'killed.jsonl');
    const child = spawn(process.execPath, [path(), ...base(), '--workers', '1', '--out', out], { stdio: 'ignore' });
    // wait for a state (some units written), never for a duration
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 6) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(poll);
        resolve();
      });
      child.on('error', reject);
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    const before = readFileSync(out, 'utf8');
    const doneBefore = before.split('\n').slice(1).filter((l) => l.endsWith('}')).length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(LOCI);
    // a half-written last line, as a crash in the middle of a write leaves
    writeFileSync(out, before + '{"unit":"L00');
    const r = run([...base(), '--workers', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`resuming ${out}: ${doneBefore} of ${LOCI} units already done`);
    const after = readFileSync(out, 'utf8');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('\n') + 1))).toBe(true);
    const got = resultsOf(out);
    expect(got.map((u) => u.unit)).toEqual(reference.map((u) => u.unit));
    got.forEach((u, i) => expect(u.coefficients.map((c) => c.estimate)).toEqual(reference[i].coefficients.map((c) => c.estimate)));
  });

  it('splits into 4 shards run as separate processes that merge to the single-process batch', async () => {
    const shards = [1, 2, 3, 4].map((i) => join(dir, `shard-${i}.jsonl`));
    await Promise.all(
      shards.map(
        (out, k) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, [path(), ...base(), '--workers', '1', '--shard', `${k + 1}/4`, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
            let err = '';
            child.stderr.on('data', (b) => (err += b));
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${k + 1}: exit ${code}: ${err}`))));
          }),
      ),
    );
    const sizes = shards.map((s) => resultsOf(s).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(LOCI);
    const merged = join(dir, 'merged.jsonl');
    const r = run(['batch', 'merge', ...shards, '--out', merged, '--csv', join(dir, 'merged.csv'), '--parquet', join(dir, 'merged.parquet')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^24 units: 23 fitted/);
    const got = resultsOf(merged);
    expect(got).toEqual(reference.map((u) => JSON.parse(JSON.stringify(u))));
    expect(readFileSync(join(dir, 'merged.parquet')).subarray(0, 4).toString()).toBe('PAR1');

    const missing = run(['batch', 'merge', ...shards.slice(0, 3), '--out', join(dir, 'x.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Shard 4/4 is missing.');
    const twice = run(['batch', 'merge', shards[0], shards[0], '--out', join(dir, 'x.jsonl')]);
    expect(twice.stderr).toMatch(/Shard 1\/4 is given twice/);
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, readFileSync(shards[1], 'utf8').trim().split('\n').slice(0, 2).join('\n') + '\n');
    const incomplete = run(['batch', 'merge', shards[0], cut, shards[2], shards[3], '--out', join(dir, 'x.jsonl')]);
    expect(incomplete.stderr).toMatch(new RegExp(`cut\\.jsonl \\(shard 2/4\\) is incomplete: 1 of ${sizes[1]} units\\. Run that shard again`));
  });

  it('says what is wrong with the options or the results file', () => {
    const both = run([...base(), '--responses', 'sp_*', '--out', join(dir, 'y.jsonl')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --by COLUMN (long data) or --responses "GLOB" (wide data)');
    const empty = run([...base().filter((a, i, all) => a !== '--by' && all[i - 1] !== '--by'), '--by', '', '--out', join(dir, 'z.jsonl')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("batch: --by: is empty: name the column that tells the units apart (got '')");
    const filtered = run([...base(), '--filter', 'tank != "T1"', '--out', join(dir, 'f.jsonl')]);
    expect(filtered.code).toBe(2);
    expect(filtered.stderr).toContain('batch: --filter is not applied to batches yet');
    const csvShard = run([...base(), '--shard', '1/2', '--csv', 'x.csv', '--out', join(dir, 'y.jsonl')]);
    expect(csvShard.stderr).toContain('--csv and --parquet need the whole batch');
    const badShard = run([...base(), '--shard', '5/4', '--out', join(dir, 'y.jsonl')]);
    expect(badShard.stderr).toContain('1 ≤ i ≤ n');
    const other = run([...base(), '--link', 'probit', '--out', join(dir, 'all.jsonl')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/all\.jsonl holds another batch \(link: null vs "probit"\)/);
    const noCol = run([...base().slice(0, -6), '--by', 'site', '--formula', FORMULA, '--out', join(dir, 'z.jsonl')]);
    expect(noCol.stderr).toContain('There is no column "site"');
  });
});
