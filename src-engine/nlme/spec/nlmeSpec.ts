/** What the user asks for, in nlme's own syntax. */
export interface NlmeSpec {
  /** The fixed-effects formula: gls's `model`, lme's `fixed`, e.g. "distance ~ age * Sex". */
  readonly fixed: string;
  /** lme's random part, "~ 1 | Subject", "~ age | Subject", "~ 1 | Block/Variety"; absent for gls. */
  readonly random?: string;
  /** A variance function, e.g. "varIdent(form = ~ 1 | Sex)". */
  readonly weights?: string;
  /** A correlation structure, e.g. "corAR1(form = ~ 1 | Mare)". */
  readonly correlation?: string;
  /** "REML" (nlme's default) or "ML". */
  readonly method?: 'REML' | 'ML';
  /** Columns to read as factors although numeric (like the CLI's --factor). */
  readonly factors?: readonly string[];
}
