/** `quadrat emmeans` end to end through the built CLI, against emmeans' fixtures. */
import { describe, expect, it } from 'vitest';
import { type EmmeansSet, loadInferenceFixture } from '../../engine/reference/fixtures';
import { useCli } from '../helpers/cli';

const { run } = useCli();

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Every mean and contrast within the tolerances of the engine's own emmeans test. */
function mismatches(got: { emmeans: Record<string, unknown>[]; contrasts: Record<string, unknown>[] }, want: EmmeansSet): string[] {
  const bad: string[] = [];
  if (got.emmeans.length !== want.emmeans.length || got.contrasts.length !== want.contrasts.length) return ['row counts differ'];
  want.emmeans.forEach((w, i) => {
    const g = got.emmeans[i];
    if (g.level !== w.level || g.by !== w.by) bad.push(`mean ${i}: ${String(g.level)}|${String(g.by)}`);
    if (rel(g.emmean as number, w.emmean) > 1e-4 || rel(g.df as number, w.df) > 1e-3 || rel(g.lowerCL as number, w.lowerCL) > 1e-4) bad.push(`mean ${i} values`);
  });
  want.contrasts.forEach((w, i) => {
    const g = got.contrasts[i];
    if (g.contrast !== w.contrast || g.by !== w.by) bad.push(`contrast ${i}: ${String(g.contrast)}`);
    if (rel(g.tRatio as number, w.tRatio) > 1e-3 || Math.abs((g.pValue as number) - w.pValue) > 1e-3 * Math.max(w.pValue, 1e-3)) bad.push(`contrast ${i} values`);
  });
  return bad;
}

describe('quadrat emmeans', () => {
  const ham = loadInferenceFixture('ham');
  const hamArgs = ['emmeans', '--data', `test/data/${ham.data}`, '--factor', ham.factors.join(','), '--formula', ham.formula];

  it('pairwise ~ Product | Information as emmeans, Satterthwaite df', () => {
    const want = ham.expected.emmeansBy!;
    const r = run([...hamArgs, '--means', 'Product', '--by', 'Information', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ schema: 'quadrat.emmeans/1', factor: 'Product', by: 'Information', adjust: 'tukey', ddf: 'satterthwaite', level: 0.95 });
    expect(mismatches(out, want.satterthwaite)).toEqual([]);
    // Product interacts with Gender too: emmeans' note, first, word for word
    expect(out.notes).toEqual(['Results may be misleading due to involvement in interactions']);
    const text = run([...hamArgs, '--means', 'Product', '--by', 'Information']);
    expect(text.stdout.split('\n')[0]).toBe('NOTE: Results may be misleading due to involvement in interactions');
  });

  it('pairwise ~ Variety on Oats with Kenward–Roger df, as a table', () => {
    const oats = loadInferenceFixture('oats');
    const args = ['emmeans', '--data', `test/data/${oats.data}`, '--factor', oats.factors.join(','), '--formula', oats.formula, '--means', 'Variety', '--ddf', 'kr'];
    const json = run([...args, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(mismatches(JSON.parse(json.stdout), oats.expected.emmeans!.kr)).toEqual([]);
    const text = run(args);
    expect(text.stdout).toMatch(/^Estimated marginal means of Variety \(Kenward-Roger df, 95% confidence limits\)/);
    expect(text.stdout).toMatch(/Golden Rain - Marvellous\s+-5\.29\d+/);
  });

  it('says what is wrong with the request, in one line', () => {
    const noMeans = run(hamArgs);
    expect(noMeans.code).toBe(2);
    expect(noMeans.stderr).toMatch(/^error: emmeans: --means FACTOR is required/);
    const notFactor = run([...hamArgs, '--means', 'Age']);
    expect(notFactor.code).toBe(2);
    expect(notFactor.stderr).toMatch(/^error: Age is not a factor among the fixed effects \(factors: Product, Information, Gender\)/);
    const krMl = run([...hamArgs, '--means', 'Product', '--ddf', 'kenward-roger', '--ml']);
    expect(krMl.code).toBe(2);
    expect(krMl.stderr).toMatch(/^error: Kenward-Roger's method is only available for REML fits/);
    const adjust = run([...hamArgs, '--means', 'Product', '--adjust', 'bonferroni']);
    expect(adjust.code).toBe(2);
    expect(adjust.stderr).toBe('error: emmeans: --adjust: Invalid option: expected one of "tukey"|"holm"|"none" (got \'bonferroni\')\n');
    const level = run([...hamArgs, '--means', 'Product', '--level', '95']);
    expect(level.code).toBe(2);
    expect(level.stderr).toBe("error: emmeans: --level: the level must be between 0 and 1 (got '95')\n");
  });
});
