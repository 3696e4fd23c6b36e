/**
 * An LmmFit at a given θ without optimising: the PLS solution, σ̂ and the criterion there. Used to
 * profile the likelihood, and to evaluate inference exactly at another program's estimates.
 */
import { type LmmFit } from '../lmm/fitDesign';
import { type LmmModel } from '../lmm/lmmModel';
import { QuadratError } from '../errors/quadratError';

export function fitAtTheta(model: LmmModel, theta: ArrayLike<number>, base?: Partial<LmmFit>): LmmFit {
  const th = Float64Array.from(theta);
  const objective = model.objective(th);
  const { n, p } = model.design;
  const dof = model.reml ? n - p : n;
  const f = model.factorAt(th);
  if (!f) throw new QuadratError('fit', 'The model cannot be evaluated at this θ: the factorization failed.');
  const pls = f.solve();
  const parts = f.parts;
  return {
    model,
    reml: model.reml,
    theta: th,
    objective,
    sigma: Math.sqrt(parts.pwrss / dof),
    pls,
    parts,
    condVar: undefined,
    converged: base?.converged ?? true,
    singular: base?.singular ?? false,
    warnings: base?.warnings ?? [],
    optimizer: base?.optimizer ?? { name: 'none', evaluations: 0 },
  };
}
