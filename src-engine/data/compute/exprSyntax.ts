/**
 * The syntax of data expressions: a computed column's definition or a row filter. It is R's
 * expression grammar as the formula parser reads it (src-engine/formula, positions kept), in its
 * 'expression' mode, restricted to the functions below; nothing the user types is ever evaluated as
 * code. Errors are QuadratError('formula') with the 1-based character position in `where.column`.
 */
import { type CallExpr, type Expr } from '../../formula/ast';
import { formulaError } from '../../formula/lexer';
import { parseExpression } from '../../formula/parser';

/** Element-wise maths of one number. */
export const MATH_FUNCTIONS = ['log', 'log10', 'log2', 'log1p', 'exp', 'sqrt', 'abs'] as const;
/** Functions of a whole column, and what each takes (for the error messages). */
const COLUMN_FUNCTIONS: Record<string, string> = {
  centre: 'centre(x): x minus its mean',
  center: 'center(x): x minus its mean',
  scale: 'scale(x): (x − mean) / sd, as R',
  factor: 'factor(x): x as categories',
  recode: 'recode(x, "old" = "new", …)',
  interaction: 'interaction(a, b, …, sep = ":")',
  'is.na': 'is.na(x): TRUE where x is missing',
  c: 'c("A", "B"), after %in%',
};
export const KNOWN_FUNCTIONS = [...MATH_FUNCTIONS, ...Object.keys(COLUMN_FUNCTIONS)];
/** Names that are constants, not columns (unless the data has a column of that name). */
export const CONSTANTS = new Set(['TRUE', 'FALSE', 'NA', 'pi', 'Inf']);

export interface ParsedDataExpr {
  readonly text: string;
  readonly expr: Expr;
  /** The column names it reads, in order of first use. */
  readonly columns: readonly string[];
  /** Where each column name is written (0-based, end exclusive), for renaming a column in the text. */
  readonly refs: readonly { readonly name: string; readonly start: number; readonly end: number }[];
}

/** Parse and check a data expression; throws a positioned QuadratError('formula') for anything malformed. */
export function parseDataExpr(text: string): ParsedDataExpr {
  const expr = parseExpression(text, 'expression');
  const columns: string[] = [];
  const refs: ParsedDataExpr['refs'][number][] = [];
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'name':
        if (!columns.includes(e.name)) columns.push(e.name);
        refs.push({ name: e.name, start: e.start, end: e.end });
        return;
      case 'call':
        checkCall(e);
        // recode's new labels are values, not columns (NA among them)
        return (e.fn === 'recode' ? e.args.slice(0, 1) : e.args).forEach((a) => walk(a.value));
      case 'binary':
        if (e.left) walk(e.left);
        if (e.op === '%in%') return checkInRight(e.right);
        return walk(e.right);
      case 'unary':
        return walk(e.operand);
      case 'paren':
        return walk(e.inner);
      default:
        return;
    }
  };
  walk(expr);
  return { text, expr, columns, refs };
}

/** Names in `columns` that are not in the data and not a constant. */
export function unknownColumns(parsed: ParsedDataExpr, names: readonly string[]): string[] {
  return parsed.columns.filter((c) => !names.includes(c) && !CONSTANTS.has(c));
}

function checkArgs(e: CallExpr, min: number, max: number, named: readonly string[] = []): void {
  const usage = COLUMN_FUNCTIONS[e.fn] ?? `${e.fn}(x)`;
  if (e.args.length < min || e.args.length > max) throw formulaError(`${e.fn}() takes ${usage}`, e.start);
  for (const a of e.args) if (a.name !== undefined && !named.includes(a.name)) throw formulaError(`${e.fn}() has no argument '${a.name}'; it takes ${usage}`, a.value.start);
}

function checkCall(e: CallExpr): void {
  switch (e.fn) {
    case 'log':
      return checkArgs(e, 1, 2, ['base']);
    case 'recode':
      if (e.args.length < 2) throw formulaError(`recode() needs a column and at least one change: ${COLUMN_FUNCTIONS.recode}`, e.start);
      if (e.args[0].name !== undefined) throw formulaError('recode() takes the column first, then "old" = "new" pairs', e.args[0].value.start);
      for (const a of e.args.slice(1)) {
        if (a.name === undefined) throw formulaError('each change in recode() is written "old" = "new"', a.value.start);
        const v = a.value;
        if (v.kind !== 'string' && v.kind !== 'number' && !(v.kind === 'name' && v.name === 'NA')) throw formulaError(`the new value for "${a.name}" must be a quoted label or NA`, v.start);
      }
      return;
    case 'interaction': {
      const factors = e.args.filter((a) => a.name === undefined);
      if (factors.length < 2) throw formulaError(`interaction() combines two or more columns: ${COLUMN_FUNCTIONS.interaction}`, e.start);
      for (const a of e.args) {
        if (a.name === undefined) continue;
        if (a.name === 'sep' && a.value.kind === 'string') continue;
        if (a.name === 'drop' && a.value.kind === 'bool') continue;
        throw formulaError(a.name === 'sep' || a.name === 'drop' ? `${a.name} in interaction() must be ${a.name === 'sep' ? 'quoted text, e.g. sep = ":"' : 'TRUE or FALSE'}` : `interaction() has no argument '${a.name}'`, a.value.start);
      }
      return;
    }
    case 'c':
      throw formulaError('c(…) lists values on the right of %in%, e.g. site %in% c("A", "B")', e.start);
    default:
      if (e.fn in COLUMN_FUNCTIONS || (MATH_FUNCTIONS as readonly string[]).includes(e.fn)) return checkArgs(e, 1, 1);
      throw formulaError(`unknown function ${e.fn}(); expressions can use ${KNOWN_FUNCTIONS.filter((f) => f !== 'center' && f !== 'c').map((f) => f + '()').join(', ')}`, e.start);
  }
}

/** The right of %in%: one value, or c() of quoted labels and numbers. */
function checkInRight(e: Expr): void {
  const values = e.kind === 'call' && e.fn === 'c' ? e.args.map((a) => a.value) : [e];
  if (e.kind === 'call' && e.fn === 'c' && values.length === 0) throw formulaError('c() needs at least one value', e.start);
  for (const v of values) {
    if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'bool') throw formulaError('%in% compares with listed values, e.g. site %in% c("A", "B")', v.start);
  }
}
