// The plain split (plainRows.ts) gives exactly papaparse's grid, or steps aside: papaparse is the oracle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { papaparseSample, splitSample } from '../../../src-engine/data/detectDialect';
import { type Separator } from '../../../src-engine/data/importOptions';
import { normalizeLineEnds, papaparseGrid, parseDelimited } from '../../../src-engine/data/parseDelimited';
import { plainRows } from '../../../src-engine/data/plainRows';

const SEPS: Separator[] = [',', ';', '\t', '|'];

/** The grid, or the error's message. */
function outcome(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function sameAsPapaparse(text: string, headers = [true, false]): void {
  for (const sep of SEPS) {
    for (const header of headers) {
      const options = { sep, header, fileName: 'f.csv' };
      expect(outcome(() => parseDelimited(text, options)), `sep ${JSON.stringify(sep)}, header ${header}`).toEqual(outcome(() => papaparseGrid(text, options)));
    }
    const sample = text.slice(0, 64 * 1024);
    expect(splitSample(sample, sep), `sample, sep ${JSON.stringify(sep)}`).toEqual(papaparseSample(sample, sep));
  }
}

const EDGE_CASES: Record<string, string> = {
  plain: 'a,b,c\n1,2,3\n4,5,6\n',
  'quoted fields': '"locus","n"\n"L1",3\n"L2",4',
  'empty quoted field and empty fields': '"a","b",c\n"",,x\n,"",\n',
  'blank and whitespace lines': '\n\na,b\n\n1,2\n   \n3,4\n\n\n',
  'doubled quotes': 'a,b\n"say ""hi""",2\n',
  'quoted separator': 'a,b\n"x,y",2\n',
  'quoted line break': 'a,b\n"x\ny",2\n3,4\n',
  'stray quote inside a field': 'a,b\nx"y,2\n',
  'space before a quote': 'a,b\n "x",2\n',
  'space after a closing quote': 'a,b\n"x" ,2\n',
  'a lone quote': 'a,b\n",2\n',
  'unterminated quote': 'a,b\n"x,2\n3,4\n',
  'ragged rows': 'a,b,c\n1,2\n3,4,5,6\n',
  'header only': 'a,b,c\n',
  empty: '',
  'only blank lines': '\n\n  \n',
  'semicolons with comma decimals': 'x;y\n1,5;"a"\n2,25;"b"\n',
  'tabs and pipes': 'a\tb|c\n1\t2|3\n',
  'no trailing line end': 'a,b\n1,2',
};

describe('the plain split gives papaparse’s grid', () => {
  for (const [name, text] of Object.entries(EDGE_CASES)) it(name, () => sameAsPapaparse(text));

  it('every CSV file in test/data and test/data/malformed (InstEval’s first 20,000 lines)', () => {
    for (const dir of ['test/data', 'test/data/malformed']) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
        const text = normalizeLineEnds(readFileSync(join(dir, f), 'latin1').replace(/^\ufeff/, ''));
        sameAsPapaparse(f === 'InstEval.csv' ? text.split('\n').slice(0, 20000).join('\n') : text, [true]);
      }
    }
  });

  it('steps aside exactly when a field has quoting rules', () => {
    expect(plainRows('"a","b"\n"1",2\n', ',')).toEqual({ rows: [['a', 'b'], ['1', '2']], lines: [1, 2] });
    expect(plainRows('a\n\nb\n', ',')).toEqual({ rows: [['a'], ['b']], lines: [1, 3] });
    for (const text of ['"a""b"', '"a,b"', 'a"b', '"a', ' "a"', '"a" ', '"']) expect(plainRows(text, ','), text).toBeNull();
    expect(plainRows('a\nb\nc\n', ',', 2)?.rows).toEqual([['a'], ['b']]);
  });
});
