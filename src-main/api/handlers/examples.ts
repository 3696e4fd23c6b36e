/** examples.*: the bundled example datasets (assets/examples: <name>.csv listed in examples.json). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type AppContext } from '../context';
import { type DomainHandlers } from '../dispatch';
import { type Example, exampleSchema } from '../shapes';

export function listExamples(ctx: AppContext): Example[] {
  if (!ctx.examplesDir) return [];
  const index = join(ctx.examplesDir, 'examples.json');
  if (!existsSync(index)) return [];
  return z.array(exampleSchema).parse(JSON.parse(readFileSync(index, 'utf8')));
}

/** The CSV file of a bundled example, refusing names that are not in the list (no path tricks). */
export function examplePath(ctx: AppContext, name: string): { path: string; example: Example } {
  const example = listExamples(ctx).find((e) => e.name === name);
  if (!example || !ctx.examplesDir) throw new QuadratError('input', `There is no example named "${name}".`);
  return { path: join(ctx.examplesDir, `${example.name}.csv`), example };
}

export const examplesHandlers = {
  'examples.list': (_p, ctx) => listExamples(ctx),
} satisfies DomainHandlers<'examples'>;
