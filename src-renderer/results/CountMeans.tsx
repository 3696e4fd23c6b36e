/**
 * Marginal means of a glmmTMB fit per level of a factor, as the glmer fits' marginal-means table shows
 * them (StatTable, Num): the conditional mean (emmeans type = "response"; a count, a proportion for
 * beta and beta-binomial, a measurement for Gamma, lognormal, Tweedie and gaussian), the probability
 * of a structural zero (component = "zi"; with a hurdle, of any zero) and the mean of the response
 * including the zero part, (1 − π)·μ as glmmTMB's predict(type = "response"), each with its SE and
 * confidence limits. Computed with the fit (src-engine/tmb/tmbMeans.ts), so no job is run here.
 */
import { useState } from 'react';
import type { ReportHead } from '../../src-main/api/contract';
import { Num } from './Num';
import { StatTable } from './StatTable';

type Means = NonNullable<NonNullable<ReportHead['tmb']>['means']>[number];
type Row = Means['rows'][number];

export function CountMeans({ r, digits }: { r: ReportHead; digits: number }) {
  const t = r.tmb!;
  const all = t.means ?? [];
  const [picked, setPicked] = useState(all[0]?.factor ?? '');
  if (all.length === 0) {
    return t.meansNote ? <p className="muted small" data-testid="count-means-none">{t.meansNote}</p> : null;
  }
  const m = all.find((x) => x.factor === picked) ?? all[0];
  const hasZi = m.rows.some((x) => x.zi !== null);
  const zeroWord = t.hurdle ? 'P(zero)' : 'P(structural zero)';
  const pct = `${Math.round(m.level * 100)}%`;
  // the counts' conditional part is "the count part"; the other families' is their mean
  const counts = ['poisson', 'nbinom2', 'nbinom1', 'truncated_poisson', 'truncated_nbinom2', 'genpois'].includes(t.family);
  const condHead = counts ? 'Mean (count part)' : t.family === 'betabinomial' ? 'Probability' : 'Mean';
  return (
    <section className="result-block" data-testid="count-means">
      <div className="block-head">
        <h3>Marginal means</h3>
        {all.length > 1 && (
          <select aria-label="Factor" value={m.factor} onChange={(e) => setPicked(e.target.value)} data-testid="count-means-factor">
            {all.map((x) => (
              <option key={x.factor}>{x.factor}</option>
            ))}
          </select>
        )}
      </div>
      <StatTable<Row>
        testId="count-means-table"
        rows={m.rows}
        rowKey={(x) => x.level}
        rowProps={(x) => ({ 'data-level': x.level })}
        columns={[
          { head: m.factor, cell: (x) => <th scope="row">{x.level}</th>, text: true },
          { head: condHead, cell: (x) => <Num x={x.cond.estimate} digits={digits} /> },
          { head: 'SE', cell: (x) => <Num x={x.cond.SE} digits={digits} /> },
          hasZi && { head: zeroWord, cell: (x) => <Num x={x.zi?.estimate} digits={digits} /> },
          hasZi && { head: 'SE', cell: (x) => <Num x={x.zi?.SE} digits={digits} /> },
          { head: 'Mean response', cell: (x) => <Num x={x.response.estimate} digits={digits} /> },
          { head: 'SE', cell: (x) => <Num x={x.response.SE} digits={digits} /> },
          { head: 'lower CL', cell: (x) => <Num x={x.response.lowerCL} digits={digits} /> },
          { head: 'upper CL', cell: (x) => <Num x={x.response.upperCL} digits={digits} /> },
        ]}
      />
      <p className="table-note">
        Averaged over the other factors with equal weights, covariates at their means, random effects at zero, as emmeans. {condHead}: emmeans(m, ~ {m.factor}, type = &quot;response&quot;)
        {t.hurdle ? ', the untruncated count mean' : ''}.{' '}
        {hasZi ? `${zeroWord}: emmeans(m, ~ ${m.factor}, component = "zi", type = "response"). ` : ''}
        Mean response: {hasZi ? (t.hurdle ? '(1 − P(zero)) × the zero-truncated mean' : `(1 − P(structural zero)) × the ${counts ? 'count mean' : 'mean'}`) : `the ${counts ? 'count mean' : 'mean'}`} per cell, averaged on the response scale (glmmTMB’s predict(type = &quot;response&quot;)), delta-method SE, {pct} limits on the {t.family === 'gaussian' ? 'response' : 'log'} scale with {m.df} df.
      </p>
      {m.notes.map((n) => (
        <p key={n} className="banner warning">
          {n}: {m.factor} interacts with another variable, so its means are averaged over that variable.
        </p>
      ))}
    </section>
  );
}
