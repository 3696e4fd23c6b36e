/**
 * Export the plot on screen at journal size: SVG, PNG (at a DPI) or vector PDF, restyled for print
 * (publication theme) by the export service; the same {data, layout} Plotly draws here.
 */
import { useState } from 'react';
import { useWorkbench } from '../app/context';
import { Dropdown } from '../app/Dropdown';
import { baseLayout } from './Plot';
import type { Figure } from './residualPlots';

const WIDTHS = [
  { mm: 85, label: 'Single column (85 mm)' },
  { mm: 175, label: 'Double column (175 mm)' },
];

export function FigureExport({ figure, name }: { figure: Figure; name: string }) {
  const wb = useWorkbench();
  const [widthMm, setWidth] = useState(85);
  const [heightMm, setHeight] = useState(70);
  const [dpi, setDpi] = useState(300);
  const [theme, setTheme] = useState<'publication' | 'screen'>('publication');
  // the first export starts the renderer (a few seconds): say that something is happening
  const [busy, setBusy] = useState(false);
  const run = async (format: 'svg' | 'png' | 'pdf') => {
    setBusy(true);
    try {
      await wb.exportFile('Exporting the figure', (destination) =>
        wb.api.export.figure({
          figure: { data: figure.data, layout: { ...baseLayout, ...figure.layout } },
          options: { format, widthMm, heightMm, dpi, theme },
          name,
          destination,
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      label={
        busy ? (
          <>
            <span className="spinner tiny" data-testid="figure-exporting" /> Exporting…
          </>
        ) : (
          'Export figure ▾'
        )
      }
      testId="figure-export"
    >
      {(close) => (
        <>
          {(['pdf', 'svg', 'png'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                void run(f);
              }}
            >
              {f === 'pdf' ? 'PDF (vector)' : f === 'svg' ? 'SVG (vector)' : `PNG (${dpi} dpi)`}
            </button>
          ))}
          <div className="menu-form report-options">
            <label>
              Width{' '}
              <select value={widthMm} onChange={(e) => setWidth(Number(e.target.value))}>
                {WIDTHS.map((w) => (
                  <option key={w.mm} value={w.mm}>
                    {w.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Height (mm){' '}
              <input type="number" min={20} max={500} value={heightMm} onChange={(e) => setHeight(Math.min(500, Math.max(20, Number(e.target.value) || 70)))} />
            </label>
            <label>
              PNG resolution{' '}
              <select value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
                {[150, 300, 600].map((d) => (
                  <option key={d} value={d}>
                    {d} dpi
                  </option>
                ))}
              </select>
            </label>
            <label>
              Style{' '}
              <select value={theme} onChange={(e) => setTheme(e.target.value as 'publication' | 'screen')}>
                <option value="publication">Publication (white, black axes, 8 pt)</option>
                <option value="screen">As on screen</option>
              </select>
            </label>
          </div>
        </>
      )}
    </Dropdown>
  );
}
