/** `quadrat advise` end to end through the built CLI: schema quadrat.advice/1 (docs/advisor.md). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const { run } = useCli();

describe('quadrat advise', () => {
  it('a clean fit: no findings, no verdict, not singular', () => {
    const r = run(['advise', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ schema: 'quadrat.advice/1', designFindings: [], convergence: null, singular: null, fit: { converged: true, singular: false } });
  });

  it('a singular fit: names the rank-deficient term and fits the alternatives as lmer', () => {
    const r = run(['advise', '--data', 'test/data/Oats.csv', '--factor', 'Block,Variety', '--formula', 'yield ~ nitro + (Variety + 0 + nitro | Block)', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.singular.terms).toMatchObject([{ group: 'Block', kind: 'rank-deficient' }]);
    expect(out.singular.alternatives.map((a: { formula: string }) => a.formula)).toEqual(['yield ~ nitro + (Variety + 0 + nitro || Block)', 'yield ~ nitro + (1 | Block)']);
    // lmer(yield ~ nitro + (1 | Block), Oats): nitro 73.667 (SE 8.416) — test/reference/fixtures/rePCA/oats_overfit.json
    const nitro = out.singular.alternatives[1].fixed.find((f: { term: string }) => f.term === 'nitro');
    expect(nitro.estimate).toBeCloseTo(73.66667, 4);
    expect(nitro.stdError).toBeCloseTo(8.416068, 4);
  });

  it('a fit that warns gets the convergence verdict of allFit (failed: lme4 stops short too)', () => {
    const r = run(['advise', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ I(Days * 1000) + (I(Days * 1000) | Subject)', '--ml', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // test/reference/fixtures/allFit/sleepstudy_rescale.json: verdict "failed"
    expect(out.convergence.verdict).toBe('failed');
    expect(out.convergence.optimizers.map((o: { optimizer: string }) => o.optimizer)).toEqual(['fit', 'bobyqa', 'nelder-mead', 'quasi-newton', 'restart', 'perturbed-1', 'perturbed-2']);
  });

  it('reused plot IDs: the nested/crossed finding with its fix, in words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'advise-'));
    const rows = ['site,plot,x,y'];
    let k = 0;
    for (const s of ['A', 'B', 'C', 'D', 'E', 'F']) for (let p = 1; p <= 4; p++) for (let v = 0; v < 3; v++) rows.push(`${s},${p},${v},${(2 + 0.5 * v + Math.sin(++k * 7.3)).toFixed(4)}`);
    writeFileSync(join(dir, 'plots.csv'), rows.join('\n') + '\n');
    const r = run(['advise', '--data', join(dir, 'plots.csv'), '--factor', 'site,plot', '--formula', 'y ~ x + (1 | site) + (1 | plot)']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('[reused-ids]');
    expect(r.stdout).toContain('Fix: Group by site:plot (unique plot within site): y ~ x + (1 | site) + (1 | site:plot)');
  });

  it('refuses a missing formula with a usage error', () => {
    const r = run(['advise', '--data', 'test/data/sleepstudy.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/advise: --formula/);
  });
});
