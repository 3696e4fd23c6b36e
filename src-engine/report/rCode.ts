/**
 * The R code that reproduces a fit with lme4/lmerTest: read the same file the same way, give every
 * factor the same levels in the same order (the first is the reference under R's treatment
 * contrasts), fit with lmerTest::lmer and the same REML choice, then summary() and anova() with the
 * same df method and ANOVA type. R's own factor() sorts levels by the session's locale, Quadrat by
 * its level-order setting (a UTF-8 locale's ICU order, or the C locale's), so the levels are always
 * written out (long lists in a default order as a sort() call, with the method that gives that order)
 * and a comment says which order it is.
 */
import { type LevelOrder, sortLevels } from '../data/levels';
import { DEFAULT_NA_STRINGS, type DecimalMark, type Separator, type TextEncoding } from '../data/importOptions';
import { type Column, type Table } from '../data/table';
import { type DdfMethod, ROMAN } from './context';
import { nlmeRCall } from '../nlme/rCall';
import { dataExprToR } from '../data/compute/exprToR';
import { tmbRCall } from '../tmb/report/rCall';

export type RDataSource =
  | { kind: 'delimited'; path: string; sep: Separator; decimal: DecimalMark; encoding: TextEncoding; naStrings?: readonly string[] }
  | { kind: 'xlsx'; path: string; sheet: string; naStrings?: readonly string[] };

export interface RCodeInput {
  formula: string;
  reml: boolean;
  ddf: DdfMethod;
  anovaType: 1 | 2 | 3;
  /** The table as Quadrat fitted it (column types and factor levels). */
  table: Table;
  source: RDataSource;
  /** Name of a numeric column of prior weights (lmer's `weights =`). */
  weights?: string;
  /** First comment line, e.g. "Quadrat 0.1.0, model 'm1'". */
  origin?: string;
  /** A GLMM: glmer's family, link and nAGQ (absent, or gaussian with the identity link: lmer). */
  family?: string;
  link?: string;
  nAGQ?: number;
  /** Only the rows where this column shows this value (lmer's `subset =`). */
  subset?: { column: string; value: string };
  /** A row filter (src-engine/data/compute): the data become subset(d, …). */
  filter?: string;
  /** How Quadrat sorted text levels (default 'locale': R in a UTF-8 locale). */
  levelOrder?: LevelOrder;
  /** nlme's gls()/lme() instead of lmer: formula is the fixed part; its random part, variance function and correlation. */
  nlme?: { random?: string; weights?: string; correlation?: string };
  /** A count model as glmmTMB: its family and zero-inflation/dispersion formulas (absent: glmmTMB's defaults). */
  tmb?: { family: string; ziformula?: string; dispformula?: string };
}

/** gls(model = …)/lme(fixed = …) with nlme's arguments, then what summary(), anova() and intervals() print. */
function nlmeFitLines(input: RCodeInput & { nlme: NonNullable<RCodeInput['nlme']> }): string[] {
  const spec = { fixed: input.formula, ...input.nlme, method: input.reml ? ('REML' as const) : ('ML' as const) };
  const call = nlmeRCall(spec, 'd');
  const subset = subsetExpr(input.subset, input.table);
  return [`m <- ${subset || input.filter ? call.replace(', data = d', `, data = ${dataArg(input)}${subset}`) : call}`, 'summary(m)', 'anova(m)', 'anova(m, type = "marginal")', 'intervals(m)'];
}

/** The data argument: d, or subset(d, …) for a row filter. */
function dataArg(input: RCodeInput): string {
  return input.filter ? `subset(d, ${dataExprToR(input.filter)})` : 'd';
}

/** Comments naming the computed columns the model reads: their values are in the data file; how Quadrat computes them. */
function computedNotes(columns: readonly Column[]): string[] {
  const computed = columns.filter((c) => c.definition !== undefined);
  if (!computed.length) return [];
  return ['# Computed in Quadrat (the values are in the data file):', ...computed.map((c) => `#   ${c.name} = ${dataExprToR(c.definition!)}`)];
}

