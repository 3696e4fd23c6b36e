/**
 * The machine's state for throughput-bound code, sampled beside a benchmark's timings.
 *
 * On this shared VM a Gram kernel (loads and multiply–adds over an 8.6 KB matrix, the shape of the
 * engine's criteria) runs at ≈ 4.2 µs a call for a while, then at ≈ 7–9 µs for seconds, then fast again,
 * inside one process whose code does not change — while a latency-bound loop (a chain of square
 * roots) moves by only ≈ 15 %. R's fits, mostly interpreted, are hit less than Quadrat's compiled
 * loops, so a ratio timed in a slow spell is worse than the programs are. A benchmark samples this
 * probe next to each timing and prints the state (its time over the best seen in the run: 1.0 fast,
 * ≈ 1.7–2 slow), so a reader can tell the machine from the code.
 */
const NB = 180;
const M = 6;

export class MachineProbe {
  private readonly W = new Float64Array(NB * M).map((_, i) => Math.sin(i));
  private readonly A = new Float64Array(M * M);
  private readonly samples: number[] = [];

  constructor() {
    for (let k = 0; k < 20_000; k++) this.gram(); // optimised before the first sample
  }

  private gram(): void {
    const { W, A } = this;
    for (let j = 0; j < M; j++) {
      for (let k = j; k < M; k++) {
        let s = 0;
        for (let a = 0; a < NB; a++) s += W[j * NB + a] * W[k * NB + a];
        A[j * M + k] += s;
      }
    }
  }

  /** µs per kernel call now (≈ 10 ms of CPU), remembered for `state`. */
  sample(): number {
    const calls = 2_000;
    const t = process.cpuUsage();
    for (let k = 0; k < calls; k++) this.gram();
    const d = process.cpuUsage(t);
    const us = (d.user + d.system) / calls;
    this.samples.push(us);
    return us;
  }

  /** A sample's time over the fastest sample of the run (1 = the machine at its best). */
  state(us: number): number {
    return us / Math.min(...this.samples);
  }
}
