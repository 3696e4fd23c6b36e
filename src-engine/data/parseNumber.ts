/**
 * Numbers as R's type.convert reads them (its R_strtod): surrounding blanks, a sign, decimal digits
 * with the chosen decimal mark, an optional exponent (R accepts a bare "1e" as 1), hexadecimal
 * 0x… with an optional binary exponent, and Inf/Infinity/NaN in any case.
 * Returns undefined when the text is not a number.
 */
import { type DecimalMark } from './importOptions';

const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const DECIMAL_DOT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d*)?$/;
const DECIMAL_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d*)?$/;
const BARE_EXPONENT = /[eE][+-]?$/;

export function parseNumber(text: string, decimal: DecimalMark = '.'): number | undefined {
  const s = text.trim();
  if (s.length === 0) return undefined;
  if ((decimal === '.' ? DECIMAL_DOT : DECIMAL_COMMA).test(s)) {
    const t = BARE_EXPONENT.test(s) ? s.replace(BARE_EXPONENT, '') : s;
    return Number(decimal === ',' ? t.replace(',', '.') : t);
  }
  const special = SPECIAL.exec(s);
  if (special) {
    const sign = special[1] === '-' ? -1 : 1;
    return special[2].toLowerCase() === 'nan' ? NaN : sign * Infinity;
  }
  return parseHex(s);
}

function parseHex(s: string): number | undefined {
  const m = HEX.exec(s);
  if (!m) return undefined;
  const [, sign, intDigits, fracDigits, exponent] = m;
  // R reads a hex fraction only together with a p exponent; without one we do not guess.
  if (fracDigits !== undefined && exponent === undefined) return undefined;
  let value = parseInt(intDigits, 16);
  if (fracDigits) value += parseInt(fracDigits, 16) / Math.pow(16, fracDigits.length);
  if (exponent !== undefined) value *= Math.pow(2, Number(exponent));
  return sign === '-' ? -value : value;
}
