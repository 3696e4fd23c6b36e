/** The GLMM benchmark cases (bench/glmm.ts, bench/glmmProfile.ts) and how to fit them as glmer() does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDesign } from '../src-engine/design/buildDesign';
import { type ResponseFamily } from '../src-engine/design/glmResponse';
import { makeFamily } from '../src-engine/glmm/family';
import { fitGlmmDesign, type GlmmFit, type GlmmFitOptions } from '../src-engine/glmm/fitGlmm';
import { type Table } from '../src-engine/data/table';
import { type BenchCase, loadTable } from './benchCases';

export interface GlmmBenchCase {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  family: string;
  link: string | null;
  nAGQ: number;
  weights: string | null;
  subset: { rows: number[] } | null;
  /** Timed fits (median reported). */
  runs: number;
  /** Untimed fits first (both sides). */
  warmup: number;
  /** Also time glmmTMB on this case (bench/r/time_glmer.R). */
  tmb: boolean;
}

const CB = 'cbind(incidence, size - incidence) ~ period + (1 | herd)';
const GT = ['INDEX', 'BROOD', 'YEAR', 'LOCATION'];

function bcase(c: Partial<GlmmBenchCase> & Pick<GlmmBenchCase, 'case' | 'data' | 'factors' | 'formula'>): GlmmBenchCase {
  return { family: 'binomial', link: null, nAGQ: 1, weights: null, subset: null, runs: 9, warmup: 3, tmb: false, ...c };
}

/** What `npm run bench` times against glmer (and glmmTMB where `tmb`). */
export const GLMM_BENCH_CASES: GlmmBenchCase[] = [
  bcase({ case: 'cbpp_laplace', data: 'cbpp.csv', factors: ['herd', 'period'], formula: CB }),
  bcase({ case: 'cbpp_agq10', data: 'cbpp.csv', factors: ['herd', 'period'], formula: CB, nAGQ: 10 }),
  bcase({ case: 'grouseticks', data: 'grouseticks.csv', factors: GT, formula: 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)', family: 'poisson', runs: 5 }),
  bcase({
    case: 'verbagg',
    data: 'VerbAgg.csv',
    factors: ['id', 'item', 'Gender', 'btype', 'situ', 'r2'],
    formula: 'r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)',
    runs: 3,
    warmup: 1,
    tmb: true,
  }),
];

/** Every glmer reference fixture as a case (for before/after comparisons of the engine's numbers). */
export function fixtureCases(): GlmmBenchCase[] {
  const dir = 'test/reference/fixtures/glmer';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GlmmBenchCase)
    .map((c) => bcase({ case: c.case, data: c.data, factors: c.factors, formula: c.formula, family: c.family, link: c.link, nAGQ: c.nAGQ, weights: c.weights, subset: c.subset }));
}

export function loadGlmmTable(c: GlmmBenchCase): Table {
  return loadTable({ ...c, REML: false } as unknown as BenchCase);
}

/** Fit as glmer() does: derivatives and the Hessian-based vcov, no conditional variances (ranef's job). */
export function fitCase(c: GlmmBenchCase, table: Table, options: GlmmFitOptions = { conditionalSds: false }): GlmmFit {
  const family = makeFamily(c.family, c.link ?? undefined);
  const design = buildDesign(table, c.formula, { ...(c.weights ? { weights: c.weights } : {}), family: family.name as ResponseFamily });
  return fitGlmmDesign(design, family, c.nAGQ, {}, options);
}
