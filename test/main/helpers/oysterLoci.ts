/**
 * The CLI batch tests' data: the first OYSTER_LOCI loci of test/data/oyster_methylation.csv (48 rows
 * each, grouped by locus), one binomial GLMM per locus.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const OYSTER_FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
export const OYSTER_LOCI = 24;

/** Writes the loci's rows, with the header, to `path`. */
export function writeOysterLoci(path: string): void {
  const all = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n');
  writeFileSync(path, all.slice(0, 1 + OYSTER_LOCI * 48).join('\n') + '\n');
}

/** `quadrat batch` over the loci in `data`: one unit per locus, its factors declared. */
export const oysterBatchArgs = (data: string) => ['batch', '--data', data, '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', OYSTER_FORMULA, '--family', 'binomial'];