/** lmer's subset argument: locus == "L0001" (a number or TRUE/FALSE unquoted, as the column holds it). */
function subsetExpr(subset: RCodeInput['subset'], table: Table): string {
  if (!subset) return '';
  const col = table.columns.find((c) => c.name === subset.column);
  const name = SYNTACTIC.test(subset.column) && !RESERVED.has(subset.column) ? subset.column : '`' + subset.column.replace(/[`\\]/g, '\\$&') + '`';
  const value = col?.type === 'numeric' || col?.type === 'logical' ? subset.value : rString(subset.value);
  return `, subset = ${name} == ${value}`;
}

/** glmer's family argument: binomial, binomial(link = "probit"), Gamma(link = "log"). */
function familyExpr(family: string, link: string | undefined): string {
  return link ? `${family}(link = ${rString(link)})` : family;
}

/** Longer level lists in the default order are sorted in R rather than listed. */
const MAX_LISTED_LEVELS = 50;

export function rString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function rVector(items: readonly string[], indent: string): string {
  const parts = items.map(rString);
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && line.length + p.length > 78 - indent.length) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + p + ',';
  }
  lines.push(line.slice(0, -1));
  return lines.length === 1 ? `c(${lines[0]})` : `c(\n${lines.map((l) => indent + '  ' + l).join('\n')}\n${indent})`;
}

const SYNTACTIC = /^(?:[A-Za-z]|[.](?![0-9]))[A-Za-z0-9._]*$/;
const RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'in']);

/** d$x for syntactic names, d[["my col"]] otherwise. */
export function rColumn(name: string): string {
  return SYNTACTIC.test(name) && !RESERVED.has(name) ? `d$${name}` : `d[[${rString(name)}]]`;
}

