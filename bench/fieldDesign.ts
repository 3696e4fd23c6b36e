/**
 * The typical ecological design at field scale (issue 18), simulated with a fixed seed: plots nested
 * in sites, a temperature slope varying by site, a crossed year —
 *   y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year)
 * 500 sites × 8 plots × 6 years × 4 repeated measurements per plot and year = 96,000 rows.
 * Written as CSV text so Quadrat (importDelimited) and lme4 (read.csv) read the same bytes.
 */

export interface FieldDesignSize {
  sites: number;
  plots: number;
  years: number;
  /** Measurements per plot and year. */
  reps: number;
}

export const FIELD_DESIGN: FieldDesignSize = { sites: 500, plots: 8, years: 6, reps: 4 };
export const FIELD_FORMULA = 'y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year)';
export const FIELD_FACTORS = ['site', 'plot', 'year'];

/** mulberry32: a small, fixed, platform-independent generator (the data must not depend on Node's Math.random). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform generator. */
function normals(u: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

const pad = (i: number, width: number) => String(i).padStart(width, '0');

/**
 * The CSV (header site,plot,year,temperature,y). Temperature is centred near 0 (a site's mean climate,
 * a year's anomaly shared by all sites, plot and measurement noise), so the slope and intercept are not
 * strongly confounded. True values: β = (10, 0.5); site SDs 2 (intercept) and 0.3 (slope), correlation
 * 0.3; plot SD 1; year SD 0.8; residual SD 1.5.
 */
export function fieldDesignCsv(size: FieldDesignSize = FIELD_DESIGN, seed = 18): string {
  const z = normals(mulberry32(seed));
  const { sites, plots, years, reps } = size;
  const yearEffect = Array.from({ length: years }, () => 0.8 * z());
  const yearAnomaly = Array.from({ length: years }, () => 0.7 * z());
  const lines: string[] = ['site,plot,year,temperature,y'];
  const sw = String(sites).length;
  const pw = String(plots).length;
  for (let s = 0; s < sites; s++) {
    const climate = 1.5 * z();
    const a = 2 * z();
    const slope = 0.3 * (0.3 * (a / 2) + Math.sqrt(1 - 0.09) * z());
    for (let p = 0; p < plots; p++) {
      const plotEffect = z();
      const plotTemp = 0.3 * z();
      for (let t = 0; t < years; t++)
        for (let r = 0; r < reps; r++) {
          const temperature = climate + yearAnomaly[t] + plotTemp + 0.5 * z();
          const y = 10 + a + (0.5 + slope) * temperature + plotEffect + yearEffect[t] + 1.5 * z();
          lines.push(`S${pad(s + 1, sw)},P${pad(p + 1, pw)},Y${2015 + t},${temperature.toFixed(4)},${y.toFixed(4)}`);
        }
    }
  }
  return lines.join('\n') + '\n';
}
