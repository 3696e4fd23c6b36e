/** One number in a results table: formatted for reading, its full value in data-value and the tooltip. */
import { fmtDf, fmtFixed, fmtNum, fmtP } from '../../src-engine/shared';

/** `decimals`: the column's shared decimals (columnDecimals), as R prints a coefficient table. */
export function Num({ x, digits, kind = 'num', decimals }: { x: number | null | undefined; digits: number; kind?: 'num' | 'p' | 'df' | 'int'; decimals?: number | null }) {
  const text =
    kind === 'p' ? fmtP(x) : kind === 'df' ? fmtDf(x) : kind === 'int' ? (x == null ? '—' : String(x)) : decimals !== undefined ? fmtFixed(x, decimals, digits) : fmtNum(x, digits);
  return (
    <td className="num" data-value={x ?? ''} title={x == null ? undefined : String(x)}>
      {text}
    </td>
  );
}
