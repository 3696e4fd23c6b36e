/** The diagnostic plots: which exist, which apply to a fit, what each needs fetched, and its figure. */
import type { Cell, DatasetInfo, FitVectorName, StoredFitReport } from '../../src-main/api/contract';
import type { FitDiagnostics } from '../../src-engine/shared';
import { acfFigure, normalizedVsFitted, variogramFigure } from '../nlme/nlmePlots';
import { dispersionTestFigure, zeroTestFigure } from './dharmaTestPlots';
import { observedByGroup } from './groupPlots';
import { caterpillarFigure, normalQQ, ranefQQ, residualsVsFitted, scaleLocation, simulatedQQ, simulatedVsPredicted, type Figure } from './residualPlots';

export const KINDS = [
  { id: 'resid', label: 'Residuals vs fitted' },
  { id: 'qq', label: 'Normal Q-Q' },
  { id: 'scale', label: 'Scale-location' },
  { id: 'reqq', label: 'Random effects Q-Q' },
  { id: 'cater', label: 'Caterpillar' },
  { id: 'group', label: 'By group' },
  { id: 'sim-qq', label: 'Simulated Q-Q' },
  { id: 'sim-resid', label: 'Simulated vs predicted' },
  { id: 'sim-disp', label: 'Dispersion test' },
  { id: 'sim-zero', label: 'Zero-inflation test' },
  { id: 'nlme-norm', label: 'Normalized residuals vs fitted' },
  { id: 'nlme-acf', label: 'ACF (normalized residuals)' },
  { id: 'nlme-vario', label: 'Semivariogram' },
  { id: 'effect', label: 'Effect plot' },
] as const;
export type Kind = (typeof KINDS)[number]['id'];

/** The per-observation vectors each plot draws (fetched when it is shown; the random-effects plots need none). */
export const NEEDS: Record<Kind, readonly FitVectorName[]> = {
  resid: ['fitted', 'residuals', 'rows'],
  qq: ['residuals', 'rows'],
  scale: ['fitted', 'residuals', 'rows'],
  reqq: [],
  cater: [],
  group: ['fitted', 'residuals', 'rows'],
  'sim-qq': ['simulatedResiduals', 'rows'],
  'sim-resid': ['simulatedResiduals', 'fitted', 'rows'],
  'sim-disp': [],
  'sim-zero': [],
  'nlme-norm': ['normalizedResiduals', 'fitted', 'rows'],
  'nlme-acf': [],
  'nlme-vario': [],
  effect: [],
};

/** A count model (glmmTMB) has DHARMa's plots, its response residuals against the fitted means, the random-effect Q-Q and the caterpillar (glmmTMB's conditional SDs; no lme4 normal plots or effect plot yet). */
const COUNT_KINDS: readonly Kind[] = ['sim-qq', 'sim-resid', 'sim-disp', 'sim-zero', 'resid', 'reqq', 'cater'];

/** DHARMa's tests of the fit: glmer's or the count model's. */
export const simulatedOf = (report: StoredFitReport) => report.glmm?.simulated ?? report.tmb?.simulated ?? null;

/** Whether a plot kind applies to a report: simulated residuals (GLMMs, count models), nlme's checks (gls/lme). */
export function offered(kind: Kind, report: StoredFitReport): boolean {
  if (report.tmb && !COUNT_KINDS.includes(kind)) return false;
  if (kind === 'sim-disp') return Boolean(simulatedOf(report)?.dispersion.simulated?.length);
  if (kind === 'sim-zero') return Boolean(simulatedOf(report)?.zeroInflation?.simulated?.length);
  if (kind === 'reqq') return (report.diagnostics?.ranef.length ?? 0) > 0;
  // a count fit's modes come without conditional SDs when its Hessian could not be inverted
  if (kind === 'cater' && report.tmb) return (report.diagnostics?.ranef ?? []).some((g) => g.condSd.length > 0);
  if (kind.startsWith('sim')) return Boolean(report.diagnostics?.vectors.includes('simulatedResiduals'));
  if (kind === 'nlme-vario') return Boolean(report.nlme?.variogram);
  if (kind.startsWith('nlme')) return Boolean(report.nlme);
  if (kind === 'effect') return !report.nlme;
  return true;
}

/** What the by-group panels read beside the fit: the dataset's rows and the grouping factor shown. */
export interface GroupContext {
  rows: Cell[][] | null;
  dataset: DatasetInfo | null;
  group: string | null;
}

/** The figure of a plot kind; null while what it needs is not there (and for the effect plot, which draws itself). */
export function diagnosticFigure(kind: Kind, report: StoredFitReport, d: FitDiagnostics, selected: number | null, g: GroupContext): Figure | null {
  switch (kind) {
    case 'resid':
      return residualsVsFitted(d, selected);
    case 'qq':
      return normalQQ(d, selected);
    case 'scale':
      return scaleLocation(d, report.sigma, selected);
    case 'reqq':
      return ranefQQ({ diagnostics: d });
    case 'cater':
      return caterpillarFigure({ diagnostics: d });
    case 'group':
      return g.rows && g.dataset && g.group ? observedByGroup(report, d, g.dataset.columns, g.rows, g.group, selected) : null;
    case 'sim-qq':
      return simulatedQQ(d, selected);
    case 'sim-resid':
      return simulatedVsPredicted(d, selected);
    case 'sim-disp': {
      const sim = simulatedOf(report);
      return sim ? dispersionTestFigure(sim) : null;
    }
    case 'sim-zero': {
      const sim = simulatedOf(report);
      return sim ? zeroTestFigure(sim) : null;
    }
    case 'nlme-norm':
      return normalizedVsFitted(d, selected);
    case 'nlme-acf':
      return report.nlme ? acfFigure(report.nlme, report.nobs) : null;
    case 'nlme-vario':
      return report.nlme ? variogramFigure(report.nlme) : null;
    case 'effect':
      return null; // EffectPlot fetches and draws its own
  }
}
