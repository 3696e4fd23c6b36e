/**
 * One piece of advice on a count-model fit (glmmTMB-style), in the design check's shape: what was
 * found and what it means (`meaning`), what to do (`action`), and — where the remedy is another
 * family or zero part of the same formula — the refit the app can start in one click (`fix`).
 */
import { type TmbFamilyName } from '../../tmb/countDensity';

export type CountFindingCode =
  | 'overdispersion'
  | 'underdispersion'
  | 'excess-zeros'
  | 'too-few-zeros'
  | 'non-pd-hessian'
  | 'small-eigenvalues'
  | 'false-convergence'
  | 'singular';

export interface CountFix {
  label: string;
  family: TmbFamilyName;
  /** the zero part of the refit ("~0": none) */
  ziformula: string;
}

export interface CountFinding {
  code: CountFindingCode;
  severity: 'warning' | 'info';
  title: string;
  meaning: string;
  action: string;
  /** refits to try, best first; empty where the choice is the user's */
  fixes: CountFix[];
}

/** "= .023" or "< .001", as the DHARMa readings write p. */
export const pText = (x: number) => (x >= 0.001 ? `= ${x.toFixed(3).replace(/^0/, '')}` : '< .001');
