/** The V8 tiering each `quadrat` command runs under (src-main/cli/v8Flags.ts). */
import { describe, expect, it } from 'vitest';
import { CLI_INTERRUPT_BUDGET, CLI_WASM_TIERING_BUDGET, cliV8Flags, commandOf } from '../../../src-main/cli/v8Flags';

describe('V8 flags per command', () => {
  it('gives commands that fit once 16× the default interrupt budget, and batch and bayes V8’s default', () => {
    expect(CLI_INTERRUPT_BUDGET).toBe(16 * 67584);
    expect(CLI_WASM_TIERING_BUDGET).toBe(100_000_000);
    expect(cliV8Flags('fit')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000`);
    expect(cliV8Flags('usage')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000`);
    expect(cliV8Flags('batch')).toBe('--interrupt-budget=67584');
    expect(cliV8Flags('bayes')).toBe('--interrupt-budget=67584');
    expect(cliV8Flags('confint')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000`);
  });

  it('reads the command as the launcher does', () => {
    expect(commandOf(['batch', '--data', 'x.csv'])).toBe('batch');
    expect(commandOf(['fit'])).toBe('fit');
    expect(commandOf([])).toBe('usage');
    expect(commandOf(['--version'])).toBe('usage');
  });
});
