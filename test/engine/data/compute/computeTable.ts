/** test/data/compute_small.csv as the engine imports it (the data of test/reference/compute.R). */
import { readFileSync } from 'node:fs';
import { tableFromCsvText } from '../../../../src-engine/data/importDelimited';
import { type Table } from '../../../../src-engine/data/table';

export const computeTable = (): Table => tableFromCsvText(readFileSync('test/data/compute_small.csv', 'utf8'), { fileName: 'compute_small.csv' });
