/**
 * `npx tsx bench/scanOptimizer.ts [--seed N] [--reps N]`: a property scan of the LMM optimizer, not a
 * test. Simulates grouped datasets (random intercepts, slopes on an uncentred covariate, nested and
 * crossed factors, some variances exactly zero), fits a set of formulas by REML and ML with fitDesign,
 * and compares the criterion with the best of two tight BOBYQA runs (from lme4's start, and from
 * Quadrat's answer). Prints every fit more than 1e-6 above that reference. Run it after changing
 * src-engine/lmm/fitDesign.ts, newtonPolish.ts or the optimizers; the datasets it flags are candidates
 * for test/engine/lmm/hardSurfaces.test.ts (with lme4's answer from R).
 */
import { tableFromCsvText } from '../src-engine/data/importDelimited';
import { QuadratError } from '../src-engine/errors/quadratError';
import { buildDesign } from '../src-engine/design/buildDesign';
import { fitDesign } from '../src-engine/lmm/fitDesign';
import { LmmModel } from '../src-engine/lmm/lmmModel';
import { minimizeWithFallback } from '../src-engine/optim/minimize';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
let state = arg('--seed', 5);
const uniform = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());

const FORMULAS = [
  'y ~ x + (1 | g)',
  'y ~ x + (x | g)',
  'y ~ x + (x || g)',
  'y ~ x + (1 | g) + (1 | h)',
  'y ~ x + (1 | g/h)',
  'y ~ x + (x | g) + (1 | k)',
  'y ~ x * f + (1 | g) + (0 + x | g)',
  'y ~ f + (1 | g/h) + (1 | k)',
  'y ~ x + (x + f | g)',
];

function dataset(): string {
  const G = 4 + Math.floor(uniform() * 30);
  const H = 2 + Math.floor(uniform() * 4);
  const per = 1 + Math.floor(uniform() * 5);
  const sg = uniform() < 0.2 ? 0 : uniform() * 2;
  const sh = uniform() < 0.2 ? 0 : uniform();
  const ss = uniform() < 0.3 ? 0 : uniform() * 0.5;
  const sk = uniform();
  const ge = Array.from({ length: G }, normal);
  const gs = Array.from({ length: G }, normal);
  const he = Array.from({ length: G * H }, normal);
  const ke = Array.from({ length: 5 }, normal);
  const lines = ['y,x,f,g,h,k'];
  for (let g = 0; g < G; g++)
    for (let h = 0; h < H; h++)
      for (let r = 0; r < per; r++) {
        if (uniform() < 0.15) continue;
        const x = uniform() * 10;
        const k = Math.floor(uniform() * 5);
        const f = uniform() < 0.5 ? 'a' : 'b';
        const y = 3 + 0.5 * x + sg * ge[g] + ss * gs[g] * x + sh * he[g * H + h] + sk * ke[k] + normal();
        lines.push(`${y.toFixed(5)},${x.toFixed(3)},${f},g${g},h${h},k${k}`);
      }
  return lines.join('\n');
}

let fits = 0;
let flagged = 0;
const reps = arg('--reps', 40);
for (let rep = 0; rep < reps; rep++) {
  const table = tableFromCsvText(dataset(), { columnTypes: { g: 'factor', h: 'factor', k: 'factor' } });
  for (const formula of FORMULAS)
    for (const reml of [true, false]) {
      let design;
      let fit;
      try {
        design = buildDesign(table, formula);
        fit = fitDesign(design, reml, { conditionalSds: false });
      } catch (e) {
        if (e instanceof QuadratError) continue; // a design the model cannot be fitted to (as lme4 refuses it)
        throw e;
      }
      const model = new LmmModel(design, reml);
      const f = (t: Float64Array) => model.objective(t);
      const tight = { lower: model.thetaLayout.lower, rhoend: 2e-7, ftolAbs: 1e-10 };
      const best = Math.min(
        minimizeWithFallback(f, model.thetaLayout.initial, { ...tight, rhobeg: 0.2 }).f,
        minimizeWithFallback(f, fit.theta, { ...tight, rhobeg: 0.05 }).f,
      );
      fits++;
      const above = fit.objective - best;
      if (above > 1e-6) {
        flagged++;
        console.log(`dataset ${rep}: ${formula} ${reml ? 'REML' : 'ML'} ${above.toExponential(2)} above; θ = ${Array.from(fit.theta, (v) => v.toFixed(4)).join(', ')}; converged ${fit.converged}, singular ${fit.singular}`);
      }
    }
}
console.log(`${fits} fits, ${flagged} more than 1e-6 above the reference`);
