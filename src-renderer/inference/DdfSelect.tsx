/**
 * The denominator-df choice of the inference panels. Kenward–Roger is offered only for REML fits
 * (pbkrtest's adjustment is defined for REML), so an ML fit always uses Satterthwaite.
 */
import type { EmmeansResult } from '../../src-main/api/contract';

export type Ddf = EmmeansResult['ddf'];

/** The df method a request uses: the chosen one, or Satterthwaite when the fit is ML. */
export const effectiveDdf = (chosen: Ddf, reml: boolean): Ddf => (reml ? chosen : 'satterthwaite');

export function DdfSelect({ chosen, reml, onChange, testId }: { chosen: Ddf; reml: boolean; onChange: (ddf: Ddf) => void; testId: string }) {
  return (
    <select aria-label="Degrees-of-freedom method" value={effectiveDdf(chosen, reml)} onChange={(e) => onChange(e.target.value as Ddf)} data-testid={testId}>
      <option value="satterthwaite">Satterthwaite df</option>
      <option value="kenward-roger" disabled={!reml}>
        Kenward–Roger df{reml ? '' : ' (REML fits only)'}
      </option>
    </select>
  );
}
