/**
 * The traces of the Bayesian plots, from the stored draws (bayes.draws), as bayesplot draws them:
 * mcmc_trace (each chain's draws by iteration), mcmc_rank_overlay (each chain's histogram of the
 * ranks of the pooled draws: flat and overlapping when the chains agree), mcmc_areas-style density
 * (R's density() with bw.nrd0, the 95% interval shaded) and mcmc_pairs for two quantities
 * (divergent draws in red).
 */
/** A Plotly trace (as plots/plotly.d.ts declares it; written here so the tests compile without that declaration). */
export type Trace = Record<string, unknown>;

export const CHAIN_COLOURS = ['#1b6f5c', '#c2571a', '#3b5ba9', '#8a3b8f', '#6b7b2a', '#b03a48', '#2a7fa3', '#7a5c2e'];
const colour = (k: number) => CHAIN_COLOURS[k % CHAIN_COLOURS.length];

export interface ChainDraws {
  chain: number;
  /** values[j][i]: quantity j at draw i. */
  values: (number | null)[][];
  divergent: number[];
}

/** WebGL only for many points (as the diagnostic plots): SVG traces can be exported as figures. */
const scatterType = (n: number) => (n > 5000 ? 'scattergl' : 'scatter');

const finite = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));

export function traceTraces(chains: readonly ChainDraws[], j: number, warmup: number): Trace[] {
  return chains.map((c) => ({
    type: scatterType(c.values[j].length),
    mode: 'lines',
    name: `chain ${c.chain + 1}`,
    x: c.values[j].map((_, i) => warmup + i + 1),
    y: c.values[j],
    line: { color: colour(c.chain), width: 1 },
    opacity: 0.8,
  }));
}

/** Ranks 1..N of the pooled draws (ties by order), split back per chain, binned into `bins`. */
export function rankTraces(chains: readonly ChainDraws[], j: number, bins = 20): Trace[] {
  const pooled: { v: number; c: number }[] = [];
  chains.forEach((c, k) => c.values[j].forEach((v) => pooled.push({ v: v ?? NaN, c: k })));
  const order = pooled.map((_, i) => i).sort((a, b) => pooled[a].v - pooled[b].v || a - b);
  const counts = chains.map(() => new Array<number>(bins).fill(0));
  order.forEach((i, r) => {
    counts[pooled[i].c][Math.min(bins - 1, Math.floor((r * bins) / pooled.length))]++;
  });
  const width = pooled.length / bins;
  return counts.map((h, k) => ({
    type: 'scatter',
    mode: 'lines',
    name: `chain ${chains[k].chain + 1}`,
    line: { shape: 'hv', color: colour(chains[k].chain), width: 1.5 },
    x: [...h.map((_, b) => b * width), pooled.length],
    y: [...h, h[h.length - 1]],
  }));
}

/** R's bw.nrd0: 0.9 · min(sd, IQR/1.34) · n^(−1/5). */
export function bwNrd0(x: readonly number[]): number {
  const n = x.length;
  const s = [...x].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * ((s[Math.min(n - 1, lo + 1)] ?? s[lo]) - s[lo]);
  };
  const lo = Math.min(sd, (q(0.75) - q(0.25)) / 1.34) || sd || Math.abs(s[0]) || 1;
  return 0.9 * lo * n ** -0.2;
}

/** A Gaussian kernel density on a grid of `m` points over the range ± 3 bandwidths. */
export function density(x: readonly number[], m = 256): { x: number[]; y: number[] } {
  const bw = bwNrd0(x);
  const lo = Math.min(...x) - 3 * bw;
  const hi = Math.max(...x) + 3 * bw;
  const gx = Array.from({ length: m }, (_, i) => lo + ((hi - lo) * i) / (m - 1));
  const c = 1 / (x.length * bw * Math.sqrt(2 * Math.PI));
  const gy = gx.map((g) => {
    let s = 0;
    for (const v of x) s += Math.exp(-0.5 * ((g - v) / bw) ** 2);
    return s * c;
  });
  return { x: gx, y: gy };
}

export function densityTraces(chains: readonly ChainDraws[], j: number, interval: { lower: number; upper: number; estimate: number }): Trace[] {
  const d = density(finite(chains.flatMap((c) => c.values[j])));
  const inside = d.x.map((v, i) => (v >= interval.lower && v <= interval.upper ? d.y[i] : null));
  return [
    { type: 'scatter', mode: 'lines', name: '95% interval', x: d.x, y: inside, fill: 'tozeroy', line: { width: 0 }, fillcolor: 'rgba(27,111,92,0.25)', hoverinfo: 'skip' },
    { type: 'scatter', mode: 'lines', name: 'posterior', x: d.x, y: d.y, line: { color: '#1b6f5c', width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'Estimate (mean)', x: [interval.estimate, interval.estimate], y: [0, Math.max(...d.y)], line: { color: '#23302b', dash: 'dash', width: 1 } },
  ];
}

export function pairsTraces(chains: readonly ChainDraws[]): Trace[] {
  const ok: { x: (number | null)[]; y: (number | null)[] } = { x: [], y: [] };
  const bad: { x: (number | null)[]; y: (number | null)[] } = { x: [], y: [] };
  for (const c of chains)
    c.values[0].forEach((v, i) => {
      const to = c.divergent[i] ? bad : ok;
      to.x.push(v);
      to.y.push(c.values[1][i]);
    });
  return [
    { type: scatterType(ok.x.length), mode: 'markers', name: 'draws', x: ok.x, y: ok.y, marker: { size: 3, color: 'rgba(27,111,92,0.35)' } },
    { type: scatterType(bad.x.length), mode: 'markers', name: 'divergent', x: bad.x, y: bad.y, marker: { size: 5, color: '#c0392b' } },
  ];
}
