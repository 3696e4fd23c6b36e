/**
 * Methylation loci like test/data/oyster_methylation.csv, as many as asked, for the batch benchmark:
 * 48 oysters (2 treatments × 2 populations × 3 tanks × 4 oysters), logit-normal locus baselines,
 * 30 % of loci with a treatment effect, tank effects with SD 0.1–0.6, coverage ~ NB(mean 20) + 3, and
 * about 10 % of loci with one treatment × population cell at 0 % or 100 % (separation). Seeded.
 *
 *   npx tsx bench/makeLoci.ts 1000 > loci1000.csv
 */
import { normals, rngFor } from '../src-engine/inference/bootstrap';

export function makeLoci(count: number, seed = 20261203): string {
  const u = rngFor(seed, 0);
  const z = normals(u);
  // NB(mean 20, size 4) as a gamma–Poisson mixture
  const gamma = (shape: number) => {
    // Marsaglia–Tsang (shape ≥ 1)
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = z();
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const poisson = (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const x = u();
    while (x > s && k < 10_000) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  };
  const lines = ['"locus","sample","tank","treatment","population","methylated","unmethylated"'];
  const cells = [['control', 'Hatchery'], ['control', 'Wild'], ['exposed', 'Hatchery'], ['exposed', 'Wild']];
  for (let l = 1; l <= count; l++) {
    const locus = `L${String(l).padStart(String(count).length < 4 ? 4 : String(count).length, '0')}`;
    const base = 1.2 * z() + 0.5;
    const effect = u() < 0.3 ? 0.8 * z() : 0;
    const tankSd = 0.1 + 0.5 * u();
    const separated = u() < 0.1 ? { cell: Math.floor(u() * 4), value: u() < 0.5 ? 0 : 1 } : null;
    let sample = 0;
    cells.forEach(([treatment, population], c) => {
      for (let t = 0; t < 3; t++) {
        const tank = `T${c * 3 + t + 1}`;
        const tankEffect = tankSd * z();
        for (let o = 0; o < 4; o++) {
          sample++;
          const n = poisson((20 * gamma(4)) / 4) + 3;
          const eta = base + (treatment === 'exposed' ? effect : 0) + tankEffect;
          const p = separated?.cell === c ? separated.value : 1 / (1 + Math.exp(-eta));
          let m = 0;
          for (let k = 0; k < n; k++) if (u() < p) m++;
          lines.push(`"${locus}","S${String(sample).padStart(2, '0')}","${tank}","${treatment}","${population}",${m},${n - m}`);
        }
      }
    });
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('makeLoci.ts')) process.stdout.write(makeLoci(Number(process.argv[2] ?? 1000)));
