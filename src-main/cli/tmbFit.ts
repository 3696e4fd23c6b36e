/**
 * `quadrat fit --family nbinom2 [--zi "~ 1"] [--disp "~ x"]`: count models as glmmTMB (issue 13);
 * summary(glmmTMB) as text, then the marginal means and DHARMa's simulated tests (tmbPredictions.ts),
 * or with --json the conditional, zero-inflation and dispersion tables with those and ranef(m, condVar = TRUE).
 */
import { TMB_FAMILIES } from '../../src-engine/tmb/countDensity';
import { formatCountAdvice } from './countAdviceText';
import { type TmbWarning } from '../../src-engine/tmb/convergenceWarnings';
import { fitTmb } from '../../src-engine/tmb/fitTmb';
import { tmbFitReport } from '../../src-engine/tmb/report/asFitReport';
import { type CoefRow, tmbSummary, type TmbSummary } from '../../src-engine/tmb/tmbSummary';
import { countParts } from '../api/tmbSpec';
import { tmbSpecSchema } from '../api/tmbSchema';
import { checkOptions } from './apiOptions';
import { type ParsedOptions, UsageError } from './args';
import { readDataOptions } from './dataOptions';
import { formatTmbPredictions, tmbPredictionsJson } from './tmbPredictions';

/**
 * glmer keeps poisson and Gamma (its own families), and lmer gaussian, unless a zero-inflation or
 * dispersion formula asks for glmmTMB: `--family Gamma --disp "~ 1"` is glmmTMB's Gamma(link = "log"),
 * `--family gaussian --disp "~ Days"` glmmTMB's gaussian with a residual variance by Days.
 */
export function wantsTmb(opts: ParsedOptions): boolean {
  if (opts.zi !== undefined || opts.disp !== undefined) return true;
  return typeof opts.family === 'string' && !['poisson', 'Gamma', 'gaussian'].includes(opts.family) && (TMB_FAMILIES as readonly string[]).includes(opts.family);
}

const LME4_ONLY = ['ddf', 'anova', 'link', 'nagq', 'diagnostics', 'report', 'weights', 'ml'] as const;

export async function fitWithTmb(opts: ParsedOptions): Promise<number> {
  for (const o of LME4_ONLY) if (opts[o] !== undefined) throw new UsageError(`fit: --${o} does not apply to glmmTMB models (--zi, --disp, --family ${TMB_FAMILIES.join('|')})`);
  // the app's fit.start checks of spec.tmb: the family, one-sided formulas, what the engine cannot fit
  const spec = checkOptions(tmbSpecSchema, { family: { option: 'family', as: 'text' }, ziformula: { option: 'zi', as: 'text' }, dispformula: { option: 'disp', as: 'text' } }, { family: 'poisson', ...opts }, 'fit');
  const { zi: ziPart, disp: dispPart } = countParts(spec);
  const family = spec.family;
  const zi = ziPart ?? '~0';
  const disp = dispPart ?? '~1';
  const data = await readDataOptions(String(opts.data), opts, 'fit');
  const fit = fitTmb(data.table, { formula: String(opts.formula), family, ziformula: zi, dispformula: disp });
  const s = tmbSummary(fit, disp.replace(/\s/g, '') === '~1');
  // the app's report of the fit: its marginal means, simulated tests, ranef with conditional SDs and
  // the advisor's findings (docs/advisor.md)
  const t = tmbFitReport(data.table, { formula: String(opts.formula), family, ziformula: zi, dispformula: disp }, fit, 0).tmb!;
  const advice = t.advice ?? [];
  if (opts.json) process.stdout.write(JSON.stringify({ schema: 'quadrat.tmb/1', formula: opts.formula, ziformula: zi, dispformula: disp, converged: fit.converged, pdHess: fit.pdHess, warnings: fit.warnings, ...s, ...tmbPredictionsJson(t), advice }) + '\n');
  else process.stdout.write(formatTmbSummary(s, String(opts.formula), zi, disp) + formatTmbPredictions(t) + formatTmbWarnings(fit.warnings) + formatCountAdvice(advice));
  return 0;
}

