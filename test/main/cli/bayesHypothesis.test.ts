/**
 * `quadrat bayes --hypothesis`: brms's hypothesis() table printed after the summary and added to the
 * quadrat.bayes/1 JSON (key `hypotheses`), computed on the same draws as the summary; bad hypotheses
 * refused with exit 2 and a message naming the problem.
 */
import { describe, expect, it } from 'vitest';
import { type BayesReport } from '../../../src-engine/bayes/fit/bayesReport';
import { type HypothesisRow } from '../../../src-engine/bayes/hypothesis/hypothesis';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const SLEEP = ['bayes', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (1 | Subject)'];
const SHORT = ['--chains', '2', '--iter', '300', '--warmup', '150', '--seed', '3', '--workers', '1'];

describe('quadrat bayes --hypothesis', () => {
  it('adds brms’s hypothesis rows to the JSON, on the summary’s draws', () => {
    const r = run([...SLEEP, ...SHORT, '--hypothesis', 'Days > 0', '--hypothesis', 'b_Days - 5 < 0', '--hypothesis', 'Days = 0', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as BayesReport & { hypotheses: { alpha: number; class: string; rows: HypothesisRow[] } };
    expect(j.schema).toBe('quadrat.bayes/1');
    expect(j.hypotheses.alpha).toBe(0.05);
    const [gt, lt, eq] = j.hypotheses.rows;
    const days = j.fixed.find((x) => x.parameter === 'b_Days')!;
    expect(gt.Hypothesis).toBe('(Days) > 0');
    expect(gt.Estimate).toBeCloseTo(days.Estimate, 10);
    expect(gt['Est.Error']).toBeCloseTo(days['Est.Error'], 10);
    // every draw of the Days slope is positive on sleepstudy: Evid.Ratio Inf (JSON null), Post.Prob 1
    expect(gt['Post.Prob']).toBe(1);
    expect(gt.Star).toBe('*');
    expect(lt.Hypothesis).toBe('(b_Days-5) < 0');
    expect(lt.Estimate).toBeCloseTo(days.Estimate - 5, 10);
    // a point hypothesis without prior draws has no Savage–Dickey ratio, as brms without sample_prior
    expect(eq['Evid.Ratio']).toBeNull();
    expect(eq.Star).toBe('*');
  });

  it('prints the table as brms after the summary', () => {
    const r = run([...SLEEP, ...SHORT, '--hypothesis', 'Days > 0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Hypothesis Tests for class b:\n +Hypothesis Estimate Est\.Error CI\.Lower CI\.Upper Evid\.Ratio Post\.Prob Star\n1 +\(Days\) > 0 +\d+\.\d+/);
    expect(r.stdout).toContain("'CI': 90%-CI for one-sided and 95%-CI for two-sided hypotheses.");
  });

  it('refuses an unknown parameter or a malformed hypothesis with exit 2', () => {
    const bad = run([...SLEEP, ...SHORT, '--hypothesis', 'Weeks > 0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot be found in the model: Weeks/);
    const form = run([...SLEEP, ...SHORT, '--hypothesis', 'Days']);
    expect(form.code).toBe(2);
    expect(form.stderr).toMatch(/left \(= OR < OR >\) right/);
  });
});

describe('quadrat bayes --r-code', () => {
  it('prints the brm() call and the methods paragraph without sampling', () => {
    const r = run([...SLEEP, '--prior', 'normal(0, 20)', '--class', 'b', '--seed', '9', '--r-code']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('d <- read.csv("sleepstudy.csv")\nd[["Subject"]] <- factor(d[["Subject"]])\nfit <- brm(\n  bf(Reaction ~ Days + (1 | Subject)),\n  data = d,\n  family = gaussian(),\n  prior = set_prior("normal(0, 20)", class = "b"),\n  chains = 4, iter = 2000, warmup = 1000, seed = 9,\n');
    expect(r.stdout).toContain('Priors: b: normal(0, 20) (set by us)');
    expect(r.stdout).not.toContain('Population-Level Effects');
  });
});

describe('quadrat bayes --loo', () => {
  it('adds PSIS-LOO (estimates, pointwise values, Pareto k) to the JSON and prints loo’s table', () => {
    const r = run([...SLEEP, ...SHORT, '--loo', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { loo: { elpd_loo: { estimate: number; se: number }; looic: { estimate: number }; draws: number; pointwise: { elpd_loo: number[]; pareto_k: number[] } } };
    expect(j.loo.draws).toBe(300);
    expect(j.loo.pointwise.elpd_loo).toHaveLength(180);
    expect(j.loo.pointwise.pareto_k).toHaveLength(180);
    expect(j.loo.elpd_loo.estimate).toBeCloseTo(j.loo.pointwise.elpd_loo.reduce((a, b) => a + b, 0), 8);
    expect(j.loo.looic.estimate).toBeCloseTo(-2 * j.loo.elpd_loo.estimate, 8);
    // a sanity range for sleepstudy's random-intercept model (its conditional log-likelihood is near −880)
    expect(j.loo.elpd_loo.estimate).toBeGreaterThan(-900);
    expect(j.loo.elpd_loo.estimate).toBeLessThan(-870);
    const p = run([...SLEEP, ...SHORT, '--loo']);
    expect(p.stdout).toMatch(/Computed from 300 by 180 log-likelihood matrix\n\n +Estimate +SE\nelpd_loo +-8\d\d\.\d/);
  });
});
