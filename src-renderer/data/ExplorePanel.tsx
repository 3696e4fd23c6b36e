/**
 * Exploratory plots above the grid (issue 17): histogram, box plot by factor, scatter with a lowess
 * smoother, and the lattice plot of the response against a covariate per group. Drawn from the
 * dataset's rows as they are now; each exports like every figure.
 */
import { useMemo, useState } from 'react';
import type { DatasetInfo } from '../../src-main/api/contract';
import { FigureExport } from '../plots/FigureExport';
import { Plot } from '../plots/Plot';
import { useDatasetRows } from '../plots/useDatasetRows';
import { boxByFactor, histogram, lattice, scatterSmooth } from './explorePlots';

const KINDS = [
  { id: 'hist', label: 'Histogram' },
  { id: 'box', label: 'Box plot by factor' },
  { id: 'scatter', label: 'Scatter with smoother' },
  { id: 'lattice', label: 'By group (lattice)' },
] as const;
type Kind = (typeof KINDS)[number]['id'];

export function ExplorePanel({ dataset, onClose }: { dataset: DatasetInfo; onClose: () => void }) {
  const { rows, error } = useDatasetRows(dataset);
  const numeric = dataset.columns.filter((c) => c.type === 'numeric').map((c) => c.name);
  const factors = dataset.columns.filter((c) => c.type === 'factor' || c.type === 'text' || c.type === 'logical').map((c) => c.name);
  const [kind, setKind] = useState<Kind>('hist');
  const [yPick, setY] = useState('');
  const [xPick, setX] = useState('');
  const [gPick, setG] = useState('');
  const y = numeric.includes(yPick) ? yPick : (numeric[0] ?? '');
  const xs = numeric.filter((n) => n !== y);
  const x = xs.includes(xPick) ? xPick : (xs[0] ?? '');
  const g = factors.includes(gPick) ? gPick : (factors[0] ?? '');
  const needX = kind === 'scatter' || kind === 'lattice';
  const needG = kind === 'box' || kind === 'lattice';
  const missing = !y ? 'a numeric column' : needX && !x ? 'a second numeric column' : needG && !g ? 'a factor column' : null;
  const result = useMemo(() => {
    if (!rows || missing) return null;
    const cols = dataset.columns;
    switch (kind) {
      case 'hist':
        return { figure: histogram(cols, rows, y), note: null };
      case 'box':
        return { figure: boxByFactor(cols, rows, y, g), note: null };
      case 'scatter':
        return { figure: scatterSmooth(cols, rows, y, x), note: "The red line is R's lowess (f = 2/3, 3 robustness rounds)." };
      case 'lattice': {
        const l = lattice(cols, rows, y, x, g);
        const cut = l.groups > l.panels ? ` Showing the first ${l.panels} of ${l.groups} groups.` : '';
        return { figure: l.figure, note: `One panel per ${g}, each with its own least-squares line: if the lines differ in height, a random intercept; in slope, a random slope for ${x}.${cut}` };
      }
    }
  }, [rows, missing, dataset.columns, kind, y, x, g]);
  const select = (label: string, value: string, options: string[], set: (v: string) => void, testId: string) => (
    <label className="small">
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="result-block explore" data-testid="explore-panel">
      <div className="block-head">
        <h3>Explore</h3>
        <button type="button" className="link-btn small" onClick={onClose}>
          Close
        </button>
      </div>
      <nav className="subtabs" aria-label="Exploratory plots">
        {KINDS.map((k) => (
          <button key={k.id} type="button" className={kind === k.id ? 'on' : ''} aria-pressed={kind === k.id} data-testid={`explore-${k.id}`} onClick={() => setKind(k.id)}>
            {k.label}
          </button>
        ))}
      </nav>
      <div className="row-actions">
        {numeric.length > 0 && select(kind === 'hist' ? 'Column' : 'Response', y, numeric, setY, 'explore-y')}
        {needX && xs.length > 0 && select('against', x, xs, setX, 'explore-x')}
        {needG && factors.length > 0 && select(kind === 'box' ? 'by' : 'one panel per', g, factors, setG, 'explore-group')}
        {result && <FigureExport figure={result.figure} name={KINDS.find((k) => k.id === kind)!.label.toLowerCase()} />}
      </div>
      {missing && <p className="muted small">This plot needs {missing}; the dataset has none.</p>}
      {!missing && !rows && <p className="muted small">{error ? `Could not read the data: ${error}` : 'Reading the data…'}</p>}
      {result && <Plot data={result.figure.data} layout={result.figure.layout} height={result.figure.height ?? 320} testId={`explore-plot-${kind}`} />}
      {result?.note && <p className="muted small">{result.note}</p>}
      {rows && dataset.nrow > rows.length && <p className="muted small">Drawn from the first {rows.length.toLocaleString()} rows.</p>}
    </section>
  );
}
