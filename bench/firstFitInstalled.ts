/**
 * `npx tsx bench/firstFit.ts --installed`: the first fit of each LMM case through the built `quadrat fit`
 * (dist/cli/quadrat.mjs, built first), a fresh process each, as a user meets it: right after an install or
 * a build, when the only code cache is the build's seed (src-main/tooling/seedCodeCache.mjs; an empty
 * cache directory of the user's own), and with no code cache at all (QUADRAT_CODE_CACHE=0). The time is
 * the fit's own, as the CLI's JSON reports it (`timing.fitMs`, wall; `--ddf none`: the fit alone, as
 * lmer()). GLMMs are left out: their JSON adds the simulated residuals the printed summary does not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchCase } from './benchCases';

export type InstalledVariant = 'seeded' | 'none';

export interface InstalledRunner {
  /** The fit's wall ms in a fresh `quadrat fit` process, or undefined (a GLMM, a subset, a failure). */
  run(c: BenchCase, variant: InstalledVariant): number | undefined;
}

export function installedRunner(dir: string): InstalledRunner {
  if (spawnSync('npm', ['run', 'build:node'], { stdio: 'ignore' }).status !== 0) throw new Error('bench: npm run build:node failed');
  return {
    run(c, variant) {
      if (c.subset) return undefined;
      const args = ['--data', join('test/data', c.data), '--formula', c.formula, '--ddf', 'none', '--json'];
      if (c.factors.length) args.push('--factor', c.factors.join(','));
      if (!c.REML) args.push('--ml');
      if (c.weights) args.push('--weights', c.weights);
      const cacheDir = mkdtempSync(join(dir, 'user-cache-'));
      const env: Record<string, string | undefined> = { ...process.env, QUADRAT_CODE_CACHE_DIR: cacheDir, QUADRAT_CODE_CACHE: variant === 'none' ? '0' : undefined };
      try {
        const r = spawnSync(process.execPath, ['dist/cli/quadrat.mjs', 'fit', ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env });
        if (r.status !== 0) {
          process.stderr.write(`bench: quadrat fit ${c.case} (${variant}) failed: ${r.stderr}\n`);
          return undefined;
        }
        return (JSON.parse(r.stdout) as { timing: { fitMs: number } }).timing.fitMs;
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    },
  };
}
