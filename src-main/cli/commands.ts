/** The registry of CLI commands; each command lives in its own file. */
import { batch } from './batch';
import { bayes } from './bayes';
import { compare } from './compare';
import { confint } from './confint';
import { describe } from './describe';
import { emmeans } from './emmeans';
import { fit } from './fit';
import { ranova } from './ranova';
import { step } from './step';
import { advise } from './advise';
import { predict } from './predict';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  batch,
  bayes,
  compare,
  confint,
  describe,
  emmeans,
  fit,
  ranova,
  step,
  advise,
  predict,
};
