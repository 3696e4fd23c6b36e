/**
 * A Plotly chart that follows its container's size. Points carry their data row in customdata;
 * clicking one reports it (the workbench then selects that row in the grid).
 */
import type PlotlyDefault from 'plotly.js-dist-min';
import type { Layout, PlotlyHTMLElement, Trace } from 'plotly.js-dist-min';
import { useEffect, useRef, useState } from 'react';

type PlotlyLib = typeof PlotlyDefault;
let plotlyLoad: Promise<PlotlyLib> | null = null;
/** Plotly is most of the bundle: load it the first time a plot is shown, not at start-up. */
function loadPlotly(): Promise<PlotlyLib> {
  plotlyLoad ??= import('plotly.js-dist-min').then((m) => m.default);
  return plotlyLoad;
}

interface Props {
  data: Trace[];
  layout: Layout;
  onPickRow?: (row: number) => void;
  testId?: string;
  height?: number;
}

export const baseLayout: Layout = {
  margin: { l: 60, r: 20, t: 36, b: 52 },
  font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12, color: '#23302b' },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#ffffff',
  hovermode: 'closest',
  showlegend: false,
  // upright at the right edge, so it never sits over a title
  modebar: { orientation: 'v' },
};

/** Zoom, pan and reset are what help in a diagnostic plot; figures for papers come from Export figure. */
const MODE_BAR_BUTTONS = [['zoom2d', 'pan2d', 'resetScale2d']];

export { axis } from './figure';

export function Plot({ data, layout, onPickRow, testId, height = 420 }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const pick = useRef(onPickRow);
  pick.current = onPickRow;
  const [Plotly, setPlotly] = useState<PlotlyLib | null>(null);

  useEffect(() => {
    let live = true;
    void loadPlotly().then((p) => live && setPlotly(() => p));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const div = el.current;
    if (!div || !Plotly) return;
    let live = true;
    void Plotly.react(div, data, { ...baseLayout, ...layout, height }, { responsive: true, displaylogo: false, modeBarButtons: MODE_BAR_BUTTONS }).then(
      (gd: PlotlyHTMLElement) => {
        if (!live) return;
        gd.removeAllListeners?.('plotly_click');
        gd.on('plotly_click', (e) => {
          const row = e.points[0]?.customdata;
          if (typeof row === 'number') pick.current?.(row);
        });
      },
    );
    return () => {
      live = false;
    };
  }, [Plotly, data, layout, height]);

  useEffect(() => {
    const div = el.current;
    if (!div || !Plotly) return;
    const ro = new ResizeObserver(() => {
      if (div.offsetWidth > 0) Plotly.Plots.resize(div);
    });
    ro.observe(div);
    return () => {
      ro.disconnect();
      Plotly.purge(div);
    };
  }, [Plotly]);

  return (
    <>
      {!Plotly && <p className="muted small">Loading the plot…</p>}
      <div className="plot" ref={el} data-testid={testId} style={{ minHeight: height }} />
    </>
  );
}
