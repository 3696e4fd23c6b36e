/**
 * Options are checked, not ignored (issue 16): an option that does not apply to the file or the
 * command is the user's error, and numeric/enumerated options follow the API's own zod schemas, so
 * their limits and messages are the same as the app's.
 */
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const cli = useCli();
const SLEEP = ['--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)'];
const CBPP = ['--data', 'test/data/cbpp.csv', '--factor', 'herd,period', '--formula', 'cbind(incidence, size - incidence) ~ period + (1 | herd)', '--family', 'binomial'];

function usageError(args: string[], message: RegExp): void {
  const r = cli.run(args);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
  expect(r.code).toBe(2);
}

describe('options that do not apply', () => {
  it('refuses --sheet on a text data file, in every command that reads data', () => {
    usageError(['describe', '--data', 'test/data/sleepstudy.csv', '--sheet', 'Sheet1'], /describe: --sheet does not apply to a text data file/);
    usageError(['fit', ...SLEEP, '--sheet', 'Sheet1'], /fit: --sheet does not apply to a text data file/);
    usageError(['ranova', ...SLEEP, '--sheet', 'x'], /ranova: --sheet does not apply/);
  });

  it('refuses bootstrap options on other intervals and GLMM options on an LMM', () => {
    usageError(['confint', ...SLEEP, '--method', 'wald', '--nsim', '100'], /confint: --nsim does not apply here: it is for the parametric bootstrap/);
    usageError(['confint', ...SLEEP, '--seed', '3'], /confint: --seed does not apply here/);
    usageError(['emmeans', '--data', 'test/data/Oats.csv', '--factor', 'Block,Variety', '--formula', 'yield ~ Variety + (1 | Block)', '--means', 'Variety', '--link-scale'], /emmeans: --link-scale does not apply here: it is for GLMMs/);
    usageError(['emmeans', ...CBPP, '--means', 'period', '--ddf', 'kenward-roger'], /emmeans: --ddf does not apply here/);
    usageError(['fit', ...SLEEP, '--diagnostics'], /fit: --diagnostics does not apply without --json/);
    usageError(['fit', ...SLEEP, '--nagq', '5'], /fit: --nagq is for GLMMs/);
  });
});

describe('options checked by the API schemas', () => {
  it('caps --nsim at the API maximum and names the option', () => {
    usageError(['confint', ...SLEEP, '--method', 'boot', '--nsim', '100001'], /confint: --nsim: .*100000.* \(got '100001'\)/);
  });

  it('checks --nagq, --anova, --ddf, --adjust and --level by the same rules as the API', () => {
    usageError(['fit', ...CBPP, '--nagq', '101'], /fit: --nagq: .*100.* \(got '101'\)/);
    usageError(['fit', ...CBPP, '--nagq', '1.5'], /fit: --nagq: .* \(got '1.5'\)/);
    usageError(['fit', ...SLEEP, '--anova', '4'], /fit: --anova: .* \(got '4'\)/);
    usageError(['fit', ...SLEEP, '--ddf', 'bogus'], /fit: --ddf: .*satterthwaite.* \(got 'bogus'\)/);
    usageError(['step', ...SLEEP, '--ddf', 'none'], /step: --ddf: .* \(got 'none'\)/);
    usageError(['emmeans', ...CBPP, '--means', 'period', '--level', '1'], /emmeans: --level: .* \(got '1'\)/);
    usageError(['emmeans', ...CBPP, '--means', 'period', '--adjust', 'bonferroni'], /emmeans: --adjust: .*tukey.* \(got 'bonferroni'\)/);
    usageError(['fit', ...SLEEP, '--family', 'weibull'], /fit: --family: .* \(got 'weibull'\)/);
  });

  it('still accepts the short name kr for Kenward-Roger', () => {
    const r = cli.run(['fit', ...SLEEP, '--ddf', 'kr', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ddf).toBe('kenward-roger');
  });
});
