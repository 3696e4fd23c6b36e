/**
 * The generated R code, run by Rscript, must reproduce Quadrat's numbers: estimates, SEs, t values,
 * variance components and logLik always; df, p and the ANOVA table where Quadrat reports them. The
 * cases cover REML/ML, each df method, nested and crossed groups, and reordered factor levels (the
 * releveled cases only match if the code carries the level order). Without Rscript on the machine the
 * R runs are reported on the console and only the code's text is checked.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { relevel, reorderLevels } from '../../../src-engine/data/relevel';
import { type Table } from '../../../src-engine/data/table';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { type DdfMethod } from '../../../src-engine/report/context';
import { rCode } from '../../../src-engine/report/rCode';
import { DATA_DIR, loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from '../lmm/loadCase';

const run = promisify(execFile);

function hasRscript(): boolean {
  try {
    const probe = 'cat(requireNamespace("lmerTest", quietly = TRUE) && requireNamespace("jsonlite", quietly = TRUE))';
    return execFileSync('Rscript', ['-e', probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'TRUE';
  } catch {
    return false;
  }
}

interface Case {
  name: string;
  ddf: DdfMethod;
  anovaType: 1 | 2 | 3;
  edit?: (t: Table) => Table;
}

const CASES: Case[] = [
  { name: 'sleepstudy_reml', ddf: 'satterthwaite', anovaType: 3 },
  { name: 'sleepstudy_ml', ddf: 'none', anovaType: 3 },
  { name: 'pastes', ddf: 'kenward-roger', anovaType: 3 },
  { name: 'penicillin', ddf: 'satterthwaite', anovaType: 3 },
  { name: 'orthodont', ddf: 'kenward-roger', anovaType: 2, edit: (t) => relevel(t, 'Sex', 'Male') },
  { name: 'formula_numeric_by_factor', ddf: 'satterthwaite', anovaType: 1, edit: (t) => reorderLevels(t, 'Variety', ['Victory', 'Marvellous', 'Golden Rain']) },
  { name: 'ham', ddf: 'satterthwaite', anovaType: 3, edit: (t) => relevel(t, 'Product', '3') },
  { name: 'sleepstudy_weights', ddf: 'satterthwaite', anovaType: 3 },
];

const DDF_R = { satterthwaite: 'Satterthwaite', 'kenward-roger': 'Kenward-Roger', none: 'lme4' } as const;

/** Appended to the generated code (never part of what users get): R's numbers as JSON. */
function harness(c: Case, out: string): string {
  const ddf = DDF_R[c.ddf];
  const anova = c.ddf === 'none' ? 'anova(m, ddf = "lme4")' : `anova(m, type = "${['I', 'II', 'III'][c.anovaType - 1]}", ddf = "${ddf}")`;
  return `
.cf <- coef(summary(m, ddf = "${ddf}"))
.an <- as.data.frame(${anova})
.vc <- as.data.frame(lme4::VarCorr(m))
jsonlite::write_json(list(
  terms = rownames(.cf), coef = lapply(seq_len(nrow(.cf)), function(i) unname(.cf[i, ])), coefNames = colnames(.cf),
  anovaTerms = rownames(.an), anova = lapply(seq_len(nrow(.an)), function(i) unname(unlist(.an[i, ]))), anovaNames = colnames(.an),
  variances = .vc$vcov[is.na(.vc$var2)], logLik = as.numeric(logLik(m))
), ${JSON.stringify(out)}, digits = NA, auto_unbox = FALSE)
`;
}

interface RResult {
  terms: string[];
  coef: number[][];
  coefNames: string[];
  anovaTerms: string[];
  anova: number[][];
  anovaNames: string[];
  variances: number[];
  logLik: number[];
}

function prepare(c: Case, dir: string): { report: FitReport; script: string; out: string; code: string } {
  const spec = loadLmmFixture(c.name);
  let table = loadCaseTable(spec);
  if (c.edit) table = c.edit(table);
  const weights = (spec as { weights?: string }).weights;
  const report = fitLmm(table, { formula: spec.formula, reml: spec.REML, ddf: c.ddf, anovaType: c.anovaType, weights });
  const { format } = importDelimited(new Uint8Array(readFileSync(join(DATA_DIR, spec.data))), { fileName: spec.data });
  if (format.kind !== 'delimited') throw new Error('fixture data must be delimited text');
  const code = rCode({
    formula: spec.formula,
    reml: spec.REML,
    ddf: c.ddf,
    anovaType: c.anovaType,
    weights,
    table,
    source: { kind: 'delimited', path: join(DATA_DIR, spec.data), sep: format.sep, decimal: format.decimal, encoding: format.encoding },
    origin: `test case ${c.name}`,
  });
  const out = join(dir, `${c.name}.json`);
  const script = join(dir, `${c.name}.R`);
  writeFileSync(script, code + harness(c, out));
  return { report, script, out, code };
}

