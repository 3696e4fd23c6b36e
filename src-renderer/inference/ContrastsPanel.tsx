/**
 * Tests of linear combinations of the fixed effects, as lmerTest's contest(m, L): the user types one
 * weight per coefficient for each row of L; each row gets a t-test with a confidence interval and,
 * with two or more rows, all of them get one joint F-test.
 */
import { useState } from 'react';
import type { ContestResult } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { stars } from '../../src-engine/shared';
import { Num } from '../results/Num';
import { StatTable, tTestColumns } from '../results/StatTable';
import { TableHeading } from '../results/TableActions';
import { DdfSelect, type Ddf, effectiveDdf } from './DdfSelect';
import { LevelSelect, pct } from './LevelSelect';
import { useRun } from './useRun';

/** A row of L as a readable sum, e.g. "(Intercept) + 5·Days" or "VarietyA − VarietyB". */
export function describeContrast(weights: readonly number[], names: readonly string[]): string {
  let text = '';
  weights.forEach((w, j) => {
    if (w === 0) return;
    const sign = w < 0 ? '−' : '+';
    const size = Math.abs(w) === 1 ? '' : `${Math.abs(w)}·`;
    text += text === '' ? `${w < 0 ? '−' : ''}${size}${names[j]}` : ` ${sign} ${size}${names[j]}`;
  });
  return text;
}

/** The typed weights as numbers; a cell left empty counts as 0, anything else must be a number. */
function parseL(cells: readonly string[][]): { L: number[][] | null; problem: string | null } {
  const L: number[][] = [];
  for (const [k, row] of cells.entries()) {
    const label = cells.length > 1 ? `Row ${k + 1}` : 'The contrast';
    const weights = row.map((c) => (c.trim() === '' ? 0 : Number(c)));
    if (weights.some((w) => !Number.isFinite(w))) return { L: null, problem: `${label} has a weight that is not a number.` };
    if (weights.every((w) => w === 0)) return { L: null, problem: `${label} is all zeros: give at least one coefficient a non-zero weight.` };
    L.push(weights);
  }
  return { L, problem: null };
}

interface Tested {
  L: number[][];
  result: ContestResult;
}

export function ContrastsPanel({ fitId, coefficients, reml, digits, disabled }: { fitId: number; coefficients: readonly string[]; reml: boolean; digits: number; disabled: boolean }) {
  const wb = useWorkbench();
  const blank = () => coefficients.map(() => '0');
  const [cells, setCells] = useState<string[][]>(() => [coefficients.map((_, j) => (j === coefficients.length - 1 ? '1' : '0'))]);
  const [ddf, setDdf] = useState<Ddf>('satterthwaite');
  const [level, setLevel] = useState(0.95);
  const [state, run] = useRun<Tested>();
  const { L, problem } = parseL(cells);

  const setCell = (k: number, j: number, value: string) => setCells((cs) => cs.map((row, i) => (i === k ? row.map((c, m) => (m === j ? value : c)) : row)));
  const test = () => {
    if (!L) return;
    void run(async () => ({ L, result: await wb.api.model.contest({ fitId, L, ddf: effectiveDdf(ddf, reml), level }) }));
  };

  const t = state.result;
  if (coefficients.length === 0) return <p className="muted small" data-testid="contrasts-none">The model has no fixed effects, so there is nothing to test.</p>;
  return (
    <div data-testid="contrasts-panel">
      <p className="table-note">One weight per fixed-effect coefficient; each row is tested as Σ weight × coefficient = 0, e.g. 1 and −1 on two coefficients tests their difference.</p>
      <div className="contrast-scroll">
        <table className="result-table contrast-editor" data-testid="contrasts-editor">
          <thead>
            <tr>
              <th scope="col">Row</th>
              {coefficients.map((name) => (
                <th scope="col" key={name}>
                  <code>{name}</code>
                </th>
              ))}
              <th scope="col" aria-label="remove" />
            </tr>
          </thead>
          <tbody>
            {cells.map((row, k) => (
              <tr key={k}>
                <th scope="row">{k + 1}</th>
                {row.map((value, j) => (
                  <td key={coefficients[j]}>
                    <input
                      type="number"
                      step="any"
                      value={value}
                      aria-label={`Row ${k + 1}, weight on ${coefficients[j]}`}
                      onChange={(e) => setCell(k, j, e.target.value)}
                      style={{ width: '5em' }}
                      data-testid={`contrast-${k}-${j}`}
                    />
                  </td>
                ))}
                <td>
                  {cells.length > 1 && (
                    <button type="button" className="btn small" aria-label={`Remove row ${k + 1}`} onClick={() => setCells((cs) => cs.filter((_, i) => i !== k))}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row-actions">
        <button type="button" className="btn small" onClick={() => setCells((cs) => [...cs, blank()])} disabled={cells.length >= 50} data-testid="contrasts-add">
          Add row
        </button>
        <DdfSelect chosen={ddf} reml={reml} onChange={setDdf} testId="contrasts-ddf" />
        <LevelSelect level={level} onChange={setLevel} />
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading' || !L} onClick={test} data-testid="contrasts-run">
          Test
        </button>
        {state.status === 'loading' && (
          <span className="muted small" role="status">
            Testing…
          </span>
        )}
      </div>
      {problem && <p className="small contrast-problem" data-testid="contrasts-problem">{problem}</p>}
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {t && <ContestTables tested={t} coefficients={coefficients} digits={digits} />}
    </div>
  );
}

function ContestTables({ tested, coefficients, digits }: { tested: Tested; coefficients: readonly string[]; digits: number }) {
  const { L, result: r } = tested;
  const a = (1 - r.level) / 2;
  const method = r.ddf === 'kenward-roger' ? 'Kenward–Roger' : "Satterthwaite's";
  const labels = L.map((row) => describeContrast(row, coefficients));
  return (
    <>
      <TableHeading title="Contrasts" source={{ kind: 'contest', contest: { ddf: r.ddf, level: r.level, rows: r.rows, joint: r.joint }, labels }} name="contest" />
      <StatTable
        testId="contest-table"
        rows={r.rows.map((row, k) => ({ ...row, k }))}
        rowKey={(row) => String(row.k)}
        columns={[
          { head: 'Contrast', cell: (row) => <th scope="row">{labels[row.k]}</th> },
          ...tTestColumns(digits, { estimate: 'estimate', se: 'stdError', df: 'df', t: 'tValue', p: 'pValue' }),
          { head: pct(a), cell: (row) => <Num x={row.lower} digits={digits} /> },
          { head: pct(1 - a), cell: (row) => <Num x={row.upper} digits={digits} /> },
        ]}
      />
      {r.joint && (
        <table className="result-table" data-testid="contest-joint">
          <caption>Joint test of all {L.length} rows</caption>
          <thead>
            <tr>
              <th scope="col">F</th>
              <th scope="col">num df</th>
              <th scope="col">den df</th>
              <th scope="col">p</th>
              <th scope="col" aria-label="significance" />
            </tr>
          </thead>
          <tbody>
            <tr>
              <Num x={r.joint.fValue} digits={digits} />
              <Num x={r.joint.numDf} digits={digits} kind="int" />
              <Num x={r.joint.denDf} digits={digits} kind="df" />
              <Num x={r.joint.pValue} digits={digits} kind="p" />
              <td className="stars">{stars(r.joint.pValue)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <p className="table-note">
        t-tests with {method} df and {pct(r.level)} confidence intervals, as lmerTest contest(m, L{r.joint ? '; joint = TRUE for the F-test' : ', joint = FALSE'}). {r.messages.join(' ')}
      </p>
    </>
  );
}
