/**
 * Warm GLMM units of the oyster batch with the design pattern and PIRLS's set-up reused
 * (design/designPattern.ts, glmm/plsSetups.ts), the pattern only, and both built afresh for every
 * unit, passes rotating in one process (CPU ms per pass of 200 units; the
 * first 6 passes warm the JIT and are not counted). A benchmark, never a test.
 *
 *   npx tsx bench/batchPatterns.ts [passes]
 */
import { readFileSync } from 'node:fs';
import { unitPatterns, unitPlsSetups } from '../src-engine/batch/unitGlmm';
import { PlsSetups } from '../src-engine/glmm/plsSetups';
import { fitUnit } from '../src-engine/batch/unitResult';
import { unitsByColumn } from '../src-engine/batch/units';
import { importDelimited } from '../src-engine/data/importDelimited';

const { table } = importDelimited(new Uint8Array(readFileSync('test/data/oyster_methylation.csv')), {
  columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
});
const units = unitsByColumn(table, 'locus');
const request = { formula: 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)', reml: false, family: 'binomial' };
const passes = Number(process.argv[2] ?? 24);
const match = unitPatterns.match.bind(unitPatterns);
const setupsFor = unitPlsSetups.for.bind(unitPlsSetups);
const modes = ['reused', 'pattern only', 'fresh'] as const;
const cpu: Record<(typeof modes)[number], number[]> = { reused: [], 'pattern only': [], fresh: [] };
for (let pass = 0; pass < passes; pass++) {
  const mode = modes[pass % 3];
  unitPatterns.match = mode === 'fresh' ? () => undefined : match;
  unitPlsSetups.for = mode === 'reused' ? setupsFor : (design) => new PlsSetups().for(design);
  const c0 = process.cpuUsage();
  for (const u of units) fitUnit(table, u, request);
  const c = process.cpuUsage(c0);
  if (pass >= 6) cpu[mode].push((c.user + c.system) / 1000);
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
for (const mode of modes) console.log(`${mode}: ${cpu[mode].map((x) => x.toFixed(0)).join(' ')} ms per ${units.length} units (median ${median(cpu[mode]).toFixed(0)})`);
