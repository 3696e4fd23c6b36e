/** The count advisor's findings (src-engine/advisor/count) as `quadrat fit` prints them after summary(glmmTMB). */
import { type CountFinding } from '../../src-engine/advisor/count/countFinding';

export function formatCountAdvice(findings: readonly CountFinding[]): string {
  if (findings.length === 0) return '';
  const out = ['', 'Advice:'];
  for (const f of findings) {
    out.push(`[${f.code}] ${f.title}`, `  ${f.meaning}`, `  What to do: ${f.action}`);
    if (f.fixes.length) out.push(`  Try: ${f.fixes.map((x) => `--family ${x.family}${x.ziformula === '~0' ? '' : ` --zi "${x.ziformula}"`}`).join('; ')}`);
  }
  return out.join('\n') + '\n';
}
