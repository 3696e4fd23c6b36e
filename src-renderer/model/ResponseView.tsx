/**
 * The Response box of the model builder. For the binomial family it also asks what each row counts:
 * one trial (0/1, TRUE/FALSE, a two-level factor), successes out of a total column, or successes and
 * failures columns — written as glmer's response, cbind(s, total - s) or cbind(s, f).
 */
import type { ColumnInfo } from '../../src-main/api/contract';
import { binomialResponseText, readBinomialResponse, trialsFromKey, trialsKey, type Trials } from './binomialResponse';
import { quoteName } from './formulaTerms';

interface Props {
  columns: ColumnInfo[];
  response: string;
  binomial: boolean;
  selected: string[];
  onChange: (response: string) => void;
}

export function ResponseView({ columns, response, binomial, selected, onChange }: Props) {
  const counts = columns.filter((c) => c.type === 'numeric' || c.type === 'logical').map((c) => c.name);
  const twoLevel = binomial ? columns.filter((c) => c.type === 'factor' && c.levels.length === 2).map((c) => c.name) : [];
  const choices = [...counts, ...twoLevel];
  const parsed = binomial ? readBinomialResponse(response) : null;
  const column = parsed ? parsed.successes : response.replace(/^`|`$/g, '');
  const isColumn = choices.includes(column);
  const trials: Trials = parsed?.trials ?? { kind: 'single' };
  const write = (successes: string, t: Trials) => onChange(successes ? (binomial ? binomialResponseText({ successes, trials: t }) : quoteName(successes)) : '');
  const others = counts.filter((n) => n !== column);

  return (
    <>
      <select
        aria-label="Response variable"
        data-testid="response-select"
        value={isColumn ? column : response ? '__custom' : ''}
        onChange={(e) => e.target.value !== '__custom' && write(e.target.value, trials)}
      >
        <option value="">— choose the response —</option>
        {response && !isColumn && <option value="__custom">{response}</option>}
        {choices.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {selected.length === 1 && selected[0] !== column && (
        <button type="button" className="btn small" onClick={() => write(selected[0], trials)} data-testid="set-response">
          Use {selected[0]}
        </button>
      )}
      {binomial && isColumn && counts.includes(column) && (
        <label className="field small">
          <span>Each row counts</span>
          <select
            data-testid="trials-select"
            value={trialsKey(trials)}
            onChange={(e) => write(column, trialsFromKey(e.target.value))}
            title="Successes out of trials are written cbind(successes, failures), as in glmer"
          >
            <option value="single">one trial: {column} is 0/1</option>
            <optgroup label="successes out of a total">
              {others.map((n) => (
                <option key={n} value={trialsKey({ kind: 'total', column: n })}>
                  {column} out of {n}
                </option>
              ))}
            </optgroup>
            <optgroup label="successes and failures">
              {others.map((n) => (
                <option key={n} value={trialsKey({ kind: 'failures', column: n })}>
                  {column} successes, {n} failures
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      )}
    </>
  );
}
