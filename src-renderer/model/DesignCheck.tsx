/**
 * The advisor's design check as the model is built (issue 20): the data read against the formula —
 * IDs reused across sites, one-observation groups, too few levels, scales, separation — each finding
 * with what it means, what to do, and its one-click fix. Asked of the engine (model.designCheck, in a
 * worker) a moment after the formula stops changing; a newer formula drops an older answer.
 */
import { useEffect, useState } from 'react';
import type { Result } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';

type Finding = Result<'model.designCheck'>['findings'][number];

/** Typing pauses this long before the check runs. */
const SETTLE_MS = 400;

const TITLES: Record<Finding['code'], string> = {
  'reused-ids': 'IDs reused across groups',
  'singleton-groups': 'Groups with one observation',
  'no-within-variation': 'No variation within groups',
  'few-levels': 'Few levels for a random effect',
  scales: 'Covariates on very different scales',
  separation: 'Complete separation',
};

interface Props {
  datasetId: number;
  /** The dataset's content version: an edit re-checks. */
  dataVersion: string;
  formula: string;
  family: 'gaussian' | 'binomial' | 'poisson' | 'Gamma' | 'inverse.gaussian';
  /** False while the formula has an error or no random effect: nothing to check. */
  enabled: boolean;
  /** The builder's row filter: the check looks at the rows the fit will use. */
  filter?: string;
}

export function DesignCheck({ datasetId, dataVersion, formula, family, enabled, filter }: Props) {
  const wb = useWorkbench();
  const [findings, setFindings] = useState<{ key: string; list: Finding[] } | null>(null);
  const key = `${datasetId}\u0000${dataVersion}\u0000${family}\u0000${formula}\u0000${filter ?? ''}`;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const t = setTimeout(() => {
      wb.api.model
        .designCheck({ datasetId, formula, family, ...(filter ? { filter } : {}) })
        .then((r) => current && setFindings({ key, list: r.findings }))
        // a formula the engine refuses is shown by the formula box when fitting; the check stays quiet
        .catch(() => current && setFindings({ key, list: [] }));
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [wb, key, enabled, datasetId, formula, family, filter]);

  if (!enabled || !findings || findings.key !== key) return null;
  return (
    <section className="design-check" data-testid="design-check" data-state={findings.list.length ? 'findings' : 'clean'} aria-label="Design check">
      {findings.list.length === 0 ? (
        <p className="small muted">Design check: nothing found in the data for this model.</p>
      ) : (
        <>
          <h4>Design check</h4>
          <ul>
            {findings.list.map((f) => (
              <li key={`${f.code}:${f.columns.join(',')}`} className={f.severity} data-testid="design-finding" data-code={f.code}>
                <strong>{TITLES[f.code]}</strong> <span className="small">({f.columns.join(', ')})</span>
                <p>{f.meaning}</p>
                <p className="small">{f.action}</p>
                {f.fix && (
                  <button type="button" className="btn small" data-testid="design-fix" title={f.fix.formula} onClick={() => wb.setFormulaText(f.fix!.formula)}>
                    {f.fix.label}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
