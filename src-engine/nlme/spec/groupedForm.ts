/**
 * nlme's `form` argument: `~ covariate | g1/g2` (correlation structures, nested groups), `~ 1 | Sex*Period`
 * (varIdent strata), `~ fitted(.)` (the default covariate of varPower/varExp/varConstPower), `~ x + y | g`
 * (spatial coordinates). Covariates are plain column names, `1` (none) or `fitted(.)`.
 */
import { QuadratError } from '../../errors/quadratError';

export interface GroupedForm {
  /** Covariate column names; empty for `~ 1`. */
  readonly covariates: readonly string[];
  /** The covariate is the fitted values, `fitted(.)`. */
  readonly fitted: boolean;
  /** Grouping columns, outermost first. */
  readonly groups: readonly string[];
  readonly text: string;
}

const NAME = /^[A-Za-z.][A-Za-z0-9._]*$|^`[^`]+`$/;

function bare(name: string): string {
  return name.startsWith('`') ? name.slice(1, -1) : name;
}

export function parseGroupedForm(text: string, what: string): GroupedForm {
  const s = text.trim();
  if (!s.startsWith('~')) throw new QuadratError('input', `${what}: form must be a one-sided formula such as ~ 1 | g (got "${text}").`);
  const body = s.slice(1);
  const bar = body.split('|');
  if (bar.length > 2) throw new QuadratError('input', `${what}: form "${text}" has more than one |.`);
  const left = bar[0].trim();
  const groups = bar.length === 2 ? bar[1].split(/[/*]/).map((g) => g.trim()) : [];
  for (const g of groups) {
    if (!NAME.test(g)) throw new QuadratError('input', `${what}: the grouping "${g}" in "${text}" must be a column name.`);
  }
  let covariates: string[] = [];
  let fitted = false;
  if (left === '' && groups.length === 0) throw new QuadratError('input', `${what}: form "${text}" is empty.`);
  if (/^fitted\s*\(\s*\.\s*\)$/.test(left)) fitted = true;
  else if (left !== '1' && left !== '') {
    covariates = left.split('+').map((c) => c.trim());
    for (const c of covariates) {
      if (!NAME.test(c)) throw new QuadratError('input', `${what}: the covariate "${c}" in "${text}" must be a column name (or fitted(.)); compute a transformed covariate as a new column first.`);
    }
  }
  return { covariates: covariates.map(bare), fitted, groups: groups.map(bare), text: s };
}