/** Columns the formula mentions (plain or `backticked` names), in table order. */
export function formulaColumns(formula: string, table: Table): Column[] {
  const names = new Set<string>();
  for (const m of formula.matchAll(/`([^`]+)`|((?:[A-Za-z]|[.](?![0-9]))[A-Za-z0-9._]*)/g)) names.add(m[1] ?? m[2]);
  return table.columns.filter((c) => names.has(c.name));
}

function levelsExpr(col: Column, levels: readonly string[], decimal: DecimalMark, order: LevelOrder): string {
  const x = rColumn(col.name);
  const isDefault = sortLevels(levels, decimal, order).every((l, k) => l === levels[k]);
  if (levels.length > MAX_LISTED_LEVELS && isDefault && decimal === '.') {
    const numeric = levels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
    if (numeric) return `unique(${x}[order(as.numeric(${x}), ${x}, method = "radix")])`;
    // "radix" sorts as the C locale does; the default method collates as the session's locale (ICU in UTF-8)
    return order === 'C' ? `sort(unique(${x}), method = "radix")` : `sort(unique(${x}))`;
  }
  return rVector(levels, '');
}

function readCode(source: RDataSource, factorCols: Column[]): string[] {
  const na = rVector([...(source.naStrings ?? DEFAULT_NA_STRINGS), ''], '  ');
  const path = rString(source.path.replaceAll('\\', '/'));
  if (source.kind === 'xlsx') {
    return [
      'library(readxl)',
      `d <- as.data.frame(read_excel(${path}, sheet = ${rString(source.sheet)}, na = ${na}))`,
      ...factorCols.map((c) => `${rColumn(c.name)} <- as.character(${rColumn(c.name)})`),
    ];
  }
  const encoding = { 'utf-8': 'UTF-8-BOM', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', latin1: 'latin1' }[source.encoding];
  const sep = source.sep === '\t' ? '"\\t"' : rString(source.sep);
  // Factor columns are read as text so that labels such as "007" or "0.60" stay exactly as in the file.
  const classes = factorCols.length ? `,\n  colClasses = c(${factorCols.map((c) => `${rString(c.name)} = "character"`).join(', ')})` : '';
  return [
    `d <- read.csv(${path}, sep = ${sep}, dec = ${rString(source.decimal)}, fileEncoding = ${rString(encoding)},`,
    `  check.names = FALSE, na.strings = ${na}${classes})`,
  ];
}

const DDF_R: Record<DdfMethod, string> = { satterthwaite: 'Satterthwaite', 'kenward-roger': 'Kenward-Roger', none: 'lme4' };

export function rCode(input: RCodeInput): string {
  const { table, source } = input;
  const nlme = input.nlme;
  const tmb = input.tmb;
  // nlme's and glmmTMB's own arguments and the row filter name columns too: their levels must match as well
  const used = formulaColumns([input.formula, nlme?.random, nlme?.weights, nlme?.correlation, tmb?.ziformula, tmb?.dispformula, input.filter].filter(Boolean).join(' '), table);
  const factorCols = used.filter((c) => c.type === 'factor' || c.type === 'text');
  const decimal = source.kind === 'delimited' ? source.decimal : '.';
  const lines: string[] = [];
  lines.push(`# R code equivalent to ${input.origin ?? 'a Quadrat fit'}.`);
  if (nlme) lines.push(`# Needs the R package nlme${source.kind === 'xlsx' ? ' and readxl' : ''}.`, 'library(nlme)', '');
  else if (tmb) lines.push(`# Needs the R package glmmTMB${source.kind === 'xlsx' ? ' and readxl' : ''}.`, 'library(glmmTMB)', '');
  else lines.push(`# Needs the R packages lme4 and lmerTest${input.ddf === 'kenward-roger' ? ' (and pbkrtest, for Kenward-Roger)' : ''}${source.kind === 'xlsx' ? ' and readxl' : ''}.`);
  if (!nlme && !tmb) lines.push('library(lmerTest)  # loads lme4; adds Satterthwaite and Kenward-Roger tests', '');
  lines.push(...readCode(source, factorCols), '');
  const notes = computedNotes(used);
  if (notes.length) lines.push(...notes, '');
  if (factorCols.length) {
    const order = input.levelOrder ?? 'locale';
    const how = order === 'C' ? "R's order in the C locale" : "R's order in a UTF-8 locale";
    lines.push(`# The same factor levels in the same order as in Quadrat (${how}); the first level is the reference.`);
    for (const c of factorCols) {
      const levels = c.type === 'factor' ? c.levels : sortLevels(c.values.filter((v): v is string => v !== null), decimal);
      lines.push(`${rColumn(c.name)} <- factor(${rColumn(c.name)}, levels = ${levelsExpr(c, levels, decimal, order)})`);
    }
    lines.push('');
  }
  if (nlme) return [...lines, ...nlmeFitLines({ ...input, nlme })].join('\n') + '\n';
  if (tmb) return [...lines, `m <- ${tmbRCall({ formula: input.formula, ...tmb }, dataArg(input), subsetExpr(input.subset, table))}`, 'summary(m)'].join('\n') + '\n';
  const weights = input.weights ? `, weights = ${SYNTACTIC.test(input.weights) && !RESERVED.has(input.weights) ? input.weights : '`' + input.weights.replace(/[`\\]/g, '\\$&') + '`'}` : '';
  if (input.family && !(input.family === 'gaussian' && (!input.link || input.link === 'identity'))) {
    const nAGQ = input.nAGQ !== undefined && input.nAGQ !== 1 ? `, nAGQ = ${input.nAGQ}` : '';
    lines.push(`m <- glmer(${input.formula}, data = ${dataArg(input)}${weights}${subsetExpr(input.subset, table)}, family = ${familyExpr(input.family, input.link)}${nAGQ})`);
    lines.push('summary(m)');
    return lines.join('\n') + '\n';
  }
  lines.push(`m <- lmer(${input.formula}, data = ${dataArg(input)}${weights}${subsetExpr(input.subset, table)}, REML = ${input.reml ? 'TRUE' : 'FALSE'})`);
  lines.push(`summary(m, ddf = "${DDF_R[input.ddf]}")`);
  if (input.ddf === 'none') lines.push('anova(m, ddf = "lme4")');
  else lines.push(`anova(m, type = "${ROMAN[input.anovaType]}", ddf = "${DDF_R[input.ddf]}")`);
  return lines.join('\n') + '\n';
}
