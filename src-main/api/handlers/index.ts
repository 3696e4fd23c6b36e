/** Every handler, one domain per file; `satisfies Handlers` makes a missing method a compile error. */
import { type Handlers } from '../dispatch';
import { appHandlers } from './app';
import { batchHandlers } from './batch';
import { bayesHandlers } from './bayes';
import { datasetHandlers } from './dataset';
import { examplesHandlers } from './examples';
import { exportHandlers } from './export';
import { fitHandlers, jobHandlers } from './fit';
import { inferenceHandlers } from './inference';
import { modelHandlers } from './model';
import { projectHandlers } from './project';
import { recentHandlers } from './recent';
import { settingsHandlers } from './settings';
import { nlmeHandlers } from './nlme';

export const handlers = {
  ...appHandlers,
  ...projectHandlers,
  ...recentHandlers,
  ...examplesHandlers,
  ...settingsHandlers,
  ...datasetHandlers,
  ...fitHandlers,
  ...jobHandlers,
  ...modelHandlers,
  ...batchHandlers,
  ...inferenceHandlers,
  ...exportHandlers,
  ...bayesHandlers,
  ...nlmeHandlers,
} satisfies Handlers;
