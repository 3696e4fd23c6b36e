/**
 * How R prints numbers and names in its console tables, for every place that reproduces R's output
 * (the app's coefficient tables, the CLI's summaries): the decimals format(x, digits) gives a column,
 * R's significance stars, and abbreviate() of column names (nlme's "(Intr)").
 */

/**
 * Decimals R's format(x, digits) gives a numeric column (summary(lmer) through printCoefmat, nlme's
 * StdDev column): enough for the value that needs the most to show `digits` significant digits,
 * trailing zeros dropped, shared by the whole column — so 251.405 stands beside 1.546.
 */
export function formatDecimals(values: readonly (number | null | undefined)[], digits: number): number {
  let decimals = 0;
  for (const x of values) {
    if (x == null || !Number.isFinite(x) || x === 0) continue;
    const magnitude = Math.floor(Math.log10(Math.abs(x)));
    let d = Math.max(0, digits - 1 - magnitude);
    // R drops the decimals that would only be trailing zeros at `digits` significant digits
    const shown = Number(Math.abs(x).toPrecision(digits));
    while (d > 0 && Number(shown.toFixed(d - 1)) === shown) d--;
    decimals = Math.max(decimals, d);
  }
  return decimals;
}

/** R's significance stars beside a p-value (printCoefmat's legend: 0 *** 0.001 ** 0.01 * 0.05 . 0.1). */
export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : p < 0.1 ? '.' : '';
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLowerVowel = (c: string) => /[aeiou]/.test(c);
const isLower = (c: string) => /[a-z]/.test(c);

/**
 * R's abbreviate(name, minlength) (stripchars in R's character.c) for ASCII names: spaces count as word
 * boundaries until the end; lower-case vowels are dropped from the right, first those ending a word,
 * then any but a word's first letter; then lower-case letters the same way; then any character but a
 * word's first; each pass stops as soon as the name (spaces not counted) is short enough. nlme heads
 * its Corr column with abbreviate(names, 6): "(Intercept)" → "(Intr)".
 */
export function abbreviate(name: string, minlength: number): string {
  const b = [...name.replace(/^\s+/, '')];
  if (b.length <= minlength) return b.join('');
  let nspace = 0;
  // trailing spaces go; the others are counted and removed at the end
  for (let i = b.length - 1, trailing = true; i > 0; i--) {
    if (isSpace(b[i])) {
      if (trailing) b.splice(i, 1);
      else nspace++;
    } else trailing = false;
    if (b.length - nspace <= minlength) return done(b, minlength);
  }
  const first = (i: number) => isSpace(b[i - 1]);
  const last = (i: number) => !isSpace(b[i - 1]) && (i + 1 >= b.length || isSpace(b[i + 1]));
  const passes: ((i: number) => boolean)[] = [
    (i) => isLowerVowel(b[i]) && last(i),
    (i) => isLowerVowel(b[i]) && !first(i),
    (i) => isLower(b[i]) && last(i),
    (i) => isLower(b[i]) && !first(i),
    (i) => !first(i) && !isSpace(b[i]),
  ];
  for (const drop of passes) {
    for (let i = b.length - 1; i > 0; i--) {
      if (i < b.length && drop(i)) b.splice(i, 1);
      if (b.length - nspace <= minlength) return done(b, minlength);
    }
  }
  return done(b, minlength);
}

function done(b: string[], minlength: number): string {
  return (b.length > minlength ? b.filter((c, i) => i === 0 || !isSpace(c)) : b).join('');
}
