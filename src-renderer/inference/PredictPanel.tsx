/**
 * Predictions for rows the user types (issue 20): one input per column the formula reads — a list of
 * levels for a factor, free text with the known levels for a grouping factor (a new value is a new
 * group) — then lme4's predict() with confidence or prediction intervals, exported like every table.
 */
import { useState } from 'react';
import type { ColumnInfo, PredictionsShape } from '../../src-main/api/contract';
import { predictorColumns } from '../../src-engine/shared';
import { useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { StatTable } from '../results/StatTable';
import { TableHeading } from '../results/TableActions';
import { builderModel } from './fixedFactors';
import { LevelSelect, pct } from './LevelSelect';
import { useRun } from './useRun';
import { PredictInputTable, PredictOptions, type PredictOptionsShape, type PredictRow } from './PredictInput';

type Row = PredictRow;
type Options = PredictOptionsShape;

interface Props {
  fitId: number;
  formula: string;
  columns: readonly ColumnInfo[];
  glmm: boolean;
  digits: number;
  disabled: boolean;
}

function safeColumns(formula: string): { columns: string[]; groups: string[]; error: string | null } {
  try {
    const c = predictorColumns(formula);
    return { columns: [...c.columns], groups: [...c.groups], error: null };
  } catch (e) {
    return { columns: [], groups: [], error: e instanceof Error ? e.message : String(e) };
  }
}

function firstRow(names: readonly string[], info: (name: string) => ColumnInfo | undefined): Row {
  return Object.fromEntries(names.map((n) => [n, info(n)?.levels[0] ?? '']));
}

export function PredictPanel({ fitId, formula, columns, glmm, digits, disabled }: Props) {
  const wb = useWorkbench();
  const vars = safeColumns(formula);
  const names = [...vars.columns, ...vars.groups];
  const info = (n: string) => columns.find((c) => c.name === n);
  const [rows, setRows] = useState<Row[]>(() => [firstRow(names, info)]);
  const [o, setO] = useState<Options>({ re: 'population', interval: 'confidence', method: 'delta', scale: 'response' });
  const [level, setLevel] = useState(0.95);
  const [nsim, setNsim] = useState(1000);
  const [state, run] = useRun<{ result: PredictionsShape; rows: Row[] }>();
  if (vars.error) return <p className="muted small">{vars.error}</p>;

  const set = (i: number, name: string, v: string) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [name]: v } : r)));
  const predict = () => {
    const typed = rows.map((r) => ({ ...r }));
    return run(async () => ({ rows: typed, result: await wb.api.model.predict({ fitId, rows: typed, ...o, level, ...(o.method === 'simulation' ? { nsim } : {}) }) }));
  };
  const done = state.result;
  const r = done?.result;
  const response = builderModel(formula)?.response ?? 'the response';
  const values = (pr: PredictionsShape['rows'][number]) => names.map((n) => done!.rows[pr.row][n] ?? null);
  const source = r && {
    kind: 'predictions' as const,
    predictions: { rows: r.rows, options: r.options, notes: r.notes },
    response,
    columns: names,
    values: r.rows.map((pr) => values(pr).map((v) => (v === '' ? null : v))),
  };
  const what = r?.options.interval === 'prediction' ? 'PI' : 'CI';
  return (
    <div data-testid="predict-panel">
      <p className="muted small">
        Type the values to predict at, one row per scenario. {vars.groups.length > 0 && `A value of ${vars.groups.join(' or ')} the model has not seen is predicted as a new group.`}
      </p>
      <PredictInputTable
        names={names}
        rows={rows}
        info={info}
        groups={vars.groups}
        onSet={set}
        onRemove={(i) => setRows((rs) => rs.filter((_, k) => k !== i))}
      />
      <div className="row-actions">
        <button type="button" className="btn small" onClick={() => setRows((rs) => [...rs, { ...rs[rs.length - 1] }])} data-testid="predict-add-row" disabled={rows.length >= 10_000}>
          Add row
        </button>
        <PredictOptions o={o} onChange={setO} nsim={nsim} onNsim={setNsim} glmm={glmm} />
        <LevelSelect level={level} onChange={setLevel} />
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading'} onClick={() => void predict()} data-testid="predict-run">
          Predict
        </button>
        {state.status === 'loading' && <span className="muted small">Predicting…</span>}
      </div>
      {state.status === 'error' && (
        <div className="banner warning" data-testid="predict-error">
          {state.error}
        </div>
      )}
      {r && source && (
        <>
          <TableHeading title={`Predicted ${response}`} source={source} name="predictions" />
          <StatTable
            testId="predict-table"
            rows={r.rows}
            rowKey={(pr) => String(pr.row)}
            columns={[
              ...names.map((n) => ({ head: n, cell: (pr: (typeof r.rows)[number]) => <td>{done!.rows[pr.row][n]}</td>, text: true })),
              { head: 'Predicted', cell: (pr) => <Num x={pr.estimate} digits={digits} /> },
              r.options.interval !== 'none' && { head: `${pct(r.options.level)} ${what} lower`, cell: (pr) => <Num x={pr.lower} digits={digits} /> },
              r.options.interval !== 'none' && { head: `${pct(r.options.level)} ${what} upper`, cell: (pr) => <Num x={pr.upper} digits={digits} /> },
              r.rows.some((pr) => pr.biasAdjusted !== null) && { head: 'Mean over groups', cell: (pr) => <Num x={pr.biasAdjusted} digits={digits} /> },
            ]}
          />
          {r.dropped.map((d) => (
            <p key={d.row} className="banner warning" data-testid="predict-dropped">
              Row {d.row + 1} was not predicted: {d.reason}.
            </p>
          ))}
          {r.notes.map((n) => (
            <p key={n} className="table-note" data-testid="predict-note">
              {n}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
