/** The V8 tiering each `quadrat` command runs under (src-main/cli/v8Flags.ts). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_INTERRUPT_BUDGET, CLI_SEMI_SPACE_GROWTH, CLI_WASM_TIERING_BUDGET, LARGE_DATA_BYTES, cliV8Flags, commandOf, dataFileBytes } from '../../../src-main/cli/v8Flags';

describe('V8 flags per command', () => {
  it('gives commands that fit once 16× the default interrupt budget and a young generation grown at once, and batch and bayes V8’s default', () => {
    expect(CLI_INTERRUPT_BUDGET).toBe(16 * 67584);
    expect(CLI_WASM_TIERING_BUDGET).toBe(100_000_000);
    expect(CLI_SEMI_SPACE_GROWTH).toBe(16);
    expect(cliV8Flags('fit')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000 --semi-space-growth-factor=16`);
    expect(cliV8Flags('usage')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000 --semi-space-growth-factor=16`);
    expect(cliV8Flags('batch')).toBe('--interrupt-budget=67584');
    expect(cliV8Flags('bayes')).toBe('--interrupt-budget=67584');
    expect(cliV8Flags('confint')).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000 --semi-space-growth-factor=16`);
  });

  it('gives a command with a large data file V8’s default (a large fit is one long hot loop)', () => {
    expect(LARGE_DATA_BYTES).toBe(1 << 20);
    expect(cliV8Flags('fit', LARGE_DATA_BYTES)).toBe('--interrupt-budget=67584');
    expect(cliV8Flags('fit', LARGE_DATA_BYTES - 1)).toBe(`--interrupt-budget=${16 * 67584} --wasm-tiering-budget=100000000 --semi-space-growth-factor=16`);
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-v8flags-'));
    const file = join(dir, 'd.csv');
    writeFileSync(file, 'y,g\n1,a\n');
    expect(dataFileBytes(['fit', '--data', file, '--formula', 'y ~ (1 | g)'])).toBe(8);
    expect(dataFileBytes(['fit', `--data=${file}`])).toBe(8);
    expect(dataFileBytes(['fit', '--data', join(dir, 'missing.csv')])).toBe(0);
    expect(dataFileBytes(['fit', '--formula', 'y ~ 1'])).toBe(0);
    expect(dataFileBytes(['fit', '--data'])).toBe(0);
  });

  it('reads the command as the launcher does', () => {
    expect(commandOf(['batch', '--data', 'x.csv'])).toBe('batch');
    expect(commandOf(['fit'])).toBe('fit');
    expect(commandOf([])).toBe('usage');
    expect(commandOf(['--version'])).toBe('usage');
  });
});
