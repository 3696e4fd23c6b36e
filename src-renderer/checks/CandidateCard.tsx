/** One candidate's result: the sentence, the numbers, the boxplot and "Add as random effect". */
import { useMemo } from 'react';
import { Plot } from '../plots/Plot';
import { fmtNum, fmtP, stars } from '../../src-engine/shared';
import { MAX_BOXES, type CandidateResult } from './boxData';
import { residualBoxplot } from './checkFigure';
import { readingOf } from './reading';

interface Props {
  c: CandidateResult;
  fixedFormula: string;
  digits: number;
  selected: number | null;
  inModel: boolean;
  onAdd: () => void;
  onPickRow: (row: number) => void;
}

export function CandidateCard({ c, fixedFormula, digits, selected, inModel, onAdd, onPickRow }: Props) {
  const figure = useMemo(() => residualBoxplot(c, fixedFormula, selected), [c, fixedFormula, selected]);
  const reading = readingOf(c);
  const { levels } = figure;
  return (
    <section className="check-card" data-testid={`check-card-${c.factor}`} aria-label={`Check of ${c.factor}`}>
      <div className="block-head">
        <h3>
          {c.factor} <span className="muted small">{c.nLevels} levels</span>
        </h3>
        {inModel ? (
          <span className="tag ok" data-testid="check-in-model">
            in the model
          </span>
        ) : (
          <button type="button" className={`btn small${reading.supported ? ' primary' : ''}`} data-testid={`check-add-${c.factor}`} onClick={onAdd}>
            Add as random effect
          </button>
        )}
      </div>
      <p className={`check-reading ${reading.supported ? 'yes' : 'no'}`} data-testid="check-reading">
        {reading.text}
      </p>
      <table className="result-table compact check-table" data-testid="check-table">
        <thead>
          <tr>
            <th scope="col">Levels</th>
            <th scope="col" title="Sample variance of the mean residual per level">
              Var. of group means
            </th>
            <th scope="col">ICC</th>
            <th scope="col">LRT χ²({c.df})</th>
            <th scope="col">p</th>
            <th scope="col" aria-label="significance" />
            <th scope="col">Singular</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="num" data-stat="levels" data-value={c.nLevels}>
              {c.nLevels}
            </td>
            <td className="num" data-stat="groupMeanVariance" data-value={c.groupMeanVariance} title={String(c.groupMeanVariance)}>
              {fmtNum(c.groupMeanVariance, digits)}
            </td>
            <td className="num" data-stat="icc" data-value={c.icc} title={String(c.icc)}>
              {fmtNum(c.icc, digits)}
            </td>
            <td className="num" data-stat="lrt" data-value={c.lrt} title={String(c.lrt)}>
              {fmtNum(c.lrt, digits)}
            </td>
            <td className="num" data-stat="p" data-value={c.pValue} title={String(c.pValue)}>
              {fmtP(c.pValue)}
            </td>
            <td className="stars">{stars(c.pValue)}</td>
            <td className="num" data-stat="singular">
              {c.singular ? <span className="tag warn">singular</span> : 'no'}
            </td>
          </tr>
        </tbody>
      </table>
      <Plot data={figure.data} layout={figure.layout} height={figure.height} onPickRow={onPickRow} testId={`check-plot-${c.factor}`} />
      {levels.trimmed && (
        <p className="muted small" data-testid="check-trimmed">
          Showing the {Math.ceil(MAX_BOXES / 2)} levels with the lowest and the {MAX_BOXES - Math.ceil(MAX_BOXES / 2)} with the highest median residual, of{' '}
          {levels.total}. The numbers use every level.
        </p>
      )}
    </section>
  );
}
