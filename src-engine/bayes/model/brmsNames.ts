/**
 * brms's names for parameters: R's coefficient names with the characters Stan cannot take removed or
 * spelled out (brms's rename(): "I(Days^2)" → "IDaysE2", "a-b" → "aMb"); ":" and "." are kept.
 */
const REPLACE: readonly (readonly [string, string])[] = [
  [' ', ''], ['(', ''], [')', ''], ['[', ''], [']', ''], [',', ''], ['"', ''], ["'", ''], ['?', ''],
  ['+', 'P'], ['-', 'M'], ['*', 'MU'], ['/', 'D'], ['^', 'E'], ['=', 'EQ'],
];

export function brmsName(name: string): string {
  let out = name;
  for (const [from, to] of REPLACE) out = out.split(from).join(to);
  return out;
}
