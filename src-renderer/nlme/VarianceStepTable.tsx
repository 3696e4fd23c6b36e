/** The variance-structure step's table: each candidate's df, logLik, AIC, ΔAIC and likelihood ratio against constant variance, with Use. */
import type { VarianceStepResult } from '../../src-main/api/contract';
import { Num } from '../results/Num';

interface Props {
  result: VarianceStepResult;
  digits: number;
  /** A row was clicked: show its residual spread. */
  onShow: (row: number) => void;
  onUse: (weights: string | null) => void;
}

export function VarianceStepTable({ result, digits, onShow, onUse }: Props) {
  return (
    <div className="variance-step-scroll">
      <table className="result-table compact" data-testid="variance-step-table">
        <thead>
          <tr>
            <th scope="col" className="left">
              Variance function
            </th>
            <th scope="col">df</th>
            <th scope="col">logLik</th>
            <th scope="col">AIC</th>
            <th scope="col">ΔAIC</th>
            <th scope="col">L.Ratio</th>
            <th scope="col">p-value</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, k) => (
            <tr key={r.weights ?? 'none'} className={r.weights === result.recommended ? 'recommended' : ''} data-weights={r.weights ?? ''} onClick={() => onShow(k)}>
              <th scope="row" className="left">
                <code>{r.weights ?? '(constant variance)'}</code>
                {r.error && <span className="error small"> {r.error}</span>}
              </th>
              <Num x={r.df} digits={digits} kind="int" />
              <Num x={r.logLik} digits={digits + 2} />
              <Num x={r.aic} digits={digits + 2} />
              <Num x={r.deltaAic} digits={digits} />
              <Num x={r.lRatio} digits={digits} />
              <Num x={r.pValue} digits={digits} kind="p" />
              <td>
                {!r.error && (
                  <button type="button" className="btn small" data-testid="variance-step-use" onClick={() => onUse(r.weights)}>
                    Use
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
