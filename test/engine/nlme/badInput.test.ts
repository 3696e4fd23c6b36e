/** Bad nlme specifications get a QuadratError that says what is wrong and what to do. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';
import { type NlmeSpec } from '../../../src-engine/nlme/spec/nlmeSpec';

const load = (file: string, factors: string[]) =>
  importDelimited(new Uint8Array(readFileSync(`test/data/${file}`)), { fileName: file, columnTypes: Object.fromEntries(factors.map((f) => [f, 'factor' as const])) }).table;
const orthodont = load('Orthodont.csv', ['Subject', 'Sex']);
const ovary = load('Ovary.csv', ['Mare']);

function refuses(table: typeof orthodont, spec: NlmeSpec, message: RegExp): void {
  let caught: unknown;
  try {
    fitNlme(table, spec);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(QuadratError);
  expect((caught as QuadratError).message).toMatch(message);
}

describe('nlme: bad input', () => {
  it('an unknown variance function or correlation structure lists the known ones', () => {
    refuses(orthodont, { fixed: 'distance ~ age', weights: 'varFoo(form = ~ 1 | Sex)' }, /Unknown variance function "varFoo".*varIdent, varPower/);
    refuses(orthodont, { fixed: 'distance ~ age', correlation: 'corBar(form = ~ 1 | Subject)' }, /Unknown correlation structure "corBar".*corAR1/);
  });

  it('malformed calls and arguments', () => {
    refuses(orthodont, { fixed: 'distance ~ age', weights: 'varIdent(form = ~ 1 | Sex' }, /Could not read/);
    refuses(orthodont, { fixed: 'distance ~ age', weights: 'varIdent(frm = ~ 1 | Sex)' }, /varIdent\(\) has no argument "frm"/);
    refuses(orthodont, { fixed: 'distance ~ age', weights: 'varIdent(form = ~ 1)' }, /needs strata/);
    refuses(orthodont, { fixed: 'distance ~ age', correlation: 'corARMA(form = ~ 1 | Subject, p = 0, q = 0)' }, /p and q must be whole numbers/);
    refuses(orthodont, { fixed: 'distance ~ age', method: 'XYZ' as 'ML' }, /method must be "REML" or "ML"/);
  });

  it('a misspelt column is named with a suggestion', () => {
    refuses(orthodont, { fixed: 'distance ~ age', weights: 'varIdent(form = ~ 1 | Sexx)' }, /no column "Sexx".*Did you mean "Sex"/);
  });

  it('corAR1 needs whole-number times, unique within groups', () => {
    refuses(ovary, { fixed: 'follicles ~ Time', correlation: 'corAR1(form = ~ Time | Mare)' }, /whole numbers .*use corCAR1/);
    refuses(orthodont, { fixed: 'distance ~ age', correlation: 'corCAR1(form = ~ age | Sex)' }, /unique values within groups/);
  });

  it('lme: the correlation groups must be nested in the random-effects groups', () => {
    refuses(orthodont, { fixed: 'distance ~ age', random: '~ 1 | Subject', correlation: 'corCompSymm(form = ~ 1 | Sex)' }, /must be nested within the random-effects groups/);
  });
});

describe('nlme: cancellation', () => {
  it('an aborted signal stops the fit with a cancelled QuadratError', () => {
    let caught: unknown;
    try {
      fitNlme(ovary, { fixed: 'follicles ~ Time', correlation: 'corAR1(form = ~ 1 | Mare)' }, { signal: { aborted: true } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuadratError);
    expect((caught as QuadratError).kind).toBe('cancelled');
  });
});
