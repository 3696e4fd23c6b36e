/** One number in a results table: formatted for reading, its full value in data-value and the tooltip. */
import { fmtDf, fmtNum, fmtP } from './format';

export function Num({ x, digits, kind = 'num' }: { x: number | null | undefined; digits: number; kind?: 'num' | 'p' | 'df' | 'int' }) {
  const text = kind === 'p' ? fmtP(x) : kind === 'df' ? fmtDf(x) : kind === 'int' ? (x == null ? '—' : String(x)) : fmtNum(x, digits);
  return (
    <td className="num" data-value={x ?? ''} title={x == null ? undefined : String(x)}>
      {text}
    </td>
  );
}
