/**
 * `npx tsx bench/satterthwaite.ts field|insteval`: the CPU time of Satterthwaite's ingredients on a
 * large fitted model, lmerTest's procedure (Richardson Hessian and Jacobian, `varparCovariance(fit,
 * false)`) and the exact-derivative one (`varparCovariance(fit)`) alternated in one process, so both see
 * the same load; the fit's own CPU for scale. The first exact call runs cold (V8 has not optimised it
 * yet), as in a fresh `quadrat fit`. The fit is timed twice: as fitted (BFGS on the exact gradient where
 * lmm/gradientFit.ts applies) and with BOBYQA alone (`exactGradient: false`), in that order.
 * A benchmark, never a test: nothing here asserts a timing.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { buildDesign } from '../src-engine/design/buildDesign';
import { varparCovariance } from '../src-engine/inference/varpar';
import { fitDesign, type LmmFit } from '../src-engine/lmm/fitDesign';
import { FIELD_FACTORS, FIELD_FORMULA, fieldDesignCsv } from './fieldDesign';

const which = process.argv[2] === 'insteval' ? 'insteval' : 'field';
const spec =
  which === 'field'
    ? { path: join(mkdtempSync(join(tmpdir(), 'quadrat-satt-')), 'field.csv'), factors: FIELD_FACTORS, formula: FIELD_FORMULA, reml: true }
    : { path: 'test/data/InstEval.csv', factors: ['s', 'd', 'dept', 'service'], formula: 'y ~ service + (1 | s) + (1 | d) + (1 | dept:service)', reml: false };
if (!existsSync(spec.path)) writeFileSync(spec.path, fieldDesignCsv());
const columnTypes = Object.fromEntries(spec.factors.map((f) => [f, 'factor' as const]));
const table = importDelimited(new Uint8Array(readFileSync(spec.path)), { fileName: spec.path, columnTypes }).table;

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const design = buildDesign(table, spec.formula);
let fit: LmmFit | undefined;
const fitCpu = cpuMs(() => {
  fit = fitDesign(design, spec.reml, { conditionalSds: false });
});
const g = fit!.optimizer.gradients;
console.log(`${which}: fit ${fitCpu.toFixed(0)} ms CPU (${fit!.optimizer.name}), ${fit!.optimizer.evaluations} evaluations${g ? ` + ${g} exact gradients` : ''}, criterion ${fit!.objective.toFixed(7)}`);
// the same fit with BOBYQA alone (lmm/gradientFit.ts off), for the ratio in this run
let plain: LmmFit | undefined;
const plainCpu = cpuMs(() => {
  plain = fitDesign(design, spec.reml, { conditionalSds: false, exactGradient: false });
});
console.log(`  BOBYQA alone: ${plainCpu.toFixed(0)} ms CPU, ${plain!.optimizer.evaluations} evaluations, criterion ${plain!.objective.toFixed(7)} (difference ${(fit!.objective - plain!.objective).toExponential(2)})`);
for (let r = 0; r < 2; r++) {
  const exact = cpuMs(() => varparCovariance(fit!));
  const richardson = cpuMs(() => varparCovariance(fit!, false));
  console.log(`  df ingredients: exact ${exact.toFixed(0)} ms, lmerTest's procedure ${richardson.toFixed(0)} ms (CPU)`);
}
