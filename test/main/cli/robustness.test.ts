/**
 * The CLI as a careless user or a shell pipeline meets it (issue 16): no arguments, a pipe or a
 * device as --data, and output to a reader that goes away — a clear line and exit 2, or a quiet
 * exit, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const cli = useCli();

describe('quadrat robustness', () => {
  it('prints the usage on stderr and exits 2 without arguments', () => {
    const r = cli.run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: quadrat <command>/);
  });

  it('refuses a pipe and a device as the data file instead of hanging or reading forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-fifo-'));
    try {
      const fifo = join(dir, 'data.csv');
      const made = spawnSync('mkfifo', [fifo]).status === 0;
      if (made) {
        const r = cli.run(['describe', '--data', fifo]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^error: This is a pipe \(FIFO\), not a data file/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (existsSync('/dev/zero')) {
      const r = cli.run(['describe', '--data', '/dev/zero']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: This is a device, not a data file/);
    }
  });

  it('stops quietly when the reader of its output goes away (| head -c 100)', () => {
    const cmd = `"${process.execPath}" "${cli.path()}" fit --data test/data/sleepstudy.csv --factor Subject --formula "Reaction ~ Days + (Days | Subject)" --json --diagnostics | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^status=(0|141)$/);
  });
});
