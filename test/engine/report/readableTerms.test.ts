/**
 * Readable term names beside R's (issue 17): each part of a coefficient read as a factor and one of
 * its levels, longest factor name first; covariates and transformations left alone; and the option
 * adding them to a report's tables and sentences (off by default: R's names only).
 */
import { describe, expect, it } from 'vitest';
import { reportContext } from '../../../src-engine/report/context';
import { buildReportDocument } from '../../../src-engine/report/document';
import { formatSettings } from '../../../src-engine/report/format';
import { readableTerm, withReadableTerms } from '../../../src-engine/report/readableTerms';
import { documentToMarkdown } from '../../../src-engine/report/render/document';
import { fixedEffectsTable } from '../../../src-engine/report/tables/fixedEffects';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from '../lmm/loadCase';
import { fixtureReport } from './fixtureReport';

const FACTORS = [
  { name: 'FoodTreatment', levels: ['Deprived', 'Satiated'] },
  { name: 'Sex', levels: ['female', 'male'] },
  { name: 'treatment', levels: ['control', 'exposed'] },
  { name: 'tr', levels: ['eatmentx'] },
];

describe('readableTerm', () => {
  it('reads factor levels in main effects and interactions', () => {
    expect(readableTerm('FoodTreatmentSatiated:Sexmale', FACTORS)).toBe('FoodTreatment: Satiated × Sex: male');
    expect(readableTerm('Sexmale', FACTORS)).toBe('Sex: male');
    expect(readableTerm('(Intercept)', FACTORS)).toBe('Intercept');
  });
  it('takes the longest factor name that fits, and leaves covariates, transformations and factor names as R wrote them', () => {
    expect(readableTerm('treatmentexposed', [...FACTORS].sort((a, b) => b.name.length - a.name.length))).toBe('treatment: exposed');
    expect(readableTerm('Days', FACTORS)).toBe('Days');
    expect(readableTerm('I(Days^2):Sexmale', FACTORS)).toBe('I(Days^2) × Sex: male');
    expect(readableTerm('log(x:y)', FACTORS)).toBe('log(x:y)');
    expect(readableTerm('FoodTreatment:Sex', FACTORS)).toBe('FoodTreatment × Sex');
  });
});

describe('a report with readable term names', () => {
  const ctx = reportContext(fixtureReport('oats'), { table: loadCaseTable(loadLmmFixture('oats')) });
  it('adds a column beside R’s names, only when a name reads differently', () => {
    const t = withReadableTerms(fixedEffectsTable(ctx), [{ name: 'Variety', levels: ['Golden Rain', 'Marvellous', 'Victory'] }]);
    expect(t.columns.map((c) => c.key).slice(0, 3)).toEqual(['term', 'readable', 'estimate']);
    expect(t.rows.map((r) => r[1])).toEqual(['Intercept', 'nitro', 'Variety: Marvellous', 'Variety: Victory']);
    const plain = withReadableTerms(fixedEffectsTable(ctx), []);
    expect(plain.columns.map((c) => c.key)).toContain('readable'); // (Intercept) → Intercept
  });
  it('is off by default; on, the tables and sentences carry both names', () => {
    const software = { name: 'Quadrat', version: '0.1.0' };
    const off = documentToMarkdown(buildReportDocument(ctx, { software, format: formatSettings() }), formatSettings());
    expect(off).not.toContain('Variety: Marvellous');
    const on = documentToMarkdown(buildReportDocument(ctx, { software, format: formatSettings({ readableTerms: true }) }), formatSettings({ readableTerms: true }));
    expect(on).toContain('| Variety: Marvellous |');
    expect(on).toContain('Variety: Marvellous (VarietyMarvellous):');
    expect(on).toContain('In words');
  });
});
