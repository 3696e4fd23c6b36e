/**
 * The end of a streamed batch, read back from its results file a line at a time: q-values per term
 * across all units (BH and BY need every p-value of a term: one number per unit and term is kept, not
 * the results), the flag counts, the units significant per term, and the tidy CSV with the q-values
 * written as the file is read a second time.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { BATCH_COLUMNS, batchCsvLines } from '../../src-engine/batch/batchCsv';
import { pAdjustBH, pAdjustBY } from '../../src-engine/batch/fdr';
import { type BatchCounts, countFlags } from '../../src-engine/batch/summarize';
import { type UnitResult } from '../../src-engine/batch/unitResult';
import { forEachLine } from './batchFile';

export interface StreamedSummary {
  counts: BatchCounts;
  /** Per coefficient term, the units with q (BH) < 0.05. */
  significant: Map<string, number>;
}

type Keyed = { pValue: number | null; qBH?: number | null; qBY?: number | null };

/** Every coefficient and term test of a result, under the key q-values are grouped by. */
function keyed(r: UnitResult): [string, Keyed][] {
  return [...r.coefficients.map((c) => [`coef\u0000${c.term}`, c] as [string, Keyed]), ...r.tests.map((t) => [`test\u0000${t.term}`, t] as [string, Keyed])];
}

function eachResult(path: string, visit: (r: UnitResult) => void): void {
  forEachLine(path, (line, lineNo) => {
    if (lineNo > 1 && line.length > 0) visit(JSON.parse(line) as UnitResult);
  });
}

export function streamSummary(path: string, csv?: string): StreamedSummary {
  const p = new Map<string, (number | null)[]>();
  const counts = countFlags([]);
  eachResult(path, (r) => {
    const one = countFlags([r]);
    for (const k of Object.keys(counts) as (keyof BatchCounts)[]) counts[k] += one[k];
    for (const [key, x] of keyed(r)) {
      let list = p.get(key);
      if (!list) p.set(key, (list = []));
      list.push(x.pValue);
    }
  });
  const q = new Map([...p].map(([key, values]) => [key, { bh: pAdjustBH(values), by: pAdjustBY(values) }]));
  const significant = new Map<string, number>();
  for (const [key, { bh }] of q) {
    if (!key.startsWith('coef\u0000')) continue;
    const n = bh.filter((v) => v !== null && v < 0.05).length;
    if (n > 0) significant.set(key.slice(5), n);
  }
  if (csv) {
    const fd = openSync(csv, 'w');
    try {
      writeSync(fd, BATCH_COLUMNS.map(([name]) => name).join(',') + '\n');
      const next = new Map<string, number>();
      eachResult(path, (r) => {
        for (const [key, x] of keyed(r)) {
          const i = next.get(key) ?? 0;
          next.set(key, i + 1);
          x.qBH = q.get(key)!.bh[i];
          x.qBY = q.get(key)!.by[i];
        }
        const rows = batchCsvLines([r]).slice(1);
        if (rows.length) writeSync(fd, rows.join('\n') + '\n');
      });
    } finally {
      closeSync(fd);
    }
  }
  return { counts, significant };
}
