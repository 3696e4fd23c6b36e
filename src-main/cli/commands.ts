/** The registry of CLI commands; each command lives in its own file. */
import { describe } from './describe';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  describe,
};
