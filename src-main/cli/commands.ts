/**
 * The registry of CLI commands; each command lives in its own file, loaded only when it runs, so a
 * command starts without parsing the others (the report writers, docx, the Bayesian and nlme code):
 * the CLI bundle is split into chunks by esbuild (src-main/tooling/build-node.mjs).
 */

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, () => Promise<Command>> = {
  batch: async () => (await import('./batch')).batch,
  bayes: async () => (await import('./bayes')).bayes,
  compare: async () => (await import('./compare')).compare,
  confint: async () => (await import('./confint')).confint,
  describe: async () => (await import('./describe')).describe,
  emmeans: async () => (await import('./emmeans')).emmeans,
  fit: async () => (await import('./fit')).fit,
  ranova: async () => (await import('./ranova')).ranova,
  step: async () => (await import('./step')).step,
  advise: async () => (await import('./advise')).advise,
  predict: async () => (await import('./predict')).predict,
};
