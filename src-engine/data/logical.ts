/**
 * Logical values. R 4.2's type.convert accepts T, F, TRUE and FALSE; we also accept lower-case
 * true/false (written by Python, JavaScript and many loggers), a documented difference from R.
 */
const TRUE_TOKENS = new Set(['TRUE', 'T', 'true']);
const FALSE_TOKENS = new Set(['FALSE', 'F', 'false']);

/** 1 TRUE, 0 FALSE, undefined when the text is not a logical value. */
export function parseLogical(text: string): 0 | 1 | undefined {
  if (TRUE_TOKENS.has(text)) return 1;
  if (FALSE_TOKENS.has(text)) return 0;
  return undefined;
}
