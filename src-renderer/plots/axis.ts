/** A Plotly axis with the app's grid colours (plain TS, so figure builders stay testable in Node). */
export const axis = (title: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  gridcolor: '#eef1ef',
  zerolinecolor: '#c9d1cd',
  automargin: true,
  ...extra,
});
