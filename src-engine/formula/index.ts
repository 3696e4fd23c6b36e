export { parseFormula, formulaToString, randomTermToString, describeFormula } from './parseFormula';
export type { ParsedFormula, FormulaTerm, RandomTermSpec, ResponseSpec, FormulaText, RandomTermText } from './parseFormula';
export { analyzeFormula } from './analyze';
export type { FormulaAnalysis, RandomAnalysis, TermModel } from './analyze';
export { expandBars } from './expandBars';
export type { ExpandedBar } from './expandBars';
