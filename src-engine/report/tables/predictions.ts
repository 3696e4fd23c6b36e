/** Predictions for new rows (predict() with intervals) as an APA table: the rows as typed, then the estimates. */
import { levelPercent } from '../format';
import { type ReportTable } from '../tableModel';

export interface PredictionsInput {
  response: string;
  /** The predictor columns, in the order shown. */
  columns: string[];
  /** Per predicted row, its values of `columns` as typed (numbers stay numbers). */
  values: (string | number | null)[][];
  rows: { estimate: number; lower: number | null; upper: number | null; biasAdjusted: number | null }[];
  options: { re: 'population' | 'group'; interval: 'none' | 'confidence' | 'prediction'; method: 'delta' | 'simulation'; level: number; nsim: number; seed: number; scale: 'response' | 'link' };
  notes: string[];
}

export function predictionsTable(p: PredictionsInput): ReportTable {
  const pct = levelPercent(p.options.level);
  const interval = p.options.interval !== 'none';
  const what = p.options.interval === 'prediction' ? 'PI' : 'CI';
  const adjusted = p.rows.some((r) => r.biasAdjusted !== null);
  const level = p.options.re === 'population' ? 'Population-level predictions (random effects at zero)' : 'Predictions for each row’s own group';
  return {
    id: 'predictions',
    title: `Predicted ${p.response}`,
    columns: [
      ...p.columns.map((c) => ({ key: `x:${c}`, label: [c], kind: 'text' as const })),
      { key: 'estimate', label: ['Predicted'], kind: 'number' },
      ...(interval
        ? [
            { key: 'lower', label: [`${pct}% ${what} lower`], kind: 'number' as const },
            { key: 'upper', label: [`${pct}% ${what} upper`], kind: 'number' as const },
          ]
        : []),
      ...(adjusted ? [{ key: 'biasAdjusted', label: ['Mean over groups'], kind: 'number' as const }] : []),
    ],
    rows: p.rows.map((r, i) => [
      ...p.values[i].map((v) => (v === null ? null : String(v))),
      r.estimate,
      ...(interval ? [r.lower, r.upper] : []),
      ...(adjusted ? [r.biasAdjusted] : []),
    ]),
    notes: [[`${level}${p.options.scale === 'link' ? ', on the link scale' : ''}.`], ...p.notes.map((n) => [n])],
  };
}
