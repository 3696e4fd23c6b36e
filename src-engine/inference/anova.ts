/**
 * lmerTest's anova(m, type = 1 | 2 | 3, ddf = …): one F-test per fixed term, each the contestMD test
 * of the term's hypothesis matrix. Terms whose hypothesis has no estimable rows (all their columns
 * aliased) get an empty row at the end, as lmerTest prints them.
 */
import { QuadratError } from '../errors/quadratError';
import { anovaHypotheses } from './anovaContrasts';
import { type DdfMethod, type LmmInference } from './lmmInference';

export interface AnovaTableRow {
  term: string;
  sumSq: number | null;
  meanSq: number | null;
  numDf: number | null;
  denDf: number | null;
  fValue: number | null;
  pValue: number | null;
}

export interface AnovaTable {
  type: 1 | 2 | 3;
  ddf: DdfMethod;
  /** lmerTest's heading, e.g. "Type III Analysis of Variance Table with Satterthwaite's method". */
  heading: string;
  rows: AnovaTableRow[];
  messages: string[];
}

const ROMAN = { 1: 'I', 2: 'II', 3: 'III' } as const;

export function anovaTable(inf: LmmInference, type: 1 | 2 | 3, ddf: DdfMethod): AnovaTable {
  const design = inf.fit.model.design;
  if (!design.fixedTerms) throw new QuadratError('model', 'An ANOVA table needs the model formula’s term structure.');
  if (ddf === 'kenward-roger') void inf.kr; // refuses ML fits, as lmerTest does even for an empty table
  const { hypotheses, messages } = anovaHypotheses(design, type);
  const rows: AnovaTableRow[] = [];
  const empty: AnovaTableRow[] = [];
  for (const h of hypotheses) {
    const f = h.m ? inf.contestMD(h.L, h.m, ddf) : null;
    if (f) rows.push({ term: h.term, ...f });
    else empty.push({ term: h.term, sumSq: null, meanSq: null, numDf: null, denDf: null, fValue: null, pValue: null });
  }
  const method = ddf === 'satterthwaite' ? "Satterthwaite's" : "Kenward-Roger's";
  return { type, ddf, heading: `Type ${ROMAN[type]} Analysis of Variance Table with ${method} method`, rows: [...rows, ...empty], messages };
}
