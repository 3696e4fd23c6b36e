/**
 * A Plotly figure as every plot builder returns it, and the app's axis style — plain records, so the
 * builders need no Plotly or JSX types and test in Node.
 */
export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  height?: number;
}

export const axis = (title: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  gridcolor: '#eef1ef',
  zerolinecolor: '#c9d1cd',
  automargin: true,
  ...extra,
});
