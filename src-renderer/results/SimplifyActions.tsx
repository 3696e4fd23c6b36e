/**
 * One-click simplifications offered beside a singular fit: they load the fitted formula into the
 * builder with the random part made uncorrelated, or its slopes dropped; the user then fits again.
 */
import { useWorkbench } from '../app/context';
import { FormulaSyntaxError, parseFormulaTerms, type BuilderModel } from '../model/formulaTerms';

function readable(formula: string): BuilderModel | null {
  try {
    return parseFormulaTerms(formula).model;
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return null;
    throw e;
  }
}

export function SimplifyActions({ formula }: { formula: string }) {
  const wb = useWorkbench();
  const model = readable(formula);
  if (!model) return null;
  const correlated = model.random.filter((r) => r.correlated && r.slopes.length + (r.intercept ? 1 : 0) > 1);
  const sloped = model.random.filter((r) => r.slopes.length > 0);
  if (correlated.length === 0 && sloped.length === 0) return null;
  return (
    <div className="row-actions">
      {correlated.length > 0 && (
        <button
          type="button"
          className="btn small"
          onClick={() => wb.setBuilder({ ...model, random: model.random.map((r) => ({ ...r, correlated: false })) })}
        >
          Try uncorrelated random effects (||)
        </button>
      )}
      {sloped.length > 0 && (
        <button
          type="button"
          className="btn small"
          onClick={() => wb.setBuilder({ ...model, random: model.random.map((r) => ({ ...r, slopes: [], intercept: true, correlated: true })) })}
        >
          Try random intercepts only
        </button>
      )}
      <span className="muted small">loads the model into the builder; then press Fit</span>
    </div>
  );
}
