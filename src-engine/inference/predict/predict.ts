/**
 * predict() for a fitted lmer/glmer request: refit (as every inference job does), build the new rows'
 * design, and give each row its estimate and interval (predictRows.ts), with notes in plain words.
 */
import { type Table } from '../../data/table';
import { buildDesign } from '../../design/buildDesign';
import { fitDesign, type FitControl } from '../../lmm/fitDesign';
import { isGlmmSpec, type LmmRequest } from '../../lmm/fitLmm';
import { fitGlmmTable } from '../../glmm/fitGlmm';

import { type NewRow } from './newDataTable';
import { newDataDesign } from './newDataDesign';
import { glmmPredictionModel, lmmPredictionModel, type PredictionModel } from './predictionModel';
import { DEFAULT_PREDICT_OPTIONS, predictRows, type PredictOptions, type PredictionRow } from './predictRows';

export interface Predictions {
  readonly family: string;
  readonly link: string;
  readonly options: PredictOptions;
  rows: PredictionRow[];
  dropped: { row: number; reason: string }[];
  notes: string[];
}

export function predictionModel(table: Table, request: LmmRequest, control: FitControl = {}): PredictionModel {
  const { formula, weights } = request;
  if (isGlmmSpec(request)) {
    const fit = fitGlmmTable(table, { formula, family: request.family!, link: request.link, nAGQ: request.nAGQ, weights }, control);
    return glmmPredictionModel(fit, formula, weights);
  }
  const fit = fitDesign(buildDesign(table, formula, weights ? { weights } : {}), request.reml, control);
  return lmmPredictionModel(fit, formula, weights);
}

function notesFor(model: PredictionModel, rows: readonly PredictionRow[], o: PredictOptions): string[] {
  const notes: string[] = [];
  const unseen = [...new Set(rows.flatMap((r) => r.newGroups))];
  if (o.re === 'group' && unseen.length)
    notes.push(`Not in the fitted data: ${unseen.slice(0, 6).join(', ')}${unseen.length > 6 ? ', …' : ''}. Such a row is predicted as a new group: its random effect is 0 and its interval carries the groups' spread (lme4: allow.new.levels = TRUE).`);
  const glmm = model.family !== 'gaussian';
  if (o.interval === 'confidence') notes.push(o.re === 'population' ? 'Confidence intervals carry the uncertainty of the fixed effects only (the mean of a typical group).' : 'Confidence intervals carry the uncertainty of the fixed effects and of each row’s own group effect (its conditional variance).');
  if (o.interval === 'prediction')
    notes.push(
      glmm
        ? `GLMM prediction intervals cover the ${o.re === 'population' ? 'mean of a new group (the groups’ spread included)' : 'mean of the row’s group'}, not a single new ${model.family === 'poisson' ? 'count' : 'observation'}.`
        : o.re === 'population'
          ? 'Prediction intervals are for a new observation in a new group: fixed-effect uncertainty, the groups’ spread and the residual variance.'
          : 'Prediction intervals are for a new observation in the row’s own group: fixed-effect uncertainty, the group effect’s conditional variance and the residual variance.',
    );
  if (o.interval !== 'none') notes.push(o.method === 'delta' ? 'Intervals: normal on the link scale (delta method).' : `Intervals: ${o.nsim} simulations (seed ${o.seed}), as merTools' predictInterval.`);
  if (glmm && o.scale === 'response' && o.re === 'population') notes.push('“Bias-adjusted” is the mean over groups (emmeans’ bias adjustment with the random-effect variance); the estimate is the typical group’s mean.');
  return notes;
}

export function predict(table: Table, request: LmmRequest, newRows: readonly NewRow[], options: Partial<PredictOptions> = {}, control: FitControl = {}): Predictions {
  const o: PredictOptions = { ...DEFAULT_PREDICT_OPTIONS, ...options };
  const model = predictionModel(table, request, control);
  const nd = newDataDesign(table, model.structure, newRows);
  const rows = predictRows(model, nd, o);
  return { family: model.family, link: model.link.name, options: o, rows, dropped: nd.dropped, notes: notesFor(model, rows, o) };
}
