/**
 * Warm passes of the 200 oyster units in one process, for the engine under ROOT (this tree, or an
 * earlier commit's src-engine unpacked elsewhere with node_modules beside it: `git archive REV
 * src-engine | tar -x -C DIR`): CPU ms per pass of 200 units, the first 4 passes (the JIT warming up)
 * reported apart. Run it for two roots alternately to compare engines under the same load. A benchmark,
 * never a test.
 *
 *   npx tsx bench/batchWarmAB.ts [ROOT] [passes]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const passes = Number(process.argv[3] ?? 10);
const { fitUnit } = await import(`${root}/src-engine/batch/unitResult.ts`);
const { unitsByColumn } = await import(`${root}/src-engine/batch/units.ts`);
const { importDelimited } = await import(`${root}/src-engine/data/importDelimited.ts`);
const { table } = importDelimited(new Uint8Array(readFileSync('test/data/oyster_methylation.csv')), {
  columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
});
const units = unitsByColumn(table, 'locus');
const request = { formula: 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)', reml: true, anovaType: 3, family: 'binomial' };
const cold: number[] = [];
const warm: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  const c0 = process.cpuUsage();
  for (const u of units) fitUnit(table, u, request);
  const c = process.cpuUsage(c0);
  (pass < 4 ? cold : warm).push(Math.round((c.user + c.system) / 1000));
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
console.log(`${root}: first passes ${cold.join(' ')}; warm ${warm.join(' ')} ms CPU per ${units.length} units (median ${median(warm)})`);