const close = (a: number, b: number, scale: number, tol: number) => Math.abs(a - b) / Math.max(Math.abs(scale), 1e-12) < tol;

/**
 * Tolerances: lme4's default optimizer (nloptwrap) stops at xtol_rel = 1e-4, so on flat likelihoods
 * (orthodont) its θ differs from Quadrat's in the 3rd digit; estimates and logLik barely move, SEs and
 * variance components by up to ~1e-3 (docs/optimizers.md).
 */
function compare(c: Case, q: FitReport, r: RResult): void {
  expect(r.terms, 'coefficient names').toEqual(q.fixed.map((f) => f.term));
  const col = (name: string) => r.coefNames.indexOf(name);
  const scale = Math.max(...q.fixed.map((f) => Math.abs(f.estimate)));
  q.fixed.forEach((f, j) => {
    const row = r.coef[j];
    expect(close(f.estimate, row[col('Estimate')], Math.max(Math.abs(f.estimate), scale * 1e-3), 2e-4), `${c.name} ${f.term} estimate ${f.estimate} vs ${row[col('Estimate')]}`).toBe(true);
    expect(close(f.stdError, row[col('Std. Error')], f.stdError, 2e-3), `${c.name} ${f.term} SE`).toBe(true);
    expect(close(f.statistic, row[col('t value')], Math.max(Math.abs(f.statistic), 1), 2e-3), `${c.name} ${f.term} t`).toBe(true);
    if (f.df !== null) expect(close(f.df, row[col('df')], f.df, 2e-3), `${c.name} ${f.term} df ${f.df} vs ${row[col('df')]}`).toBe(true);
    if (f.pValue !== null) expect(close(f.pValue, row[col('Pr(>|t|)')], f.pValue, 2e-2), `${c.name} ${f.term} p`).toBe(true);
  });
  // R's variances in VarCorr order (rows of as.data.frame(VarCorr(m)) without a second term).
  const vscale = Math.max(...q.random.map((v) => v.variance));
  expect(r.variances.length, `${c.name} number of variance components`).toBe(q.random.length);
  q.random.forEach((v, k) => expect(close(v.variance, r.variances[k], vscale, 5e-3), `${c.name} ${v.group} ${v.term} variance`).toBe(true));
  expect(close(q.logLik, r.logLik[0], Math.abs(q.logLik), 1e-6), `${c.name} logLik`).toBe(true);
  if (q.anova.length) {
    expect(r.anovaTerms).toEqual(q.anova.map((a) => a.term));
    q.anova.forEach((a, k) => {
      const row = r.anova[k];
      const name = (n: string) => row[r.anovaNames.indexOf(n)];
      expect(close(a.fValue, name('F value'), a.fValue, 2e-3), `${c.name} ${a.term} F`).toBe(true);
      expect(a.numDf).toBe(name('NumDF'));
      expect(close(a.denDf, name('DenDF'), a.denDf, 2e-3), `${c.name} ${a.term} DenDF`).toBe(true);
      expect(close(a.pValue, name('Pr(>F)'), a.pValue, 2e-2), `${c.name} ${a.term} p`).toBe(true);
    });
  }
}

const R_AVAILABLE = hasRscript();
if (!R_AVAILABLE) console.warn('rCode.test: Rscript with lmerTest and jsonlite is not installed — the generated R code is NOT executed; only its text is checked.');

describe('equivalent R code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-rcode-'));
  const prepared = CASES.map((c) => ({ c, ...prepare(c, dir) }));

  it('sets the factor levels, REML, df method and ANOVA type the fit used', () => {
    const ortho = prepared.find((p) => p.c.name === 'orthodont')!.code;
    expect(ortho).toContain('d$Sex <- factor(d$Sex, levels = c("Male", "Female"))');
    expect(ortho).toContain('REML = TRUE');
    expect(ortho).toContain('summary(m, ddf = "Kenward-Roger")');
    expect(ortho).toContain('anova(m, type = "II", ddf = "Kenward-Roger")');
    const ml = prepared.find((p) => p.c.name === 'sleepstudy_ml')!.code;
    expect(ml).toContain('REML = FALSE');
    expect(ml).toContain('summary(m, ddf = "lme4")');
  });

  it.runIf(R_AVAILABLE)('reproduces Quadrat’s numbers when run by Rscript', async () => {
    // Two at a time: the machine has two cores and each Rscript loads lmerTest.
    const queue = [...prepared];
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await run('Rscript', ['--vanilla', p.script], { maxBuffer: 1 << 24 });
    };
    await Promise.all([worker(), worker()]);
    for (const p of prepared) compare(p.c, p.report, JSON.parse(readFileSync(p.out, 'utf8')) as RResult);
  }, 240_000);
});
