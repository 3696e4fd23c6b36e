/**
 * `quadrat advise --data FILE --formula "…" [--family …] [--json]`: the model advisor (issue 20) —
 * design findings, and where they apply the convergence verdict and the singular-fit sensitivity.
 */
import { advise as adviseModel, type Advice } from '../../src-engine/advisor/advise';
import { defineCommand, type OptionSpec } from './args';
import { type Command } from './commands';
import { MODEL_OPTIONS, readModelInput, requestOf } from './modelInput';
import { num, pval, textTable } from './textFormat';

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.advice/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

function text(a: Advice): string {
  const out: string[] = [`Model: ${a.formula}\n`];
  out.push(`\nDesign check: ${a.designFindings.length ? `${a.designFindings.length} finding${a.designFindings.length === 1 ? '' : 's'}` : 'no findings'}\n`);
  for (const f of a.designFindings) {
    out.push(`\n[${f.code}] ${f.meaning}\n  What to do: ${f.action}\n`);
    if (f.fix) out.push(`  Fix: ${f.fix.label}: ${f.fix.formula}\n`);
  }
  out.push(`\nFit: ${a.fit.converged ? 'converged' : 'did not converge'}${a.fit.singular ? ', singular' : ''}\n`);
  if (a.convergence) {
    out.push(`\nConvergence verdict: ${a.convergence.verdict}. ${a.convergence.message}\n`);
    if (a.convergence.optimizers.length)
      out.push(textTable(['optimizer', 'status', 'logLik', 'at optimum'], a.convergence.optimizers.map((r) => [r.optimizer, r.status, num(r.logLik), r.atOptimum ? 'yes' : 'no'])));
  }
  if (a.singular) {
    out.push('\nSingular fit:\n');
    for (const t of a.singular.terms) out.push(`  ${t.kind}: ${t.detail}\n`);
    const models = [{ label: 'original', fixed: a.singular.original.fixed }, ...a.singular.alternatives];
    const terms = a.singular.original.fixed.map((r) => r.term);
    const pHead = a.family === 'gaussian' ? 'Pr(>|t|)' : 'Pr(>|z|)';
    const head = ['', ...models.flatMap((m) => [`${m.label}: Estimate`, 'Std. Error', pHead])];
    const body = terms.map((term) => [
      term,
      ...models.flatMap((m) => {
        const r = m.fixed.find((x) => x.term === term);
        return r ? [num(r.estimate), num(r.stdError), pval(r.pValue)] : ['', '', ''];
      }),
    ]);
    out.push('\n' + textTable(head, body));
    for (const alt of a.singular.alternatives) out.push(`${alt.label}: ${alt.formula}${alt.sameConclusions ? ' (same conclusions at p = 0.05)' : ' (conclusions differ at p = 0.05)'}\n`);
  }
  return out.join('');
}

export const advise: Command = defineCommand('advise', SPEC, { summary: 'the model advisor: design check, convergence verdict, singular-fit sensitivity', help: 'Reads the data against the model, fits it, and where they apply gives the convergence verdict (as lme4 allFit) and the singular-fit sensitivity (docs/advisor.md).' }, async (opts) => {
  const input = await readModelInput(opts, 'advise');
  const a = adviseModel(input.table, requestOf(input));
  process.stdout.write(opts.json ? JSON.stringify(a) + '\n' : text(a));
  return 0;
});
