/**
 * The random-effects structure in words: "correlated random intercepts and random slopes of Days by
 * Subject (18 levels)", "random intercepts for batch (10 levels) and for cask nested within batch
 * (30 levels)", and whether separate grouping factors are nested or crossed. Nesting comes from the
 * formula (a/b, or a:b beside a) and, when the data are given, from the levels themselves.
 */
import { type RandomTermSpec } from '../../formula';
import { type ReportContext } from '../context';
import { relation } from './groupRelations';

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One grouping factor as it appears in the model. */
interface GroupWords {
  /** lme4's name, as in report.groups: "Subject", "cask:batch". */
  label: string;
  /** How to say it: "Subject", "cask nested within batch". */
  phrase: string;
  columns: string[];
}

function levelsOf(ctx: ReportContext, label: string): number | undefined {
  const g = ctx.report.groups;
  if (g[label] !== undefined) return g[label];
  // `||` terms appear as Subject, Subject.1, ...
  const key = Object.keys(g).find((k) => k.startsWith(label + '.'));
  return key ? g[key] : undefined;
}

function withLevels(ctx: ReportContext, w: GroupWords): string {
  const n = levelsOf(ctx, w.label);
  return n === undefined ? w.phrase : `${w.phrase} (${n} levels)`;
}

/** The groups one bar term makes: a/b/c → a, b within a, c within b within a (lme4's expandSlash). */
function groupsOfTerm(r: RandomTermSpec, simpleGroups: Set<string>): GroupWords[] {
  const parts = r.group.split('/').map((s) => s.trim());
  if (parts.length > 1) {
    // lme4 names the groups of a/b/c as a, b:a, c:(b:a) (expandSlash).
    let label = '';
    return parts.map((p, k) => {
      const outer = parts.slice(0, k);
      label = k === 0 ? p : k === 1 ? `${p}:${label}` : `${p}:(${label})`;
      return { label, phrase: k === 0 ? p : `${p} nested within ${[...outer].reverse().join(' within ')}`, columns: [p, ...outer] };
    });
  }
  const cols = r.groupFactors.length ? [...r.groupFactors] : [r.group];
  if (cols.length > 1) {
    const outer = cols.filter((c) => simpleGroups.has(c));
    const inner = cols.filter((c) => !simpleGroups.has(c));
    if (outer.length > 0 && inner.length > 0) return [{ label: r.group, phrase: `${inner.join(' × ')} nested within ${outer.join(' × ')}`, columns: cols }];
    return [{ label: r.group, phrase: `the ${cols.join(' × ')} combinations`, columns: cols }];
  }
  return [{ label: r.group, phrase: r.group, columns: cols }];
}

/** "random slopes of Days" or, for a factor, "random effects of Sex". */
function effectWords(ctx: ReportContext, labels: string[]): string {
  const numericCols = new Set(ctx.table?.columns.filter((c) => c.type === 'numeric').map((c) => c.name) ?? []);
  const randomTerms = new Set(ctx.report.random.map((r) => r.term));
  const isSlope = (l: string) => (ctx.table ? numericCols.has(l) || !/^[A-Za-z._][A-Za-z0-9._]*$/.test(l) : randomTerms.has(l));
  const slopes = labels.filter(isSlope);
  const others = labels.filter((l) => !isSlope(l));
  const parts: string[] = [];
  if (slopes.length) parts.push(`random slopes of ${listWords(slopes)}`);
  if (others.length) parts.push(`random effects of ${listWords(others)}`);
  return listWords(parts);
}

function termWords(ctx: ReportContext, r: RandomTermSpec, groups: GroupWords[]): string {
  const slopes = r.terms.map((t) => t.label);
  const by = listWords(groups.map((g, k) => (k === 0 ? withLevels(ctx, g) : `${slopes.length ? 'by ' : 'for '}${withLevels(ctx, g)}`)));
  if (slopes.length === 0) return `random intercepts for ${by}`;
  const effects = effectWords(ctx, slopes);
  const several = (r.intercept ? 1 : 0) + slopes.length > 1;
  const corr = several ? (r.correlated ? 'correlated ' : 'uncorrelated ') : '';
  if (r.intercept) return `${corr}random intercepts and ${effects} by ${by}`;
  return `${corr}${effects} by ${by}, without random intercepts`;
}

export interface RandomStructureWords {
  /** "correlated random intercepts and random slopes of Days by Subject (18 levels)" */
  terms: string;
  /** "plate and sample are crossed." / "Plot is nested within Site (each plot occurs in one site only)." or "". */
  relations: string;
}

export function randomStructureWords(ctx: ReportContext): RandomStructureWords {
  const rts = ctx.formula.randomTerms;
  const simpleGroups = new Set(rts.filter((r) => r.groupFactors.length === 1 && !r.group.includes('/')).map((r) => r.group));
  for (const r of rts) if (r.group.includes('/')) simpleGroups.add(r.group.split('/')[0].trim());
  const perTerm = rts.map((r) => ({ r, groups: groupsOfTerm(r, simpleGroups) }));
  // Consecutive intercept-only terms read as one: "random intercepts for plate and for sample".
  const phrases: string[] = [];
  let interceptGroups: string[] = [];
  const flush = () => {
    if (interceptGroups.length) phrases.push(`random intercepts for ${listWords(interceptGroups.map((g, k) => (k === 0 ? g : `for ${g}`)))}`);
    interceptGroups = [];
  };
  for (const { r, groups } of perTerm) {
    if (r.terms.length === 0) interceptGroups.push(...groups.map((g) => withLevels(ctx, g)));
    else {
      flush();
      phrases.push(termWords(ctx, r, groups));
    }
  }
  flush();
  const terms = listWords(phrases);

  // Data-level relations between separate single-column grouping factors.
  const relations: string[] = [];
  const singles = [...new Set(rts.filter((r) => r.groupFactors.length === 1 && !r.group.includes('/')).map((r) => r.group))];
  if (ctx.table && singles.length > 1) {
    const rows = ctx.report.diagnostics?.rows;
    const crossed: string[][] = [];
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        const [a, b] = [singles[i], singles[j]];
        const rel = relation(ctx.table, a, b, rows);
        if (rel === 'nested') relations.push(`${b} is nested within ${a} (each level of ${b} occurs within one level of ${a} only).`);
        else if (rel === 'contains') relations.push(`${a} is nested within ${b} (each level of ${a} occurs within one level of ${b} only).`);
        else if (rel === 'crossed') crossed.push([a, b]);
      }
    }
    if (crossed.length) {
      const names = [...new Set(crossed.flat())];
      relations.unshift(`The random effects of ${listWords(names)} are crossed (levels of each occur with several levels of the other${names.length > 2 ? 's' : ''}).`);
    }
  }
  return { terms, relations: relations.join(' ') };
}
