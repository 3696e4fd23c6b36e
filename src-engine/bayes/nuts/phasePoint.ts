/**
 * A point in phase space (Stan's ps_point): position q, momentum p, and the log density lp = −V with
 * its gradient at q, kept together so a copied point needs no re-evaluation.
 */
export interface PhasePoint {
  readonly q: Float64Array;
  readonly p: Float64Array;
  /** ∇ log p(q) (= −∂V/∂q). */
  readonly grad: Float64Array;
  lp: number;
}

export function newPhasePoint(dim: number): PhasePoint {
  return { q: new Float64Array(dim), p: new Float64Array(dim), grad: new Float64Array(dim), lp: -Infinity };
}

export function copyPhasePoint(to: PhasePoint, from: PhasePoint): void {
  to.q.set(from.q);
  to.p.set(from.p);
  to.grad.set(from.grad);
  to.lp = from.lp;
}
