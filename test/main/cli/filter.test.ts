// --filter on the commands that read a data file: the rows R's subset() keeps, how many on stderr,
// the filter in --r-code, and a bad condition as a usage error (exit 2) naming its character.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fit } from '../../../src-main/cli/fit';
import { describe as describeCommand } from '../../../src-main/cli/describe';
import { UsageError } from '../../../src-main/cli/args';

const data = 'test/data/compute_small.csv';

async function run(command: { run(argv: string[]): Promise<number> }, argv: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  expect(await command.run(argv)).toBe(0);
  return { out, err };
}
afterEach(() => vi.restoreAllMocks());

describe('--filter', () => {
  it('keeps the rows subset() keeps (test/reference/compute.R) and says how many', async () => {
    const { out, err } = await run(describeCommand, ['--data', data, '--filter', 'year >= 2010 & site != "B3"', '--json']);
    expect(JSON.parse(out).nrow).toBe(20);
    expect(err).toBe('describe: --filter keeps 20 of 36 rows\n');
  });

  it('fits on those rows and writes the filter into the R code', async () => {
    const { out } = await run(fit, ['--data', data, '--formula', 'mass ~ temp + (1 | site)', '--filter', 'year >= 2010 & site != "B3"', '--json']);
    expect(JSON.parse(out).nobs).toBe(19); // one of the 20 rows has no mass
    const { out: code, err } = await run(fit, ['--data', data, '--formula', 'mass ~ temp + (1 | site)', '--filter', 'mass > 1', '--r-code']);
    expect(code).toContain('data = subset(d, mass > 1)');
    expect(err).toContain("2 rows left out because the condition is NA there (a missing value), as R's subset() does");
  });

  it('says in the report which rows were analysed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quadrat-filter-')), 'report.md');
    await run(fit, ['--data', data, '--formula', 'mass ~ temp + (1 | site)', '--filter', '!is.na(mass) & year>2009', '--report', file]);
    expect(readFileSync(file, 'utf8')).toContain("Only the rows where !is.na(mass) & year > 2009 were analysed (R's subset()).");
  });

  it('refuses a bad condition, naming the character', async () => {
    await expect(fit.run(['--data', data, '--formula', 'mass ~ temp + (1 | site)', '--filter', 'year >= 2010 & sit != "B3"'])).rejects.toThrow(
      new UsageError('fit: --filter "year >= 2010 & sit != "B3"": There is no column "sit" in the data. Did you mean "site"? (at character 16 of the filter)'),
    );
    await expect(fit.run(['--data', data, '--formula', 'mass ~ temp + (1 | site)', '--filter', 'year'])).rejects.toThrow(/must be TRUE or FALSE for each row/);
  });
});
