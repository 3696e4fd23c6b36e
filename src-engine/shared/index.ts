// The one part of the engine the renderer may import (the lint enforces it): the formula grammar,
// so the builder checks what the engine will parse, and the columns a new row needs for predict(); R's lowess for the scatter plot; the error guard, the
// overdispersion rule (so a table flags what the CLI and batch flag), and the fit report's wire
// types. Everything here is pure and cheap; the fits themselves go through the API contract.
export { parseFormula } from '../formula';
export { predictorColumns } from '../inference/predict/predictorColumns';
export { lowess } from '../data/lowess';
export { isQuadratError } from '../errors/quadratError';
export { isOverdispersed } from '../glmm/overdispersed';
export { formatDecimals, stars } from '../report/rPrint';
export { warnsOfConvergence } from '../advisor/convergenceWarning';
export type { FitDiagnostics, GroupRanef } from '../lmm/fitReport';
// the count-model chooser's table and recommendation rule, shared by the builder and the tests
export { candidateFromReport, chooseCount } from '../tmb/countChooser';
export type { CandidateFit, ChooserResult } from '../tmb/countChooser';
