/**
 * `quadrat batch --bayes-separated`: the separated locus (L0006 of the oyster data) gets its
 * Bayesian refit beside glmer's result — the same draws on worker threads as in the engine, from its
 * fixed seed — in the JSON lines and in the CSV/Parquet columns; the other loci are untouched; a
 * rerun resumes without refitting, and a file of the other setting is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitUnit, type UnitResult } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { batchBayesSchema } from '../../../src-main/api/batchShapes';
import { useCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const { run } = useCli();
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const LOCI = 8;
const data = join(dir, 'oyster8.csv');
const out = join(dir, 'bayes.jsonl');
const csv = join(dir, 'bayes.csv');
const parquet = join(dir, 'bayes.parquet');
const args = () => ['batch', '--data', data, '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', FORMULA, '--family', 'binomial', '--workers', '2', '--out', out];
const BAYES = ['--bayes-separated', '--bayes-iter', '400'];
const resultsOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as UnitResult).sort((a, b) => (a.unit < b.unit ? -1 : 1));

beforeAll(() => {
  const all = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n');
  writeFileSync(data, all.slice(0, 1 + LOCI * 48).join('\n') + '\n');
});

describe('quadrat batch --bayes-separated', () => {
  it('refits the separated locus on the workers exactly as the engine does, and only it', async () => {
    const r = run([...args(), ...BAYES, '--csv', csv, '--parquet', parquet]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as { bayesSeparated: unknown };
    const bayesSeparated = { formula: FORMULA, family: 'binomial', priors: [{ prior: 'normal(0, 2.5)', class: 'b' }], chains: 4, iter: 400, seed: 20261203 };
    expect(header.bayesSeparated).toEqual(bayesSeparated);
    const { table } = importDelimited(new Uint8Array(readFileSync(data)), { columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' } });
    const reference = unitsByColumn(table, 'locus').map((u) => fitUnit(table, u, { formula: FORMULA, reml: true, anovaType: 3, family: 'binomial', bayesSeparated }));
    const got = resultsOf(out).map(({ coefficients, tests, ...rest }) => ({ ...rest, coefficients: coefficients.map(({ qBH: _a, qBY: _b, ...c }) => c), tests: tests.map(({ qBH: _a, qBY: _b, ...t }) => t) }));
    expect(got).toEqual(JSON.parse(JSON.stringify(reference)));
    expect(got.filter((u) => u.bayes).map((u) => u.unit)).toEqual(['L0006']);
    expect(got.filter((u) => u.flags.separation).map((u) => u.unit)).toEqual(['L0006']);

    const rows = await parquetReadObjects({ file: new Uint8Array(readFileSync(parquet)).buffer });
    const bayesRows = rows.filter((x) => x.bayes_estimate !== null && x.bayes_estimate !== undefined);
    expect(bayesRows.map((x) => `${x.unit} ${x.term}`)).toEqual(['L0006 (Intercept)', 'L0006 treatmentexposed', 'L0006 populationWild', 'L0006 treatmentexposed:populationWild']);
    const b6 = got.find((u) => u.unit === 'L0006')!.bayes!;
    bayesRows.forEach((x, j) => {
      expect(x.bayes_estimate).toBe(b6.coefficients[j].estimate);
      expect(x.bayes_rhat).toBe(b6.coefficients[j].rhat);
    });
    expect(readFileSync(csv, 'utf8').split('\n')[0].endsWith(',bayes_estimate,bayes_est_error,bayes_l95,bayes_u95,bayes_rhat,bayes_bulk_ess,bayes_divergent')).toBe(true);
  });

  it('resumes without refitting, and refuses to mix with a batch without the refit', () => {
    const before = readFileSync(out, 'utf8');
    const again = run([...args(), ...BAYES]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`${LOCI} of ${LOCI} units already done`);
    expect(readFileSync(out, 'utf8')).toBe(before);
    const other = run(args());
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/bayesSeparated/);
    const lone = run([...args().slice(0, -2), '--out', join(dir, 'x.jsonl'), '--bayes-iter', '400']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/add --bayes-separated/);
  });

  it('checks --bayes-iter and --bayes-seed by the limits batch.start has in the app', () => {
    for (const [option, value] of [['--bayes-iter', '5'], ['--bayes-iter', '2.5'], ['--bayes-iter', 'many'], ['--bayes-seed', '-1']]) {
      const bad = run([...args().slice(0, -2), '--out', join(dir, 'bad.jsonl'), '--bayes-separated', option, value]);
      expect(bad.code).toBe(2);
      const limits = option === '--bayes-iter' ? 'from 20 to 1000000' : 'from 0 to 4294967295';
      expect(bad.stderr).toContain(`batch: ${option}: must be a whole number ${limits} (got '${value}')`);
    }
    expect(batchBayesSchema.safeParse({ iter: 5 }).error?.issues[0].message).toBe('must be a whole number from 20 to 1000000');
  });
});
