// `quadrat describe`: in-process through the command's run(), and as a user runs it — a bundled
// CLI spawned with node — for the output contract and the exit codes (0 ok, 2 user error).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataFileOptions } from '../../../src-main/cli/dataOptions';
import { describe as describeCommand, formatDescription } from '../../../src-main/cli/describe';
import { UsageError } from '../../../src-main/cli/args';
import { type TableDescription } from '../../../src-engine/data/describeTable';
import { QuadratError } from '../../../src-engine/errors/quadratError';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sleepstudy = 'test/data/sleepstudy.csv';
const SUBJECTS = ['308', '309', '310', '330', '331', '332', '333', '334', '335', '337', '349', '350', '351', '352', '369', '370', '371', '372'];

async function runInProcess(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await describeCommand.run(argv);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('describe command, in process', () => {
  it('prints the quadrat.describe/1 JSON object', async () => {
    const { code, out } = await runInProcess(['--data', root + sleepstudy, '--factor', 'Subject', '--json']);
    expect(code).toBe(0);
    const d = JSON.parse(out) as TableDescription;
    expect(d).toMatchObject({ schema: 'quadrat.describe/1', file: root + sleepstudy, nrow: 180, notes: [] });
    expect(d.columns).toEqual([
      { name: 'Reaction', type: 'numeric', missing: 0 },
      { name: 'Days', type: 'numeric', missing: 0 },
      { name: 'Subject', type: 'factor', missing: 0, levels: SUBJECTS },
    ]);
  });

  it('prints a readable table with level counts, the first few levels, missing counts and notes', async () => {
    const { code, out } = await runInProcess([`--data=${root}test/data/sleepstudy_na.csv`, '--factor=Subject']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`${root}test/data/sleepstudy_na.csv: 180 rows, 3 columns (text, separator ",", decimal mark ".", UTF-8)`);
    expect(lines.slice(2, 6)).toEqual([
      '  column    type     missing  levels',
      '  Reaction  numeric        5',
      '  Days      numeric        1',
      '  Subject   factor         0  18: 308, 309, 310, 330, 331, 332, …',
    ]);
  });

  it('formats notes and xlsx sources', () => {
    const d: TableDescription = {
      schema: 'quadrat.describe/1',
      file: 'f.xlsx',
      nrow: 2,
      format: { kind: 'xlsx', sheet: 'Data', sheets: ['Data'] },
      columns: [{ name: 'g', type: 'factor', missing: 1, levels: ['a', 'b'] }],
      notes: [{ columnName: 'g', kind: 'mixed', message: 'Column "g" looks numeric but …' }],
    };
    expect(formatDescription(d)).toBe(
      'f.xlsx: 2 rows, 1 column (Excel sheet "Data")\n\n  column  type    missing  levels\n  g       factor        1  2: a, b\n\nnote: Column "g" looks numeric but …\n',
    );
  });

  it('maps options to import options, and rejects bad ones as usage errors', () => {
    expect(
      dataFileOptions({ factor: 'a, b', numeric: 'c', text: 'd', logical: 'e', sep: 'tab', decimal: ',', na: 'NA,-99', sheet: 'S', 'no-header': true }, 'describe'),
    ).toEqual({
      columnTypes: { a: 'factor', b: 'factor', c: 'numeric', d: 'text', e: 'logical' },
      sep: '\t',
      decimal: ',',
      naStrings: ['NA', '-99'],
      sheet: 'S',
      header: false,
    });
    expect(dataFileOptions({ sep: ';' }, 'describe')).toEqual({ sep: ';' });
    expect(() => dataFileOptions({ sep: ':' }, 'describe')).toThrow(UsageError);
    expect(() => dataFileOptions({ decimal: 'x' }, 'describe')).toThrow(UsageError);
    expect(() => dataFileOptions({ factor: 'a', numeric: 'a' }, 'describe')).toThrow(/given both as --factor and as --numeric/);
    expect(dataFileOptions({ 'level-order': 'C' }, 'describe')).toEqual({ levelOrder: 'C' });
    expect(() => dataFileOptions({ 'level-order': 'icu' }, 'describe')).toThrow(/--level-order must be locale or C/);
  });

  it('sorts text levels as R in a UTF-8 locale, or in the C locale with --level-order C', async () => {
    const file = join(tmpdir(), `levels-${process.pid}.csv`);
    writeFileSync(file, 'site,y\nWarm,1\ncontrol,2\nSiteB,3\nSitea,4\n');
    try {
      expect((await runInProcess(['--data', file])).out).toMatch(/site\s+factor\s+0\s+4: control, Sitea, SiteB, Warm/);
      expect((await runInProcess(['--data', file, '--level-order', 'C'])).out).toMatch(/site\s+factor\s+0\s+4: SiteB, Sitea, Warm, control/);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('needs --data, and reports data problems as QuadratErrors', async () => {
    await expect(describeCommand.run([])).rejects.toThrow(UsageError);
    await expect(describeCommand.run(['--data', root + sleepstudy, '--factor', 'subject'])).rejects.toThrow(QuadratError);
  });

  it('prints help', async () => {
    const { code, out } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: quadrat describe \[options\]/);
    expect(out).toContain('--factor VALUE');
  });
});

describe('describe command, spawned', () => {
  // Bundled like src-main/tooling/build-node.mjs does, into a folder of our own so parallel builds
  // cannot collide; inside the repository so that `exceljs` resolves from node_modules.
  const cli = root + 'dist/test-cli/quadrat.mjs';
  beforeAll(async () => {
    mkdirSync(root + 'dist/test-cli', { recursive: true });
    await build({
      entryPoints: [root + 'src-main/cli/main.ts'],
      outfile: cli,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      external: ['electron', 'better-sqlite3', 'playwright-core', 'exceljs'],
      banner: { js: "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);" },
    });
  });

  const quadrat = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

  it('acceptance: sleepstudy with --factor Subject --json → 3 columns, 18 subjects in numeric order, 0 missing; exit 0', () => {
    const p = quadrat('describe', '--data', sleepstudy, '--factor', 'Subject', '--json');
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const d = JSON.parse(p.stdout) as TableDescription;
    expect(d.schema).toBe('quadrat.describe/1');
    expect(d.columns.map((c) => c.name)).toEqual(['Reaction', 'Days', 'Subject']);
    expect(d.columns[2].levels).toEqual(SUBJECTS);
    expect(d.columns.map((c) => c.missing)).toEqual([0, 0, 0]);
  });

  it('exits 2 with one "error:" line for a data problem, naming file and line', () => {
    const p = quadrat('describe', '--data', 'test/data/malformed/ragged_short.csv');
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/^error: Line 4 has 2 values, but the header row has 3 column names\..*\(test\/data\/malformed\/ragged_short\.csv, line 4\)\n$/);
  });

  it('prints its version and exits 0 (--version, -V, version)', () => {
    const version = (JSON.parse(readFileSync(root + 'package.json', 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V', 'version']) {
      const p = quadrat(flag);
      expect(p.status, flag).toBe(0);
      expect(p.stdout, flag).toBe(`quadrat ${version}\n`);
      expect(p.stderr, flag).toBe('');
    }
  });

  it('exits 2 for a missing file, an unknown column and a bad option', () => {
    for (const args of [
      ['describe', '--data', 'test/data/none.csv'],
      ['describe', '--data', sleepstudy, '--factor', 'Subj'],
      ['describe', '--data', sleepstudy, '--sep', 'colon'],
      ['describe', '--frobnicate'],
    ]) {
      const p = quadrat(...args);
      expect(p.status, args.join(' ')).toBe(2);
      expect(p.stderr.split('\n').filter(Boolean), args.join(' ')).toEqual([expect.stringMatching(/^error: /)]);
    }
  });
});
