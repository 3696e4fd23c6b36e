import { BudgetExhausted, type Evaluator, NonFiniteValue } from '../evaluator';
import { type MinimizeStatus } from '../types';
import { CONVERGED_FTOL, CONVERGED_RHO, iterate } from './iterate';
import { withEvaluator } from './objective';
import { iterateWasm } from './wasmBobyqa';

export interface BobyqaSettings {
  rhobeg: number;
  rhoend: number;
  ftolAbs: number;
}

export interface BobyqaOutcome {
  status: MinimizeStatus;
  message: string;
}

export type BobyqaBackend = 'auto' | 'js';
let backend: BobyqaBackend = 'auto';

/** 'js' runs the JS build of BOBYQA (tests compare the two); 'auto' the WebAssembly one where it exists. */
export function setBobyqaBackend(b: BobyqaBackend): void {
  backend = b;
}

/**
 * Powell's BOBYQA (iterate.ts) on the Evaluator's objective. The best point is tracked by the
 * Evaluator; this returns only why the iteration stopped.
 */
export function runBobyqa(
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  { rhobeg, rhoend, ftolAbs }: BobyqaSettings,
  ev: Evaluator,
): BobyqaOutcome {
  try {
    const code = withEvaluator(ev, () => {
      const wasm = backend === 'auto' ? iterateWasm(x0, lower, upper, rhobeg, rhoend, ftolAbs) : undefined;
      return wasm ?? iterate(x0, lower, upper, rhobeg, rhoend, ftolAbs);
    });
    return outcome(code);
  } catch (e) {
    if (e instanceof BudgetExhausted) return { status: 'max-evaluations', message: e.message };
    if (e instanceof NonFiniteValue) {
      return { status: 'failed', message: `${e.message} (BOBYQA cannot continue from it)` };
    }
    throw e;
  }
}

function outcome(code: number): BobyqaOutcome {
  if (code === CONVERGED_RHO) return { status: 'converged', message: 'BOBYQA converged: the trust-region radius reached rhoend.' };
  if (code === CONVERGED_FTOL) return { status: 'converged', message: 'BOBYQA converged: the decrease in f fell below ftolAbs.' };
  return {
    status: 'failed',
    message: 'BOBYQA stopped: rounding errors spoiled the interpolation (much cancellation in a denominator).',
  };
}
