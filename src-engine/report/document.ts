/**
 * A whole report as plain blocks — methods, results sentences, numbered tables, references and
 * optionally the R code — rendered by document renderers (Markdown, HTML, LaTeX here; .docx on the
 * Node side). `quadrat fit --report` and the UI's export both build it here.
 */
import { type ReportContext } from './context';
import { type FormatSettings } from './format';
import { type SoftwareInfo } from './software';
import { factorLevelsOf, withReadableTerms } from './readableTerms';
import { type ReportTable, type Rich } from './tableModel';
import { anovaTable } from './tables/anova';
import { countPartTable } from './tables/countModel';
import { fixedEffectsTable } from './tables/fixedEffects';
import { modelComparisonTable, type ComparisonInput } from './tables/modelComparison';
import { randomEffectsTable } from './tables/randomEffects';
import { isCountResponse } from './words/countMethods';
import { methodsText } from './words/methods';
import { anovaSentences, fixedEffectSentences } from './words/results';

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: Rich }
  | { kind: 'list'; items: Rich[] }
  | { kind: 'table'; table: ReportTable; number: number }
  | { kind: 'references'; items: Rich[] }
  | { kind: 'code'; language: 'r'; text: string };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

export interface DocumentOptions {
  software: SoftwareInfo;
  format: FormatSettings;
  /** Add a likelihood-ratio comparison table. */
  comparison?: ComparisonInput;
  /** Append the equivalent R code (see rCode.ts). */
  rCode?: string;
}

export function reportTables(ctx: ReportContext, comparison?: ComparisonInput): ReportTable[] {
  const tables = [fixedEffectsTable(ctx), randomEffectsTable(ctx)];
  // a count model's zero-inflation (or hurdle) and dispersion tables, as summary(glmmTMB) prints them
  for (const part of ['zi', 'disp'] as const) {
    const t = countPartTable(ctx, part);
    if (t) tables.push(t);
  }
  const anova = anovaTable(ctx);
  if (anova) tables.push(anova);
  if (comparison) tables.push(modelComparisonTable(comparison));
  return tables;
}

export function buildReportDocument(ctx: ReportContext, o: DocumentOptions): ReportDocument {
  const methods = methodsText(ctx, o.software);
  const factors = factorLevelsOf(ctx.table);
  const tables = reportTables(ctx, o.comparison).map((t) => (o.format.readableTerms ? withReadableTerms(t, factors) : t));
  const blocks: Block[] = [{ kind: 'heading', text: 'Method' }, ...methods.paragraphs.map((text): Block => ({ kind: 'paragraph', text }))];
  blocks.push({ kind: 'heading', text: 'Results' });
  blocks.push({ kind: 'paragraph', text: ['Fixed effects (Table 1):'] });
  blocks.push({ kind: 'list', items: fixedEffectSentences(ctx, o.format) });
  if (ctx.report.anova.length) {
    const k = tables.findIndex((t) => t.id === 'anova') + 1;
    blocks.push({ kind: 'paragraph', text: [`Analysis of variance (Table ${k}):`] });
    blocks.push({ kind: 'list', items: anovaSentences(ctx, o.format) });
  }
  tables.forEach((table, k) => blocks.push({ kind: 'table', table, number: k + 1 }));
  blocks.push({ kind: 'heading', text: 'References' }, { kind: 'references', items: methods.references });
  if (o.rCode) blocks.push({ kind: 'heading', text: 'R Code' }, { kind: 'code', language: 'r', text: o.rCode });
  const model = ctx.report.nlme?.fn === 'gls' ? 'Generalized Least Squares Model' : ctx.report.tmb ? `${isCountResponse(ctx.report.tmb.family) ? 'Count Model' : 'Mixed Model'} (glmmTMB, ${ctx.report.tmb.family})` : 'Linear Mixed Model';
  return { title: `${model} for ${ctx.formula.response.label}`, blocks };
}
