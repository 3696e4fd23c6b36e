/** One model's row of the comparison table: its name and formula, what it changes against the model above, its statistics. */
import type { Comparison, FitSummary } from '../../src-main/api/contract';
import { fmtNum, fmtP, stars } from '../../src-engine/shared';
import { diffText, formulaDiff } from './formulaDiff';
import { familyLabel } from '../model/families';

interface Props {
  row: Comparison['rows'][number];
  fit: FitSummary | undefined;
  /** The model in the row above (undefined for the first row), and that row's name. */
  above: FitSummary | undefined;
  aboveName: string | undefined;
  minAic: number;
  digits: number;
  onOpen: (fitId: number) => void;
}

export function CompareRow({ row: x, fit: f, above, aboveName, minAic, digits, onOpen }: Props) {
  // what this model changes against the one above it: similar formulas are told apart
  const diff = f && above ? formulaDiff(above.spec.formula, f.spec.formula) : null;
  // count models of one formula differ in their family or zero part: say which
  const familyChange = f && above && familyLabel(above.spec) !== familyLabel(f.spec) ? `; ${familyLabel(above.spec)} → ${familyLabel(f.spec)}` : '';
  return (
    <tr>
      <th scope="row" title={f?.spec.formula}>
        <button type="button" className="link-btn" onClick={() => onOpen(x.fitId)}>
          {x.name}
        </button>
        {f && <code className="small block">{f.spec.formula}</code>}
        {f && (f.spec.tmb || f.spec.family !== 'gaussian') && (
          <span className="small muted block" data-testid="compare-family">
            {f.spec.tmb ? 'glmmTMB ' : 'glmer '}
            {familyLabel(f.spec)}
          </span>
        )}
        {diff && (
          <span className="small muted block" data-testid="compare-diff">
            vs {aboveName}: {diffText(diff)}
            {familyChange}
          </span>
        )}
      </th>
      <td className="num">{x.npar}</td>
      <td className="num" data-value={x.aic}>{fmtNum(x.aic, digits + 2)}</td>
      <td className="num">{fmtNum(x.aic - minAic, 3)}</td>
      <td className="num" data-value={x.bic}>{fmtNum(x.bic, digits + 2)}</td>
      <td className="num" data-value={x.logLik}>{fmtNum(x.logLik, digits + 2)}</td>
      <td className="num" data-value={x.deviance}>{fmtNum(x.deviance, digits + 2)}</td>
      <td className="num" data-value={x.chisq ?? ''}>{x.chisq == null ? '' : fmtNum(x.chisq, digits)}</td>
      <td className="num">{x.df ?? ''}</td>
      <td className="num" data-value={x.pValue ?? ''}>{x.pValue == null ? '' : fmtP(x.pValue)}</td>
      <td className="stars">{stars(x.pValue)}</td>
    </tr>
  );
}