const num = (x: number, d = 5) => (Number.isFinite(x) ? x.toPrecision(d) : 'NA');
const pval = (p: number) => (p < 2e-16 ? '< 2e-16' : p.toPrecision(3));

function table(title: string, rows: CoefRow[]): string[] {
  if (rows.length === 0) return [];
  const w = Math.max(...rows.map((r) => r.term.length));
  const head = `${''.padEnd(w)}   Estimate Std. Error  z value Pr(>|z|)`;
  return ['', `${title}:`, head, ...rows.map((r) => `${r.term.padEnd(w)} ${num(r.estimate).padStart(10)} ${num(r.stdError).padStart(10)} ${num(r.zValue, 4).padStart(8)} ${pval(r.pValue).padStart(8)}`)];
}

/** VarCorr as summary(glmmTMB) prints it, per model: a term's group on its first row, its correlations in Corr. */
function randomTable(s: TmbSummary, component: 'cond' | 'zi'): string[] {
  const random = s.random.filter((r) => r.component === component);
  const correlations = s.correlations.filter((c) => c.component === component);
  if (random.length === 0 && component === 'zi') return [];
  const groups = [...new Set(random.map((r) => r.group))];
  const nobs = `Number of obs: ${s.nobs}${groups.map((g, i) => `${i === 0 ? ', groups:  ' : '; '}${g}, ${s.groups[g]}`).join('')}`;
  const hasCorr = correlations.length > 0;
  // format()'s common width, as glmmTMB's Corr column
  const cw = Math.max(0, ...correlations.map((c) => c.corr.toFixed(2).length));
  const gw = Math.max(6, ...random.map((r) => r.group.length));
  const tw = Math.max(11, ...random.map((r) => r.term.length));
  const rows = random.map((r, i) => {
    const first = i === 0 || random[i - 1].group !== r.group || correlations.every((c) => c.group !== r.group || c.term2 !== r.term);
    // the correlations of this row's column with the term's earlier columns
    const corr = correlations.filter((c) => c.group === r.group && c.term2 === r.term).map((c) => c.corr.toFixed(2).padStart(cw)).join(' ');
    return ` ${(first ? r.group : '').padEnd(gw)} ${r.term.padEnd(tw)} ${num(r.variance, 4).padEnd(8)} ${num(r.sd, 4).padEnd(8)}${hasCorr ? ` ${corr}` : ''}`.trimEnd();
  });
  return ['', `${component === 'cond' ? 'Conditional' : 'Zero-inflation'} model:`, ` ${'Groups'.padEnd(gw)} ${'Name'.padEnd(tw)} Variance Std.Dev.${hasCorr ? ' Corr' : ''}`, ...rows, nobs];
}

export function formatTmbSummary(s: TmbSummary, formula: string, zi: string, disp: string): string {
  const lines = [
    ` Family: ${s.family}  ( ${s.link} )`,
    `Formula:          ${formula}`,
    ...(zi.replace(/\s/g, '') !== '~0' ? [`Zero inflation:         ${zi}`] : []),
    ...(disp.replace(/\s/g, '') !== '~1' ? [`Dispersion:             ${disp}`] : []),
    '',
    '     AIC      BIC   logLik deviance df.resid ',
    // NA where glmmTMB's logLik() is NA (a Hessian that is not positive definite)
    [s.aic, s.bic, s.logLik, s.deviance].map((v) => (Number.isFinite(v) ? v.toFixed(1) : 'NA')).concat(String(s.dfResid)).map((v) => v.padStart(8)).join(' '),
    '',
    'Random effects:',
    ...randomTable(s, 'cond'),
    ...randomTable(s, 'zi'),
    ...(s.dispersionLine ? ['', s.dispersionLine] : []),
    ...Object.entries(s.familyParams).map(([k, v]) => `${k}: ${num(v, 4)}`),
    ...table('Conditional model', s.cond),
    ...table('Zero-inflation model', s.zi),
    ...table('Dispersion model', s.disp),
  ];
  return lines.join('\n') + '\n';
}

/** glmmTMB's warnings as it words them, each followed by what it means in plain language. */
export function formatTmbWarnings(warnings: readonly TmbWarning[]): string {
  return warnings.map((w) => `\nwarning: ${w.message}\n  ${w.advice}\n`).join('');
}
