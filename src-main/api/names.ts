/**
 * The method and event names alone, without their schemas, for code that must stay small (the
 * Electron preload). contract.ts fails to compile if these lists and apiMethods/apiEvents differ.
 */
export const METHOD_NAMES = [
  'app.info', 'app.pickPath',
  'project.new', 'project.open', 'project.openExample', 'project.saveAs', 'project.close', 'project.current',
  'project.setNotes', 'project.getUiState', 'project.setUiState',
  'recent.list', 'recent.remove', 'recent.clear',
  'examples.list',
  'settings.get', 'settings.update',
  'dataset.import', 'dataset.list', 'dataset.get', 'dataset.rows', 'dataset.rename', 'dataset.delete', 'dataset.summary',
  'dataset.setCells', 'dataset.insertRows', 'dataset.deleteRows', 'dataset.addColumn', 'dataset.renameColumn',
  'dataset.deleteColumn', 'dataset.setColumnType', 'dataset.setLevels', 'dataset.setReferenceLevel', 'dataset.undo', 'dataset.redo',
  'fit.start', 'fit.chooseCount',
  'job.get', 'job.list', 'job.cancel', 'job.wait',
  'model.list', 'model.get', 'model.vectors', 'model.rename', 'model.annotate', 'model.delete', 'model.compare', 'model.checkCandidates',
  'model.confint', 'model.confintResult', 'model.ranova', 'model.ranovaResult', 'model.step', 'model.stepResult', 'model.emmeans', 'model.r2', 'model.contest',
  'batch.start', 'batch.resume', 'batch.list', 'batch.get', 'batch.delete', 'batch.export',
  'export.datasetCsv', 'export.fitJson', 'export.table', 'export.report', 'export.rCode', 'export.figure',
  'bayes.priors', 'bayes.start', 'bayes.refitGlmm', 'bayes.list', 'bayes.get', 'bayes.draws', 'bayes.conditionalEffects', 'bayes.ppCheck', 'bayes.loo', 'bayes.hypothesis', 'bayes.rCode', 'bayes.rename', 'bayes.delete',
  'nlme.varianceStep',
  'model.ranef',
  'model.designCheck',
  'model.advise',
  'model.adviseResult',
  'model.designMatrices',
  'model.predict',
  'model.effects',
  'dataset.describe',
  'dataset.addComputedColumn', 'dataset.setColumnDefinition', 'dataset.checkFilter',
] as const;

export const EVENT_NAMES = ['job.progress', 'job.finished', 'project.changed', 'menu.command'] as const;
