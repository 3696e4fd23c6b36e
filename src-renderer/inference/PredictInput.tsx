/** The rows to predict at: one input per column the formula reads, and the interval options. */
import type { ColumnInfo, PredictionsShape } from '../../src-main/api/contract';

export type PredictRow = Record<string, string>;
export type PredictOptionsShape = Pick<PredictionsShape['options'], 're' | 'interval' | 'method' | 'scale'>;

function CellInput({ name, info, group, value, onChange, row }: { name: string; info: ColumnInfo | undefined; group: boolean; value: string; onChange: (v: string) => void; row: number }) {
  const label = `${name}, row ${row + 1}`;
  if (info?.type === 'factor' && !group)
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {info.levels.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </select>
    );
  if (info?.type === 'logical')
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        <option>TRUE</option>
        <option>FALSE</option>
      </select>
    );
  const list = group && info?.type === 'factor' ? `predict-levels-${name}` : undefined;
  return (
    <>
      <input
        aria-label={label}
        className="predict-cell"
        inputMode={info?.type === 'numeric' ? 'decimal' : undefined}
        placeholder={info?.type === 'numeric' ? 'number' : group ? 'a level, or a new one' : ''}
        value={value}
        list={list}
        onChange={(e) => onChange(e.target.value)}
      />
      {list && row === 0 && (
        <datalist id={list}>
          {info!.levels.slice(0, 500).map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      )}
    </>
  );
}

interface InputProps {
  names: string[];
  rows: PredictRow[];
  info: (name: string) => ColumnInfo | undefined;
  /** The grouping factors among names (free text: a new value is a new group). */
  groups: string[];
  onSet: (row: number, name: string, value: string) => void;
  onRemove: (row: number) => void;
}

export function PredictInputTable({ names, rows, info, groups, onSet, onRemove }: InputProps) {
  return (
    <table className="stat-table predict-input" data-testid="predict-input">
      <thead>
        <tr>
          {names.map((n) => (
            <th key={n} scope="col">
              {n}
            </th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {names.map((n) => (
              <td key={n}>
                <CellInput name={n} info={info(n)} group={groups.includes(n)} value={row[n] ?? ''} onChange={(v) => onSet(i, n, v)} row={i} />
              </td>
            ))}
            <td>
              {rows.length > 1 && (
                <button type="button" className="link-btn small" aria-label={`Remove row ${i + 1}`} onClick={() => onRemove(i)}>
                  Remove
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Population or group level, the interval and its method (delta or simulation), and the scale for GLMMs. */
export function PredictOptions({ o, onChange, nsim, onNsim, glmm }: { o: PredictOptionsShape; onChange: (o: PredictOptionsShape) => void; nsim: number; onNsim: (n: number) => void; glmm: boolean }) {
  type Options = PredictOptionsShape;
  return (
    <>
    <select aria-label="Prediction level" value={o.re} onChange={(e) => onChange({ ...o, re: e.target.value as Options['re'] })} data-testid="predict-re">
      <option value="population">population level (random effects 0)</option>
      <option value="group">each row’s own group</option>
    </select>
    <select aria-label="Interval" value={o.interval} onChange={(e) => onChange({ ...o, interval: e.target.value as Options['interval'] })} data-testid="predict-interval">
      <option value="confidence">confidence interval</option>
      <option value="prediction">prediction interval</option>
      <option value="none">no interval</option>
    </select>
    <select aria-label="Interval method" value={o.method} onChange={(e) => onChange({ ...o, method: e.target.value as Options['method'] })} disabled={o.interval === 'none'}>
      <option value="delta">delta method</option>
      <option value="simulation">simulation</option>
    </select>
    {o.method === 'simulation' && o.interval !== 'none' && (
      <label className="small">
        simulations{' '}
        <input type="number" min={100} max={100000} step={100} value={nsim} onChange={(e) => onNsim(Math.max(100, Math.min(100000, Math.round(Number(e.target.value) || 1000))))} style={{ width: '6em' }} />
      </label>
    )}
    {glmm && (
      <select aria-label="Scale" value={o.scale} onChange={(e) => onChange({ ...o, scale: e.target.value as Options['scale'] })}>
        <option value="response">response scale</option>
        <option value="link">link scale</option>
      </select>
    )}
    </>
  );
}
