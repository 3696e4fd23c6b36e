/**
 * The functions a formula may call, and a check of their arguments at parse time so errors point at
 * the call. Evaluation lives in src-engine/design/evaluate.ts.
 */
import { type CallExpr, type Expr, unparen } from './ast';
import { formulaError } from './lexer';

/** Element-wise functions of one numeric argument (log also takes an optional base). */
export const MATH_FUNCTIONS = ['log', 'log10', 'log2', 'log1p', 'exp', 'sqrt', 'abs', 'sin', 'cos', 'tan'] as const;
const TRANSFORMS = ['I', 'scale', 'poly', 'factor'];
export const KNOWN_FUNCTIONS = [...TRANSFORMS, ...MATH_FUNCTIONS, 'offset'];

/** Degree and raw flag of poly(x, degree, raw = FALSE); R's default degree is 1. */
export function polyArgs(e: CallExpr): { degree: number; raw: boolean } {
  let degree = 1;
  let raw = false;
  e.args.forEach((a, k) => {
    if (k === 0) {
      if (a.name !== undefined && a.name !== 'x') throw formulaError(`poly() expects the variable first`, a.value.start);
      return;
    }
    const name = a.name ?? (k === 1 ? 'degree' : k === 2 ? 'raw' : '');
    const v = unparen(a.value);
    if (name === 'degree') {
      if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value < 1) throw formulaError('the degree of poly() must be a whole number ≥ 1, e.g. poly(x, 2)', a.value.start);
      degree = v.value;
    } else if (name === 'raw') {
      if (v.kind !== 'bool') throw formulaError('raw in poly() must be TRUE or FALSE', a.value.start);
      raw = v.value;
    } else throw formulaError(`poly() has no argument '${a.name ?? String(k + 1)}'; use poly(x, degree) or poly(x, degree, raw = TRUE)`, a.value.start);
  });
  return { degree, raw };
}

function checkArity(e: CallExpr, min: number, max: number, usage: string): void {
  const n = e.args.length;
  if (n < min || n > max) throw formulaError(`${e.fn}() takes ${usage}`, e.start);
  for (const a of e.args) if (a.name !== undefined && !(e.fn === 'log' && a.name === 'base')) throw formulaError(`${e.fn}() has no argument '${a.name}'`, a.value.start);
}

/** Throw a positioned error for an unknown function or a malformed call anywhere inside `e`. */
export function checkCalls(e: Expr, where: 'term' | 'response' | 'inner'): void {
  switch (e.kind) {
    case 'paren':
      return checkCalls(e.inner, 'inner');
    case 'unary':
      return checkCalls(e.operand, 'inner');
    case 'binary':
      if (e.left) checkCalls(e.left, 'inner');
      return checkCalls(e.right, 'inner');
    case 'call':
      break;
    default:
      return;
  }
  switch (e.fn) {
    case 'I':
    case 'factor':
      checkArity(e, 1, 1, 'one argument');
      break;
    case 'scale':
      checkArity(e, 1, 1, 'one argument: scale(x)');
      break;
    case 'poly':
      if (e.args.length === 0) throw formulaError('poly() needs a variable: poly(x, 2)', e.start);
      polyArgs(e);
      break;
    case 'offset':
      if (where !== 'term') throw formulaError('offset() can only be a term of the fixed part', e.start);
      checkArity(e, 1, 1, 'one argument');
      break;
    case 'cbind':
      if (where !== 'response') throw formulaError('cbind() can only be the response (left of ~)', e.start);
      checkArity(e, 2, 2, 'two arguments: cbind(successes, failures)');
      break;
    case 'log':
      checkArity(e, 1, 2, 'one argument, or two: log(x, base)');
      break;
    default:
      if ((MATH_FUNCTIONS as readonly string[]).includes(e.fn)) checkArity(e, 1, 1, 'one argument');
      else throw formulaError(`unknown function ${e.fn}(); formulas can use ${[...KNOWN_FUNCTIONS, 'cbind'].map((f) => f + '()').join(', ')}`, e.start);
  }
  for (const a of e.args) checkCalls(a.value, 'inner');
}
