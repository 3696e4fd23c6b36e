// The few Plotly calls Quadrat makes (plotly.js-dist-min ships no types; @types/plotly.js is large).
declare module 'plotly.js-dist-min' {
  export type Datum = number | string | null;
  export interface PlotPoint {
    customdata?: unknown;
    pointIndex?: number;
    curveNumber: number;
  }
  export interface PlotEvent {
    points: PlotPoint[];
  }
  export type Trace = Record<string, unknown>;
  export type Layout = Record<string, unknown>;
  export type Config = Record<string, unknown>;
  export interface PlotlyHTMLElement extends HTMLDivElement {
    on(event: 'plotly_click' | 'plotly_hover', handler: (e: PlotEvent) => void): void;
    removeAllListeners?(event: string): void;
  }
  const Plotly: {
    react(el: HTMLElement, data: Trace[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
    purge(el: HTMLElement): void;
    Plots: { resize(el: HTMLElement): void };
  };
  export default Plotly;
}
