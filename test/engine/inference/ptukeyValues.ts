/** R's ptukey(q, nmeans, df, lower.tail = FALSE) for q = QS, made by test/reference/ptukey.R. */
import { readFileSync } from 'node:fs';

const R = JSON.parse(readFileSync('test/reference/fixtures/values/ptukey.json', 'utf8')) as { qs: number[]; values: { nmeans: number; df: number; upper: number[] }[] };
export const QS: number[] = R.qs;
export const PTUKEY_R: { nmeans: number; df: number; upper: number[] }[] = R.values;
