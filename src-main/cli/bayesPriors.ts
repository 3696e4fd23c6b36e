/**
 * `--prior P [--class C] [--coef X] [--group G] [--lb L] [--ub U]`, repeatable: each --prior takes
 * the --class/--coef/--group/--lb/--ub that follow it (up to the next --prior), as set_prior()'s
 * arguments. Taken out of argv before the ordinary option parser, which does not keep order.
 */
import { type UserPrior } from '../../src-engine/bayes/model/priors';
import { UsageError } from './args';

const PRIOR_PARTS = ['class', 'coef', 'group', 'lb', 'ub'] as const;
type Part = (typeof PRIOR_PARTS)[number];

function optionName(arg: string): string | null {
  if (!arg.startsWith('--')) return null;
  const eq = arg.indexOf('=');
  return eq > 0 ? arg.slice(2, eq) : arg.slice(2);
}

export function splitPriorArgs(argv: readonly string[], command: string): { rest: string[]; priors: UserPrior[] } {
  const rest: string[] = [];
  const groups: Partial<Record<Part | 'prior', string>>[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = optionName(argv[i]);
    if (name !== 'prior' && !(PRIOR_PARTS as readonly string[]).includes(name ?? '')) {
      rest.push(argv[i]);
      continue;
    }
    const eq = argv[i].indexOf('=');
    let value: string;
    if (eq > 0) value = argv[i].slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${command}: --${name} needs a value`);
      value = argv[++i];
    }
    if (name === 'prior') groups.push({ prior: value });
    else {
      const g = groups[groups.length - 1];
      if (!g) throw new UsageError(`${command}: --${name} belongs to a prior: give it after --prior "…" (e.g. --prior "normal(0, 2.5)" --class b)`);
      if (g[name as Part] !== undefined) throw new UsageError(`${command}: --${name} given twice for the prior '${g.prior}'`);
      g[name as Part] = value;
    }
  }
  const bound = (g: Partial<Record<Part | 'prior', string>>, k: 'lb' | 'ub') => {
    const v = g[k];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${command}: --${k} must be a number (got '${v}')`);
    return n;
  };
  const priors = groups.map((g) => {
    if (g.class === undefined) throw new UsageError(`${command}: the prior '${g.prior}' needs --class (b, Intercept, sd, cor, sigma or shape)`);
    const p: { -readonly [K in keyof UserPrior]: UserPrior[K] } = { prior: g.prior!, class: g.class };
    if (g.coef !== undefined) p.coef = g.coef;
    if (g.group !== undefined) p.group = g.group;
    const lb = bound(g, 'lb');
    const ub = bound(g, 'ub');
    if (lb !== undefined) p.lb = lb;
    if (ub !== undefined) p.ub = ub;
    return p;
  });
  return { rest, priors };
}
