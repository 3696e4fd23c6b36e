/**
 * The methods paragraph of a gls()/lme() fit: the model (generalized least squares or a linear
 * mixed-effects model), the random part as nlme writes it, the variance function and correlation
 * structure with their estimated parameters, estimation, the df of the tests, software and
 * references. Every clause follows from the report's nlme block.
 */
import { filterWords } from './filterWords';
import { type ReportContext } from '../context';
import { REFERENCE_R, type SoftwareInfo } from '../software';
import { type Rich } from '../tableModel';
import { type MethodsText } from './methods';
import { CITE, type RefKey, referenceList } from './references';
import { listWords } from './randomStructure';

/** nlme's classes in words (Pinheiro & Bates 2000, ch. 5). */
const VAR_WORDS: Record<string, string> = {
  varIdent: 'a separate residual variance for each level of the stratifying factor (varIdent)',
  varPower: 'a residual standard deviation proportional to a power of the variance covariate (varPower)',
  varExp: 'a residual standard deviation that changes exponentially with the variance covariate (varExp)',
  varConstPower: 'a residual standard deviation equal to a constant plus a power of the variance covariate (varConstPower)',
  varFixed: 'a residual variance proportional to the variance covariate (varFixed)',
  varComb: 'a product of variance functions (varComb)',
};

const COR_WORDS: Record<string, string> = {
  corAR1: 'a first-order autoregressive correlation structure, AR(1), for observations at successive positions (corAR1)',
  corCAR1: 'a continuous-time first-order autoregressive correlation structure (corCAR1)',
  corARMA: 'an autoregressive moving-average correlation structure (corARMA)',
  corCompSymm: 'a compound-symmetry correlation structure (corCompSymm)',
  corSymm: 'a general correlation structure (corSymm)',
  corExp: 'an exponential spatial correlation structure (corExp)',
  corGaus: 'a Gaussian spatial correlation structure (corGaus)',
  corLin: 'a linear spatial correlation structure (corLin)',
  corRatio: 'a rational-quadratic spatial correlation structure (corRatio)',
  corSpher: 'a spherical spatial correlation structure (corSpher)',
};

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));

function structWords(s: { className: string; formula: string; names: string[]; values: number[] }, words: Record<string, string>): string {
  const what = words[s.className] ?? s.className;
  const params = s.names.map((n, k) => `${n} = ${num(s.values[k])}`).join(', ');
  return `${what} with form ${s.formula}${params ? ` (estimated ${params})` : ''}`;
}

export function nlmeMethodsText(ctx: ReportContext, software: SoftwareInfo): MethodsText {
  const { report } = ctx;
  const n = report.nlme!;
  const cited: RefKey[] = [];
  const cite = (...keys: RefKey[]) => {
    cited.push(...keys);
    return keys.map((k) => CITE[k]).join('; ');
  };
  const lme = n.fn === 'lme';
  const fixed = report.fixed.map((f) => f.term).filter((t) => t !== '(Intercept)');
  const p1: Rich = [
    `We fitted ${lme ? 'a linear mixed-effects model' : 'a linear model by generalized least squares'} to ${ctx.formula.response.label} (`,
    { i: 'N' },
    ` = ${report.nobs} observations) with ${fixed.length ? `${listWords(fixed)} as fixed effect${fixed.length > 1 ? 's' : ''}` : 'an intercept as the only fixed effect'}`,
  ];
  if (lme && n.call.random) {
    const groups = Object.entries(report.groups).map(([g, k]) => `${g} (${k} levels)`);
    p1.push(` and random effects ${n.call.random}${groups.length ? ` for ${groups.join(', ')}` : ''}`);
  }
  p1.push('.');
  if (ctx.filter) p1.push(filterWords(ctx.filter));
  const structures: string[] = [];
  if (n.varStruct) structures.push(structWords(n.varStruct, VAR_WORDS));
  if (n.corStruct) structures.push(structWords(n.corStruct, COR_WORDS));
  if (structures.length) p1.push(` The residuals were modelled (${cite('pinheiro2000', 'zuur2009')}) with ${structures.join(', and with ')}.`);
  else p1.push(' Residuals were assumed to be independent and normally distributed with constant variance.');

  const method = report.method === 'REML' ? 'restricted maximum likelihood (REML)' : 'maximum likelihood (ML)';
  const p2: Rich = [
    `Parameters were estimated by ${method} as in the R package nlme's ${n.fn}() (${cite('pinheiro2000')}). Fixed effects were tested with `,
    { i: 't' },
    ' tests and sequential ',
    { i: 'F' },
    ` tests with ${n.dfMethod === 'containment' ? "nlme's containment degrees of freedom" : 'N − p residual degrees of freedom'}.`,
  ];
  if (report.method === 'REML') p2.push(` Variance and correlation structures were compared by likelihood-ratio tests and AIC between REML fits with the same fixed effects (${cite('zuur2009')}).`);
  else p2.push(' Maximum likelihood was used so that models differing in their fixed effects can be compared by likelihood-ratio tests.');

  const p3: Rich = [
    `Models were fitted in ${software.name} ${software.version}, which reimplements these methods; its results are tested against R ${REFERENCE_R.R} (${cite('rcore')}) with nlme 3.1-162.`,
  ];
  if (!report.converged) p3.push(' The optimizer did not report convergence, so the estimates should be treated with caution.');
  return { paragraphs: [p1, p2, p3], references: referenceList(cited) };
}
