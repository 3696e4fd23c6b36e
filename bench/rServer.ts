/**
 * A long-lived Rscript answering one JSON request per line with one JSON line (an R script's `--serve`
 * mode), so a benchmark can time R and Quadrat alternately, case by case: on a shared machine whose speed
 * drifts over seconds, timings taken minutes apart compare the machine's moods, not the programs.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';

export class RServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: ((line: string | null) => void)[] = [];

  private constructor(script: string) {
    this.child = spawn('Rscript', [script, '--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (b: Buffer) => process.stderr.write(`R: ${b.toString()}`));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
    this.child.on('exit', () => {
      for (const w of this.waiting.splice(0)) w(null);
    });
  }

  /** The server, or null when Rscript is not installed. */
  static start(script: string): RServer | null {
    const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
    return probe.error || probe.status !== 0 ? null : new RServer(script);
  }

  /** Sends one request; resolves with the parsed reply, or null if R exited. */
  request<T>(message: object): Promise<T | null> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(line === null ? null : (JSON.parse(line) as T)));
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
