/** The works a methods paragraph may cite, APA 7 style; only those cited are listed. */
import { type Rich } from '../tableModel';

export type RefKey = 'bates2015' | 'kuznetsova2017' | 'satterthwaite1946' | 'kenward1997' | 'halekoh2014' | 'powell2009' | 'nelder1965' | 'nocedal2006' | 'rcore' | 'pinheiro2000' | 'zuur2009' | 'brooks2017';

export const CITE: Record<RefKey, string> = {
  bates2015: 'Bates et al., 2015',
  kuznetsova2017: 'Kuznetsova et al., 2017',
  satterthwaite1946: 'Satterthwaite, 1946',
  kenward1997: 'Kenward & Roger, 1997',
  halekoh2014: 'Halekoh & Højsgaard, 2014',
  powell2009: 'Powell, 2009',
  nelder1965: 'Nelder & Mead, 1965',
  nocedal2006: 'Nocedal & Wright, 2006',
  rcore: 'R Core Team, 2022',
  pinheiro2000: 'Pinheiro & Bates, 2000',
  zuur2009: 'Zuur et al., 2009',
  brooks2017: 'Brooks et al., 2017',
};

export const REFERENCES: Record<RefKey, Rich> = {
  bates2015: [
    'Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015). Fitting linear mixed-effects models using lme4. ',
    { i: 'Journal of Statistical Software, 67' },
    '(1), 1–48. https://doi.org/10.18637/jss.v067.i01',
  ],
  kuznetsova2017: [
    'Kuznetsova, A., Brockhoff, P. B., & Christensen, R. H. B. (2017). lmerTest package: Tests in linear mixed effects models. ',
    { i: 'Journal of Statistical Software, 82' },
    '(13), 1–26. https://doi.org/10.18637/jss.v082.i13',
  ],
  satterthwaite1946: [
    'Satterthwaite, F. E. (1946). An approximate distribution of estimates of variance components. ',
    { i: 'Biometrics Bulletin, 2' },
    '(6), 110–114. https://doi.org/10.2307/3002019',
  ],
  kenward1997: [
    'Kenward, M. G., & Roger, J. H. (1997). Small sample inference for fixed effects from restricted maximum likelihood. ',
    { i: 'Biometrics, 53' },
    '(3), 983–997. https://doi.org/10.2307/2533558',
  ],
  halekoh2014: [
    'Halekoh, U., & Højsgaard, S. (2014). A Kenward-Roger approximation and parametric bootstrap methods for tests in linear mixed models – The R package pbkrtest. ',
    { i: 'Journal of Statistical Software, 59' },
    '(9), 1–32. https://doi.org/10.18637/jss.v059.i09',
  ],
  powell2009: [
    'Powell, M. J. D. (2009). ',
    { i: 'The BOBYQA algorithm for bound constrained optimization without derivatives' },
    ' (Report No. DAMTP 2009/NA06). Department of Applied Mathematics and Theoretical Physics, University of Cambridge.',
  ],
  nelder1965: [
    'Nelder, J. A., & Mead, R. (1965). A simplex method for function minimization. ',
    { i: 'The Computer Journal, 7' },
    '(4), 308–313. https://doi.org/10.1093/comjnl/7.4.308',
  ],
  nocedal2006: ['Nocedal, J., & Wright, S. J. (2006). ', { i: 'Numerical optimization' }, ' (2nd ed.). Springer. https://doi.org/10.1007/978-0-387-40065-5'],
  rcore: [
    'R Core Team. (2022). ',
    { i: 'R: A language and environment for statistical computing' },
    '. R Foundation for Statistical Computing. https://www.R-project.org/',
  ],
  pinheiro2000: ['Pinheiro, J. C., & Bates, D. M. (2000). ', { i: 'Mixed-effects models in S and S-PLUS' }, '. Springer. https://doi.org/10.1007/b98882'],
  zuur2009: [
    'Zuur, A. F., Ieno, E. N., Walker, N. J., Saveliev, A. A., & Smith, G. M. (2009). ',
    { i: 'Mixed effects models and extensions in ecology with R' },
    '. Springer. https://doi.org/10.1007/978-0-387-87458-6',
  ],
  brooks2017: [
    'Brooks, M. E., Kristensen, K., van Benthem, K. J., Magnusson, A., Berg, C. W., Nielsen, A., Skaug, H. J., Mächler, M., & Bolker, B. M. (2017). glmmTMB balances speed and flexibility among packages for zero-inflated generalized linear mixed modeling. ',
    { i: 'The R Journal, 9' },
    '(2), 378–400. https://doi.org/10.32614/RJ-2017-066',
  ],
};

/** Cited keys in the order APA lists them: alphabetical by first author. */
export function referenceList(keys: Iterable<RefKey>): Rich[] {
  const uniq = [...new Set(keys)];
  return uniq
    .map((k) => REFERENCES[k])
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string, 'en'));
}
