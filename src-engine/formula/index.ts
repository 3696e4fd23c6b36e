export { parseFormula, formulaToString, describeFormula } from './parseFormula';
export type { ParsedFormula, FormulaTerm, RandomTermSpec, ResponseSpec } from './parseFormula';
export { analyzeFormula } from './analyze';
export type { FormulaAnalysis, RandomAnalysis, TermModel } from './analyze';
export { expandBars } from './expandBars';
export type { ExpandedBar } from './expandBars';
