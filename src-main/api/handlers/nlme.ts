/** nlme.*: what only nlme models have beyond fit.start (docs/nlme.md). */
import { defaultVarianceCandidates } from '../../../src-engine/nlme/varianceStep';
import { requireProject } from '../context';
import { fitData } from '../fitData';
import { type DomainHandlers } from '../dispatch';
import { nlmeSpecOf } from '../nlmeSpec';

export const nlmeHandlers = {
  /** Zuur's variance-structure step: several REML fits in one worker job, like model.checkCandidates. */
  'nlme.varianceStep': async (p, ctx) => {
    const project = requireProject(ctx);
    const spec = nlmeSpecOf({ ...p.spec, nlme: p.spec.nlme ?? {} });
    const candidates = p.candidates ?? defaultVarianceCandidates(p.groups, p.covariates);
    const { table } = fitData(project, p.datasetId, p.spec);
    return ctx.host.run({ kind: 'nlme-variance-step', table, spec, candidates }).result;
  },
} satisfies DomainHandlers<'nlme'>;
