// The one part of the engine the renderer may import (the lint enforces it). Everything here is pure
// and cheap; the fits themselves go through the API contract.
// - the formula grammar (lexer, parser, syntax tree, grouping rules and writer), so the model builder
//   reads and writes formulas exactly as the engine parses them;
// - the columns a new row needs for predict(), R's lowess for the scatter plot;
// - the error guard, the overdispersion rule and the convergence-warning rule (so a table flags what
//   the CLI and batch flag);
// - the one number formatter (the app's tables, the CLI and the reports write numbers alike);
// - the fit report's wire types.
export { parseFormula, formulaToString, randomTermToString, type RandomTermText } from '../formula';
export { parseExpression } from '../formula/parser';
export { tokenize } from '../formula/lexer';
export { parseGroup } from '../formula/randomTerms';
export { deparseName } from '../formula/deparse';
export { forEachNode, unparen, type BinaryExpr, type Expr } from '../formula/ast';
export { predictorColumns } from '../inference/predict/predictorColumns';
export { lowess } from '../data/lowess';
export { isQuadratError } from '../errors/quadratError';
export { isOverdispersed } from '../glmm/overdispersed';
export { columnDecimals, fmtDf, fmtFixed, fmtNum, fmtP, stars } from '../report/format';
export { warnsOfConvergence } from '../advisor/convergenceWarning';
export type { FitDiagnostics, GroupRanef, SimulatedResidualsInfo } from '../lmm/fitReport';
// the count-model chooser's table and recommendation rule, shared by the builder and the tests
export { candidateFromReport, chooseCount } from '../tmb/countChooser';
export type { CandidateFit, ChooserResult } from '../tmb/countChooser';
