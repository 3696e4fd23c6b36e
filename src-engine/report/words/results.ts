/**
 * APA results sentences: one per fixed effect ("Days: b = 10.47, SE = 1.55, t(17.0) = 6.77, p < .001";
 * a GLMM's Wald test "period2: b = −0.99, SE = 0.30, z = −3.27, p = .001")
 * and one per ANOVA term ("F(1, 17.0) = 45.85, p < .001"). With the decimal comma the items are
 * separated by semicolons, as German-language APA adaptations do.
 */
import { type ReportContext } from '../context';
import { fixed, formatDf, type FormatSettings, pRelation } from '../format';
import { factorLevelsOf, readableTerm } from '../readableTerms';
import { type Rich } from '../tableModel';

function sep(s: FormatSettings): string {
  return s.decimalComma ? '; ' : ', ';
}

/** A term as the sentences name it: R's name, or with readableTerms the readable one and R's in parentheses. */
function termName(ctx: ReportContext, s: FormatSettings, term: string): string {
  if (!s.readableTerms) return term;
  const readable = readableTerm(term, factorLevelsOf(ctx.table));
  return readable === term ? term : `${readable} (${term})`;
}

export function fixedEffectSentences(ctx: ReportContext, s: FormatSettings): Rich[] {
  return ctx.report.fixed.map((f) => {
    const stat = ctx.report.tmb ? 'z' : ctx.report.glmm ? (ctx.report.glmm.statisticName === 't value' ? 't' : 'z') : 't';
    const out: Rich = [`${termName(ctx, s, f.term)}: `, { i: 'b' }, ` = ${fixed(f.estimate, s.digits, s)}${sep(s)}`, { i: 'SE' }, ` = ${fixed(f.stdError, s.digits, s)}${sep(s)}`, { i: stat }];
    out.push(`${f.df !== null ? `(${formatDf(f.df, s)})` : ''} = ${fixed(f.statistic, s.digits, s)}`);
    if (f.pValue !== null) {
      const p = pRelation(f.pValue, s);
      out.push(sep(s), { i: 'p' }, ` ${p.rel} ${p.value}`);
    }
    out.push('.');
    return out;
  });
}

export function anovaSentences(ctx: ReportContext, s: FormatSettings): Rich[] {
  return ctx.report.anova.map((a) => {
    const p = pRelation(a.pValue, s);
    return [`${termName(ctx, s, a.term)}: `, { i: 'F' }, `(${formatDf(a.numDf, s)}${sep(s)}${formatDf(a.denDf, s)}) = ${fixed(a.fValue, s.digits, s)}${sep(s)}`, { i: 'p' }, ` ${p.rel} ${p.value}.`];
  });
}
