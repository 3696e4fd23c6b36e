/**
 * Estimated marginal means and their pairwise contrasts (emmeans(m, pairwise ~ f)) as two APA tables.
 * Takes plain rows (src-engine/inference/emmeans.ts's Emmeans has this shape), so the report layer
 * does not depend on how they were computed.
 */
import { levelPercent } from '../format';
import { type ReportTable, type Rich } from '../tableModel';

export interface EmmeansInput {
  factor: string;
  /** The factor the means are within (pairwise ~ factor | by); then every row has its level in `by`. */
  by?: string | null;
  /** null where a value is not finite (printed empty). */
  emmeans: { level: string; by?: string; emmean: number; SE: number; df: number | null; lowerCL: number | null; upperCL: number | null }[];
  contrasts: { contrast: string; by?: string; estimate: number; SE: number; df: number | null; tRatio: number | null; pValue: number | null }[];
  adjust: 'tukey' | 'holm' | 'none';
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** emmeans' notes (e.g. "Results may be misleading due to involvement in interactions"). */
  notes?: string[];
  /** "Satterthwaite's method" / "the Kenward–Roger method". */
  dfMethod?: string;
}

const ADJUST: Record<EmmeansInput['adjust'], string> = {
  tukey: "Tukey's method for comparing a family of estimates",
  holm: "Holm's method",
  none: 'no adjustment for multiple comparisons',
};

function dfNote(e: EmmeansInput): string {
  return e.dfMethod ? ` Degrees of freedom by ${e.dfMethod}.` : '';
}

/** With a by factor, its level leads every row. */
const byColumn = (e: EmmeansInput): ReportTable['columns'] => (e.by ? [{ key: 'by', label: [e.by], kind: 'text' }] : []);
const byCell = (e: EmmeansInput, r: { by?: string }): string[] => (e.by ? [r.by ?? ''] : []);
const within = (e: EmmeansInput): string => (e.by ? ` within each level of ${e.by}` : '');

export function emmeansTable(e: EmmeansInput, response: string): ReportTable {
  const pct = levelPercent(e.level ?? 0.95);
  const notes: Rich[] = [
    [`Means of ${response} for each level of ${e.factor}${within(e)}, averaged over the levels of the other factors, with numeric covariates at their means.${dfNote(e)}`],
    ...(e.notes ?? []).map((n): Rich => [`${n}.`]),
  ];
  return {
    id: 'emmeans',
    title: `Estimated Marginal Means of ${response} by ${e.factor}${e.by ? ` and ${e.by}` : ''}`,
    columns: [
      ...byColumn(e),
      { key: 'level', label: [e.factor], kind: 'text' },
      { key: 'emmean', label: [{ i: 'M' }], kind: 'number' },
      { key: 'SE', label: [{ i: 'SE' }], kind: 'number' },
      { key: 'df', label: [{ i: 'df' }], kind: 'df' },
      { key: 'lowerCL', label: [`${pct}% CI lower`], kind: 'number' },
      { key: 'upperCL', label: [`${pct}% CI upper`], kind: 'number' },
    ],
    rows: e.emmeans.map((r) => [...byCell(e, r), r.level, r.emmean, r.SE, r.df, r.lowerCL, r.upperCL]),
    notes,
  };
}

export function contrastsTable(e: EmmeansInput, response: string): ReportTable {
  return {
    id: 'contrasts',
    title: `Pairwise Comparisons of ${e.factor} Means for ${response}${within(e)}`,
    columns: [
      ...byColumn(e),
      { key: 'contrast', label: ['Contrast'], kind: 'text' },
      { key: 'estimate', label: ['Difference'], kind: 'number' },
      { key: 'SE', label: [{ i: 'SE' }], kind: 'number' },
      { key: 'df', label: [{ i: 'df' }], kind: 'df' },
      { key: 'tRatio', label: [{ i: 't' }], kind: 'number' },
      { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
    ],
    rows: e.contrasts.map((r) => [...byCell(e, r), r.contrast, r.estimate, r.SE, r.df, r.tRatio, r.pValue]),
    notes: [[{ i: 'p' }, ` values adjusted by ${ADJUST[e.adjust]}${e.by ? `, within each level of ${e.by}` : ''}.${dfNote(e)}`]],
  };
}
