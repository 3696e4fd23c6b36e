/**
 * brms's summary(fit) as tables — Group-Level Effects per grouping factor, Population-Level Effects,
 * Family Specific Parameters — with brms's columns (Estimate, Est.Error, l-95% CI, u-95% CI, Rhat,
 * Bulk_ESS, Tail_ESS) and each row's draw name (b_Intercept, sd_tank__Intercept); then the sampler's
 * checks in plain language.
 */
import type { BayesReportWire, BayesRowWire } from '../../src-main/api/contract';
import { Num } from '../results/Num';
import { HeadCells } from '../results/HeadCells';

const RHAT_LIMIT = 1.01;
const ESS_LIMIT = 400;

export function SummaryTable({ rows, testId, caption, digits }: { rows: BayesRowWire[]; testId: string; caption: string; digits: number }) {
  return (
    <table className="result-table bayes-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" />
          <HeadCells heads={['Estimate', 'Est.Error', 'l-95% CI', 'u-95% CI', 'Rhat', 'Bulk_ESS', 'Tail_ESS']} />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const badRhat = r.Rhat === null || r.Rhat > RHAT_LIMIT;
          const lowEss = r.Bulk_ESS === null || r.Bulk_ESS < ESS_LIMIT || r.Tail_ESS === null || r.Tail_ESS < ESS_LIMIT;
          return (
            <tr key={r.parameter} data-parameter={r.parameter} className={badRhat ? 'flag-bad' : lowEss ? 'flag-warn' : undefined}>
              <th scope="row" title={r.parameter}>
                <code>{r.label}</code> <span className="muted small">{r.parameter}</span>
              </th>
              <Num x={r.Estimate} digits={digits} />
              <Num x={r['Est.Error']} digits={digits} />
              <Num x={r['l-95% CI']} digits={digits} />
              <Num x={r['u-95% CI']} digits={digits} />
              <td className={`num${badRhat ? ' bad' : ''}`} data-value={r.Rhat ?? ''}>
                {r.Rhat === null ? 'NA' : r.Rhat.toFixed(2)}
              </td>
              <td className="num" data-value={r.Bulk_ESS ?? ''}>
                {r.Bulk_ESS === null ? 'NA' : Math.round(r.Bulk_ESS)}
              </td>
              <td className="num" data-value={r.Tail_ESS ?? ''}>
                {r.Tail_ESS === null ? 'NA' : Math.round(r.Tail_ESS)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function BayesTables({ r, digits }: { r: BayesReportWire; digits: number }) {
  return (
    <div className="bayes-tables">
      {r.random.map((g) => (
        <SummaryTable key={g.group} rows={g.rows} testId={`bayes-random-${g.group}`} caption={`Group-Level Effects: ~${g.group} (Number of levels: ${g.levels})`} digits={digits} />
      ))}
      {r.fixed.length > 0 && <SummaryTable rows={r.fixed} testId="bayes-fixed" caption="Population-Level Effects" digits={digits} />}
      {r.spec.length > 0 && <SummaryTable rows={r.spec} testId="bayes-spec" caption="Family Specific Parameters" digits={digits} />}
    </div>
  );
}

/** Divergences, tree-depth hits and E-BFMI, each said plainly with what to do. */
export function Diagnostics({ r }: { r: BayesReportWire }) {
  const s = r.sampler;
  const ebfmi = s.ebfmi.map((e) => (e == null ? NaN : e));
  const lowE = ebfmi.map((e, k) => [e, k] as const).filter(([e]) => e < 0.3);
  const items: { id: string; ok: boolean; title: string; text: string }[] = [
    {
      id: 'divergent',
      ok: s.divergent === 0,
      title: `${s.divergent} divergent transition${s.divergent === 1 ? '' : 's'} after warm-up`,
      text:
        s.divergent === 0
          ? 'The sampler followed the posterior everywhere it went.'
          : `The sampler could not follow part of the posterior (often a funnel where a group-level SD is near 0), so the estimates may be biased. Raise adapt_delta above ${r.settings.adaptDelta} (0.95 or 0.99); if divergences remain, use stronger priors on the SDs or fewer group-level effects.`,
    },
    {
      id: 'treedepth',
      ok: s.treedepthHits === 0,
      title: `${s.treedepthHits} transition${s.treedepthHits === 1 ? '' : 's'} at the maximum tree depth (${s.maxTreedepth})`,
      text:
        s.treedepthHits === 0
          ? 'No trajectory was cut short.'
          : 'An efficiency concern, not a validity one: the parameters are strongly correlated or badly scaled. Raise max_treedepth, or centre and scale the predictors.',
    },
    {
      id: 'ebfmi',
      ok: lowE.length === 0,
      title: `E-BFMI per chain: ${ebfmi.map((e) => (Number.isFinite(e) ? e.toFixed(2) : 'NA')).join(', ')}`,
      text:
        lowE.length === 0
          ? 'Every chain explores the energy distribution well (all at least 0.3).'
          : `Chain${lowE.length > 1 ? 's' : ''} ${lowE.map(([, k]) => k + 1).join(', ')} below 0.3: the sampler explores the tails poorly (heavy tails or a funnel). Reparameterize or tighten the priors.`,
    },
  ];
  return (
    <section className="bayes-diagnostics" data-testid="bayes-diagnostics">
      <h3>Sampler diagnostics</h3>
      <ul>
        {items.map((i) => (
          <li key={i.id} className={i.ok ? 'ok' : 'warn'} data-testid={`diag-${i.id}`} data-ok={String(i.ok)}>
            <strong>{i.ok ? '✓' : '⚠'} {i.title}.</strong> {i.text}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Step size per chain {s.stepsize.map((x) => x.toPrecision(3)).join(', ')}; mean accept_stat {s.meanAcceptStat.map((x) => (x == null ? 'NA' : x.toFixed(2))).join(', ')} (target {r.settings.adaptDelta}).
        {s.warmupDivergent > 0 && ` ${s.warmupDivergent} divergent transitions during warm-up (not counted: warm-up draws are discarded).`}
      </p>
      {r.warnings.length > 0 && (
        <div className="banner warning" role="alert" data-testid="bayes-warnings">
          <ul>
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {r.notes.map((n) => (
        <p key={n} className="muted small">
          Note: {n}
        </p>
      ))}
    </section>
  );
}
