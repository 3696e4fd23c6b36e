/**
 * Numbers written the way R writes them (as.character / deparse): at most 15 significant digits, in
 * fixed notation unless scientific notation is narrower (formatReal with scipen = 0). So 1e5 → "1e+05",
 * 123456 → "123456", 0.0001 → "1e-04", 1/3 → "0.333333333333333". Column names such as `I(x * 1e+05)`
 * and factor labels such as `factor(dose)0.5` depend on it.
 */
export function formatRNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return formatWhole(x);
  // Whole numbers that 15 digits cannot represent are written in full, as R does (2^60 → 1152921504606846976).
  if (Number.isInteger(x) && Number(x.toPrecision(15)) !== x && Math.abs(x) < 1e21) return BigInt(x).toString();
  const target = Number(x.toPrecision(15));
  let digits = 1;
  while (digits < 15 && Number(x.toPrecision(digits)) !== target) digits++;
  const sci = target.toExponential(digits - 1);
  const [mantissa, expText] = sci.split('e');
  const exponent = Number(expText);
  const expAbs = Math.abs(exponent);
  const sciText = `${mantissa}e${exponent < 0 ? '-' : '+'}${String(expAbs).padStart(2, '0')}`;
  const decimals = Math.max(0, digits - 1 - exponent);
  const fixedWidth = (x < 0 ? 1 : 0) + (exponent >= 0 ? exponent + 1 : 1) + (decimals > 0 ? decimals + 1 : 0);
  if (fixedWidth <= sciText.length && decimals <= 100) return target.toFixed(decimals);
  return sciText;
}

/** Fast path for whole numbers (factor labels of numeric codes): 308 → "308", 100000 → "1e+05". */
function formatWhole(x: number): string {
  const digits = String(Math.abs(x));
  const sig = digits.replace(/0+$/, '').length;
  const sciWidth = (sig > 1 ? sig + 1 : 1) + 4;
  if (digits.length <= sciWidth) return String(x);
  const mantissa = sig > 1 ? `${digits[0]}.${digits.slice(1, sig)}` : digits[0];
  return `${x < 0 ? '-' : ''}${mantissa}e+${String(digits.length - 1).padStart(2, '0')}`;
}
